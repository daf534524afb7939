//playbook:options benchtime=200ms count=5

// Appending to a slice without capacity reallocates and copies the backing array each time it
// fills up; making it with the right capacity allocates once.
package basics

import "testing"

const n = 1000

var sink []int

// want BenchmarkAppendGrow allocs/op >= 8
// want BenchmarkAppendPrealloc allocs/op == 1
// want BenchmarkAppendPrealloc B/op == 8192
// want BenchmarkAppendPrealloc ns/op < 0.8 * BenchmarkAppendGrow
func BenchmarkAppendGrow(b *testing.B) {
	for b.Loop() {
		var s []int
		for i := range n {
			s = append(s, i)
		}
		sink = s
	}
}

func BenchmarkAppendPrealloc(b *testing.B) {
	for b.Loop() {
		s := make([]int, 0, n)
		for i := range n {
			s = append(s, i)
		}
		sink = s
	}
}
