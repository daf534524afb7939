//playbook:options benchtime=100ms count=3

// Go 1.24 and 1.25 do not inline any call in the body of a b.Loop
// loop: a constructor that returns a pointer then allocates, as it
// would when called from a function that cannot inline it. Go 1.26
// inlines there too and keeps results alive another way, so the
// pointer's target can stay on the stack, as it would in a caller
// that inlines the constructor. Storing the result in a package-level
// variable makes it escape on every release.
package loopinlining

import "testing"

type point struct{ X, Y, Z int }

func newPoint(x, y, z int) *point {
	return &point{x, y, z}
}

var sink *point

// want go1.24-1.25 BenchmarkLoop allocs/op == 1
// want go1.24-1.25 BenchmarkLoop B/op == 24
// want go1.26+ BenchmarkLoop allocs/op == 0
func BenchmarkLoop(b *testing.B) {
	for b.Loop() { // want go1.24-1.25 "skip inlining within testing.B.loop"
		newPoint(1, 2, 3) // want go1.26+ "inlining call to newPoint"
	}
}

// want BenchmarkSink allocs/op == 1
// want BenchmarkSink B/op == 24
func BenchmarkSink(b *testing.B) {
	for b.Loop() {
		sink = newPoint(1, 2, 3)
	}
}
