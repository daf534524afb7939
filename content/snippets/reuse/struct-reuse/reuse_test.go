//playbook:options benchtime=100ms count=5

// A per-batch scratch struct: a map counting words and a slice of
// positions. Reset in place, it keeps the map's table and the
// slice's array, and a batch allocates nothing.
package structreuse

import (
	"fmt"
	"testing"
)

type scratch struct {
	batch  int
	counts map[string]int
	pos    []int
}

func (s *scratch) add(words []string) {
	s.batch++
	for i, w := range words {
		s.counts[w]++
		s.pos = append(s.pos, i)
	}
}

// reset zeroes every field but keeps the map and the slice's array.
func (s *scratch) reset() {
	clear(s.counts)
	*s = scratch{counts: s.counts, pos: s.pos[:0]}
}

var words = func() []string {
	w := make([]string, 200)
	for i := range w {
		w[i] = fmt.Sprint("word", i%50)
	}
	return w
}()

// want BenchmarkFresh allocs/op >= 15
// want BenchmarkFresh B/op >= 7000
func BenchmarkFresh(b *testing.B) {
	for b.Loop() {
		s := &scratch{counts: map[string]int{}}
		s.add(words)
	}
}

// want BenchmarkNewMap allocs/op >= 8
// want BenchmarkNewMap B/op >= 3000
func BenchmarkNewMap(b *testing.B) {
	s := &scratch{counts: map[string]int{}}
	for b.Loop() {
		s.counts = map[string]int{} // instead of clear
		s.pos = s.pos[:0]
		s.add(words)
	}
}

// want BenchmarkReset allocs/op == 0
// want BenchmarkReset B/op == 0
// want BenchmarkReset ns/op < 0.8 * BenchmarkFresh
func BenchmarkReset(b *testing.B) {
	s := &scratch{counts: map[string]int{}}
	for b.Loop() {
		s.reset()
		s.add(words)
	}
}
