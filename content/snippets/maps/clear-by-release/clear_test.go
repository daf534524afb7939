//playbook:options benchtime=200ms count=5

// clear on the old bucket map (Go 1.21 to 1.23), on the first
// Swiss-table map (Go 1.24) and after Go 1.25 taught clear to skip
// the parts of a map that hold nothing. The loops use b.N so that the
// snippet builds on every release.
package clearbyrelease

import "testing"

const n = 1000

func fill(m map[int]int) {
	for i := 0; i < n; i++ {
		m[i] = i
	}
}

func deleteAll(m map[int]int) {
	for k := range m {
		delete(m, k)
	}
}

// Emptying a 1,000-entry map and filling it again. The old map threw
// away its overflow buckets on clear, so the refill allocated them
// again (their number varies a little with the hash seed).
//
// want go1.21-1.23 BenchmarkClearRefill allocs/op == 4
// want go1.21-1.23 BenchmarkClearRefill B/op >= 100
// want go1.21-1.23 BenchmarkClearRefill B/op <= 130
// want go1.24+ BenchmarkClearRefill allocs/op == 0
// want go1.24+ BenchmarkClearRefill B/op == 0
func BenchmarkClearRefill(b *testing.B) {
	m := make(map[int]int)
	fill(m)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		clear(m)
		fill(m)
	}
}

// The delete loop is compiled to the same clear.
//
// want go1.21-1.23 BenchmarkDeleteLoopRefill allocs/op == 4
// want go1.24+ BenchmarkDeleteLoopRefill allocs/op == 0
func BenchmarkDeleteLoopRefill(b *testing.B) {
	m := make(map[int]int)
	fill(m)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		deleteAll(m)
		fill(m)
	}
}

// shrunk returns a map that held a million keys and now holds one.
func shrunk() map[int]int {
	m := make(map[int]int)
	for i := 0; i < 1_000_000; i++ {
		m[i] = i
	}
	for i := 1; i < 1_000_000; i++ {
		delete(m, i)
	}
	return m
}

// Clearing a map that once held a million keys and holds one at each
// clear, against clearing a map that never held more than one.
//
// want go1.21-1.24 BenchmarkClearShrunk ns/op > 10000 * BenchmarkClearSmall
// want go1.25+ BenchmarkClearShrunk ns/op < 2000 * BenchmarkClearSmall
func BenchmarkClearShrunk(b *testing.B) {
	m := shrunk()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m[0] = 0
		clear(m)
	}
}

// want BenchmarkClearSmall allocs/op == 0
func BenchmarkClearSmall(b *testing.B) {
	m := make(map[int]int)
	for i := 0; i < b.N; i++ {
		m[0] = 0
		clear(m)
	}
}
