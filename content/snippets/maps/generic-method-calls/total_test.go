//playbook:options benchtime=100ms count=5

// Generics are compiled by GC shape, not once per type argument:
// all pointer types share one shape, so a method call on a type
// parameter instantiated with a pointer goes through the
// dictionary, an indirect call like an interface's, even after
// inlining.
package genericcalls

import "testing"

type Item struct{ cost int }

func (i *Item) Cost() int { return i.cost }

type Coster interface{ Cost() int }

func TotalConcrete(xs []*Item) int {
	t := 0
	for _, x := range xs {
		t += x.Cost() // want `inlining call to \(\*Item\)\.Cost`
	}
	return t
}

func TotalGeneric[T Coster](xs []T) int {
	t := 0
	for _, x := range xs {
		t += x.Cost()
	}
	return t
}

func TotalInterface(xs []Coster) int {
	t := 0
	for _, x := range xs {
		t += x.Cost()
	}
	return t
}

var items = func() []*Item {
	s := make([]*Item, 1000)
	for i := range s {
		s[i] = &Item{i}
	}
	return s
}()

var costers = func() []Coster {
	s := make([]Coster, len(items))
	for i, it := range items {
		s[i] = it
	}
	return s
}()

var sink int

// want BenchmarkConcrete allocs/op == 0
// want BenchmarkConcrete ns/op < 0.7 * BenchmarkGeneric
func BenchmarkConcrete(b *testing.B) {
	for b.Loop() {
		sink = TotalConcrete(items)
	}
}

// want BenchmarkGeneric allocs/op == 0
func BenchmarkGeneric(b *testing.B) {
	for b.Loop() {
		sink = TotalGeneric(items) // want `inlining call to TotalGeneric\[go\.shape\.\*uint8\]`
	}
}

// want BenchmarkInterface allocs/op == 0
func BenchmarkInterface(b *testing.B) {
	for b.Loop() {
		sink = TotalInterface(costers)
	}
}
