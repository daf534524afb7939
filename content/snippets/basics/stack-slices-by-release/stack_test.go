//playbook:options benchtime=100ms count=3

// Slices built in a function, on each side of Go 1.25 (a 32-byte
// stack buffer for make with a variable size and for append) and Go
// 1.26 (a slice that leaves its function is moved to the heap once,
// at the right size). The loops use b.N so that the snippet builds on
// every release.
package stackslices

import "testing"

// scratch makes a buffer whose size is known only at run time and
// uses it locally.
//
//go:noinline
func scratch(n int) byte {
	s := make([]byte, n) // want go1.21-1.24 `make\(\[\]byte, n\) escapes to heap` go1.25+ `make\(\[\]byte, n\) does not escape`
	s[0] = 1
	return s[0] + s[n-1]
}

// want go1.21-1.24 BenchmarkMake32 allocs/op == 1
// want go1.21-1.24 BenchmarkMake32 B/op == 32
// want go1.25+ BenchmarkMake32 allocs/op == 0
func BenchmarkMake32(b *testing.B) {
	for i := 0; i < b.N; i++ {
		scratch(32)
	}
}

// want BenchmarkMake33 allocs/op == 1
// want BenchmarkMake33 B/op == 48
func BenchmarkMake33(b *testing.B) {
	for i := 0; i < b.N; i++ {
		scratch(33)
	}
}

// Four appends to a nil slice, read back by indexing.
//
//go:noinline
func sumIndex() int {
	var s []int
	for i := 0; i < 4; i++ {
		s = append(s, i) // want go1.21-1.24 !"append" go1.25+ "append does not escape"
	}
	sum := 0
	for i := 0; i < len(s); i++ {
		sum += s[i]
	}
	return sum
}

// The same, read back with range.
//
//go:noinline
func sumRange() int {
	var s []int
	for i := 0; i < 4; i++ {
		s = append(s, i) // want go1.21-1.24 !"append" go1.25+ "append does not escape"
	}
	sum := 0
	for _, v := range s {
		sum += v
	}
	return sum
}

// The same four appends, returned.
//
//go:noinline
func build() []int {
	var s []int
	for i := 0; i < 4; i++ {
		s = append(s, i) // want go1.21-1.24 !"append" go1.25+ "append escapes to heap"
	}
	return s
}

// want go1.21-1.24 BenchmarkSumIndex allocs/op == 3
// want go1.21-1.24 BenchmarkSumIndex B/op == 56
// want go1.25+ BenchmarkSumIndex allocs/op == 0
func BenchmarkSumIndex(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sumIndex()
	}
}

// want go1.21-1.24 BenchmarkSumRange allocs/op == 3
// want go1.21-1.24 BenchmarkSumRange B/op == 56
// want go1.25 BenchmarkSumRange allocs/op == 0
// want go1.26+ BenchmarkSumRange allocs/op == 1
// want go1.26+ BenchmarkSumRange B/op == 32
func BenchmarkSumRange(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sumRange()
	}
}

var sink []int

// want go1.21-1.25 BenchmarkBuild allocs/op == 3
// want go1.21-1.25 BenchmarkBuild B/op == 56
// want go1.26+ BenchmarkBuild allocs/op == 1
// want go1.26+ BenchmarkBuild B/op == 32
func BenchmarkBuild(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink = build()
	}
}
