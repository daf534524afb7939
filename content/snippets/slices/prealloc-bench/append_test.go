//playbook:options benchtime=100ms count=5

// Building a slice of 10,000 ints: appending to a nil slice, making
// it with the capacity first, making it with the length and
// assigning by index, and appending a whole slice at once.
package prealloc

import "testing"

const n = 10_000

var (
	src  = make([]int, n)
	sink []int
)

// want BenchmarkGrow allocs/op == 19
// want BenchmarkGrow B/op >= 357624
// want BenchmarkGrow B/op <= 357700
func BenchmarkGrow(b *testing.B) {
	for b.Loop() {
		var s []int
		for i := range n {
			s = append(s, i)
		}
		sink = s
	}
}

// want BenchmarkCap allocs/op == 1
// want BenchmarkCap B/op == 81920
// want BenchmarkCap ns/op < 0.7 * BenchmarkGrow
func BenchmarkCap(b *testing.B) {
	for b.Loop() {
		s := make([]int, 0, n)
		for i := range n {
			s = append(s, i)
		}
		sink = s
	}
}

// want BenchmarkIndex allocs/op == 1
// want BenchmarkIndex B/op == 81920
// want BenchmarkIndex ns/op < 0.7 * BenchmarkGrow
func BenchmarkIndex(b *testing.B) {
	for b.Loop() {
		s := make([]int, n)
		for i := range s {
			s[i] = i
		}
		sink = s
	}
}

// want BenchmarkAppendAll allocs/op == 1
// want BenchmarkAppendAll B/op == 81920
func BenchmarkAppendAll(b *testing.B) {
	for b.Loop() {
		sink = append([]int(nil), src...)
	}
}
