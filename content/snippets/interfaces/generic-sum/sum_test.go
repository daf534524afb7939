//playbook:options benchtime=100ms count=3

// Summing numbers generically and through []any. The generic Sum is
// compiled once per GC shape: int and a named type over int share the
// go.shape.int instantiation, float64 gets its own. Summing through
// []any first boxes every element: one allocation per value that is
// not a small integer, plus the slice of interfaces.
package genericsum

import "testing"

type number interface{ ~int | ~float64 }

func Sum[T number](xs []T) T {
	var t T
	for _, x := range xs {
		t += x
	}
	return t
}

func SumAny(xs []any) float64 {
	var t float64
	for _, x := range xs {
		switch v := x.(type) {
		case int:
			t += float64(v)
		case float64:
			t += v
		}
	}
	return t
}

type cents int

const n = 1000

var (
	ints   = make([]int, n)
	prices = make([]cents, n)
	floats = make([]float64, n)
	sinkI  int
	sinkC  cents
	sinkF  float64
)

func init() {
	for i := range n {
		ints[i] = 1000 + i
		prices[i] = cents(1000 + i)
		floats[i] = float64(i) / 2
	}
}

func TestShapes(t *testing.T) {
	i := Sum(ints)   // want `inlining call to Sum\[go.shape.int\]`
	c := Sum(prices) // want `inlining call to Sum\[go.shape.int\]`
	f := Sum(floats) // want `inlining call to Sum\[go.shape.float64\]`
	if int(c) != i || f != 249750 {
		t.Fatal(i, c, f)
	}
}

// want BenchmarkGeneric allocs/op == 0
func BenchmarkGeneric(b *testing.B) {
	for b.Loop() {
		sinkI = Sum(ints)
	}
}

// want BenchmarkAny allocs/op == 1001
// want BenchmarkAny B/op == 24384
// want BenchmarkGeneric ns/op < 0.2 * BenchmarkAny
func BenchmarkAny(b *testing.B) {
	for b.Loop() {
		boxed := make([]any, len(ints))
		for i, v := range ints {
			boxed[i] = v // want "v escapes to heap"
		}
		sinkF = SumAny(boxed)
	}
}
