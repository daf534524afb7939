//playbook:options benchtime=20000x count=3

// A slice built without a capacity and returned, the same with the
// capacity, and a local slice made with a capacity known only at run
// time, on each side of Go 1.25 and Go 1.26.
package collect

import "testing"

//go:noinline
func collect(n int) []int {
	var s []int
	for i := range n {
		s = append(s, i) // want go1.24 !"append" go1.25+ "append escapes to heap"
	}
	return s
}

//go:noinline
func collectCap(n int) []int {
	s := make([]int, 0, n) // want `make\(\[\]int, 0, n\) escapes to heap`
	for i := range n {
		s = append(s, i)
	}
	return s
}

//go:noinline
func sumLocal(n int) int {
	s := make([]int, 0, n) // want go1.24 "escapes to heap" go1.25+ "does not escape"
	for i := range n {
		s = append(s, i)
	}
	sum := 0
	for i := range len(s) {
		sum += s[i]
	}
	return sum
}

var sink []int

// want go1.24-1.25 BenchmarkCollect3 allocs/op == 3
// want go1.24-1.25 BenchmarkCollect3 B/op == 56
// want go1.26+ BenchmarkCollect3 allocs/op == 1
// want go1.26+ BenchmarkCollect3 B/op == 24
func BenchmarkCollect3(b *testing.B) {
	for b.Loop() {
		sink = collect(3)
	}
}

// want go1.24-1.25 BenchmarkCollect100 allocs/op == 8
// want go1.24-1.25 BenchmarkCollect100 B/op == 2040
// want go1.26+ BenchmarkCollect100 allocs/op == 5
// want go1.26+ BenchmarkCollect100 B/op == 1984
func BenchmarkCollect100(b *testing.B) {
	for b.Loop() {
		sink = collect(100)
	}
}

// want BenchmarkCollectCap100 allocs/op == 1
// want BenchmarkCollectCap100 B/op == 896
func BenchmarkCollectCap100(b *testing.B) {
	for b.Loop() {
		sink = collectCap(100)
	}
}

// want go1.24 BenchmarkSumLocal4 allocs/op == 1
// want go1.24 BenchmarkSumLocal4 B/op == 32
// want go1.25+ BenchmarkSumLocal4 allocs/op == 0
func BenchmarkSumLocal4(b *testing.B) {
	for b.Loop() {
		sumLocal(4)
	}
}

// want BenchmarkSumLocal5 allocs/op == 1
// want BenchmarkSumLocal5 B/op == 48
func BenchmarkSumLocal5(b *testing.B) {
	for b.Loop() {
		sumLocal(5)
	}
}
