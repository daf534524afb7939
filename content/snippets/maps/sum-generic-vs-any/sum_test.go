//playbook:options benchtime=100ms count=5

// Summing integers three ways: a generic function over []int, the
// pre-generics function over []any, and the same after boxing the
// ints into the []any it needs. Reading a []any does not
// allocate; building it does, once per value of 256 or more, and
// every element costs 16 bytes of interface plus the boxed copy.
package sumgeneric

import "testing"

type Integer interface{ ~int | ~int64 }

func SumInts[T Integer](xs []T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func SumAny(xs []any) int {
	s := 0
	for _, x := range xs {
		s += x.(int)
	}
	return s
}

// Cents has int64's underlying type, so it shares int64's shape:
// one compiled body serves both instantiations.
type Cents int64

func totals(c []Cents, n []int64) (Cents, int64) {
	return SumInts(c), SumInts(n) // want `inlining call to SumInts\[go\.shape\.int64\]`
}

const n = 1000

var ints, boxed = func() ([]int, []any) {
	xs, as := make([]int, n), make([]any, n)
	for i := range n {
		xs[i], as[i] = 1000+i, 1000+i
	}
	return xs, as
}()

var sink int

// want BenchmarkSumInts allocs/op == 0
func BenchmarkSumInts(b *testing.B) {
	for b.Loop() {
		sink = SumInts(ints)
	}
}

// Reading the []any costs a type check and a load through the
// boxed pointer per element: slower, but the same order of time.
//
// want BenchmarkSumAny allocs/op == 0
// want BenchmarkSumAny ns/op < 3 * BenchmarkSumInts
func BenchmarkSumAny(b *testing.B) {
	for b.Loop() {
		sink = SumAny(boxed)
	}
}

// A caller holding []int has to box every value to call SumAny: a
// 16,000-byte slice of interfaces (16,384 with its size class)
// and 1,000 boxed 8-byte ints.
//
// want BenchmarkBoxThenSum allocs/op == 1001
// want BenchmarkBoxThenSum B/op == 24384
// want BenchmarkBoxThenSum ns/op > 5 * BenchmarkSumAny
func BenchmarkBoxThenSum(b *testing.B) {
	for b.Loop() {
		as := make([]any, len(ints))
		for i, v := range ints {
			as[i] = v
		}
		sink = SumAny(as)
	}
}
