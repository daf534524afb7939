//playbook:options benchtime=100ms count=5

// Ranging over a map directly and through the iterators of
// package maps (Go 1.23), and collecting its keys into a slice.
// The loops use b.N so that the snippet builds on Go 1.23.
package mapiters

import (
	"maps"
	"slices"
	"testing"
)

var m = func() map[int]int {
	m := make(map[int]int, 1000)
	for i := range 1000 {
		m[i] = i
	}
	return m
}()

var sink int

// want BenchmarkRange allocs/op == 0
func BenchmarkRange(b *testing.B) {
	for range b.N {
		s := 0
		for k, v := range m {
			s += k + v
		}
		sink = s
	}
}

// maps.All is inlined, and so is the loop body passed to it.
//
// want BenchmarkMapsAll allocs/op == 0
// want BenchmarkMapsAll ns/op < 2 * BenchmarkRange
func BenchmarkMapsAll(b *testing.B) {
	for range b.N {
		s := 0
		for k, v := range maps.All(m) {
			s += k + v
		}
		sink = s
	}
}

// want BenchmarkMapsKeys allocs/op == 0
func BenchmarkMapsKeys(b *testing.B) {
	for range b.N {
		s := 0
		for k := range maps.Keys(m) {
			s += k
		}
		sink = s
	}
}

// slices.Collect cannot know the length: it grows the slice by
// appending, as a loop without a capacity would.
//
// want go1.23 BenchmarkCollect allocs/op == 15
// want go1.24 BenchmarkCollect allocs/op == 12
// want go1.25+ BenchmarkCollect allocs/op >= 11
// want go1.25+ BenchmarkCollect allocs/op <= 12
// want go1.24+ BenchmarkCollect B/op == 25208
func BenchmarkCollect(b *testing.B) {
	for range b.N {
		keys := slices.Collect(maps.Keys(m))
		sink = len(keys)
	}
}

// With the capacity given, one allocation of 8,000 bytes (rounded
// to its 8,192-byte size class).
//
// want go1.23 BenchmarkAppendSeq allocs/op == 4
// want go1.24+ BenchmarkAppendSeq allocs/op == 1
// want go1.24+ BenchmarkAppendSeq B/op == 8192
func BenchmarkAppendSeq(b *testing.B) {
	for range b.N {
		keys := make([]int, 0, len(m))
		keys = slices.AppendSeq(keys, maps.Keys(m))
		sink = len(keys)
	}
}
