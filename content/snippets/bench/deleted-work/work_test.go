//playbook:options benchtime=100ms count=5

// A b.N loop whose result is never used measures nothing: the
// compiler inlines div, sees that the quotient is unused and deletes
// the divisions (only the checks for a zero divisor, which could
// panic, remain). b.Loop keeps the arguments and results of the calls
// in its body alive, so the work is done. Storing the result in a
// package-level variable does the same for a b.N loop.
package deletedwork

import "testing"

// Package-level, so that the compiler cannot fold them to constants.
var (
	input      uint64 = 1<<63 + 12345
	d1, d2, d3 uint64 = 3, 5, 7
	sink       uint64
)

// div is a chain of five dependent 64-bit divisions.
func div(x uint64) uint64 {
	a := x / d1
	b := a / d2
	c := b / d3
	d := c / d1
	return d / d2
}

// want BenchmarkUnused ns/op < 0.25 * BenchmarkLoop
func BenchmarkUnused(b *testing.B) {
	for i := 0; i < b.N; i++ {
		div(input)
	}
}

func BenchmarkLoop(b *testing.B) {
	for b.Loop() {
		div(input)
	}
}

// want BenchmarkSink ns/op > 4 * BenchmarkUnused
func BenchmarkSink(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink = div(input)
	}
}
