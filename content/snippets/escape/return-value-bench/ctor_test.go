//playbook:options benchtime=100ms count=5

// Three ways to get a Point: a pointer from a constructor that
// is not inlined, a pointer from one that is, and a value.
package returnvalue

import "testing"

type Point struct{ X, Y, Z float64 }

//go:noinline
func newPointNoinline(x, y, z float64) *Point {
	return &Point{x, y, z}
}

func newPoint(x, y, z float64) *Point {
	return &Point{x, y, z}
}

//go:noinline
func makePoint(x, y, z float64) Point {
	return Point{x, y, z}
}

var sink float64

// want BenchmarkPointerNoinline allocs/op == 1
// want BenchmarkPointerNoinline B/op == 24
func BenchmarkPointerNoinline(b *testing.B) {
	for b.Loop() {
		p := newPointNoinline(1, 2, 3)
		sink = p.X + p.Y + p.Z
	}
}

// want BenchmarkPointerInlined allocs/op == 0
// want BenchmarkPointerInlined ns/op < 0.5 * BenchmarkPointerNoinline
func BenchmarkPointerInlined(b *testing.B) {
	for b.Loop() {
		p := newPoint(1, 2, 3)
		sink = p.X + p.Y + p.Z
	}
}

// want BenchmarkValue allocs/op == 0
// want BenchmarkValue ns/op < 0.5 * BenchmarkPointerNoinline
func BenchmarkValue(b *testing.B) {
	for b.Loop() {
		p := makePoint(1, 2, 3)
		sink = p.X + p.Y + p.Z
	}
}
