//playbook:options benchtime=100ms count=5

// A range-over-func loop turns its body into a function (yield)
// and passes it to the iterator. When the compiler inlines the
// iterator into the loop, the body and its variables stay on the
// stack. When it cannot see the iterator (a parameter, a stored
// value), the body escapes and takes its captured variables to
// the heap.
package escapingiters

import (
	"iter"
	"testing"
)

type Set struct{ m map[int]struct{} }

func (s *Set) All() iter.Seq[int] {
	return func(yield func(int) bool) { // want "func literal escapes to heap"
		for k := range s.m {
			if !yield(k) {
				return
			}
		}
	}
}

var set = func() *Set {
	s := &Set{m: map[int]struct{}{}}
	for i := range 1000 {
		s.m[i] = struct{}{}
	}
	return s
}()

var sink int

// The iterator is inlined: nothing escapes.
//
// want BenchmarkInlined allocs/op == 0
func BenchmarkInlined(b *testing.B) {
	for range b.N {
		s := 0
		for k := range set.All() { // want "func literal does not escape"
			s += k
		}
		sink = s
	}
}

// sum sees only a func value: the loop body escapes.
//
//go:noinline
func sum(seq iter.Seq[int]) int {
	s := 0               // want "moved to heap: s"
	for k := range seq { // want "func literal escapes to heap"
		s += k
	}
	return s
}

// want go1.23-1.24 BenchmarkParameter allocs/op == 3
// want go1.25+ BenchmarkParameter allocs/op == 2
// want BenchmarkParameter B/op == 40
func BenchmarkParameter(b *testing.B) {
	for range b.N {
		sink = sum(set.All())
	}
}

var keep iter.Seq[int]

// A stored iterator: its closure escapes too.
//
// want go1.23-1.24 BenchmarkStored allocs/op == 4
// want go1.25+ BenchmarkStored allocs/op == 3
// want BenchmarkStored B/op == 56
func BenchmarkStored(b *testing.B) {
	for range b.N {
		keep = set.All()
		s := 0
		for k := range keep {
			s += k
		}
		sink = s
	}
}
