//playbook:options benchtime=200ms count=5

// Filling a map made without a size hint makes it grow again and
// again: every growth allocates a bigger table and moves every entry
// into it. With the hint, make allocates the whole table once and the
// inserts allocate nothing.
package sizehint

import "testing"

const n = 1000

var sink map[int]int

// want BenchmarkNoHint allocs/op == 22
// want BenchmarkNoHint B/op == 74456
// want BenchmarkHint allocs/op == 6
// want BenchmarkHint B/op == 36992
// want BenchmarkHint ns/op < 0.75 * BenchmarkNoHint
func BenchmarkNoHint(b *testing.B) {
	for b.Loop() {
		m := make(map[int]int)
		for i := range n {
			m[i] = i
		}
		sink = m
	}
}

func BenchmarkHint(b *testing.B) {
	for b.Loop() {
		m := make(map[int]int, n)
		for i := range n {
			m[i] = i
		}
		sink = m
	}
}
