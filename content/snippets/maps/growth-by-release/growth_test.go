//playbook:options benchtime=100ms count=3

// The same map operations on the old bucket map (Go 1.21 to 1.23) and
// on the Swiss-table map (Go 1.24 and later): filling a new map with
// n int keys, filling one made with a hint of n, and filling a map
// that does not escape. The loops use b.N so that the snippet builds
// on every release. The old map's counts for 100 and 1,000 keys vary
// by a few bytes from map to map (overflow buckets depend on the hash
// seed), so they are checked within bounds.
package growthbyrelease

import "testing"

var sink map[int]int

func fill(m map[int]int, n int) {
	for k := 0; k < n; k++ {
		m[k] = k
	}
}

func grow(b *testing.B, n int) {
	for i := 0; i < b.N; i++ {
		m := make(map[int]int)
		fill(m, n)
		sink = m
	}
}

func hint(b *testing.B, n int) {
	for i := 0; i < b.N; i++ {
		m := make(map[int]int, n)
		fill(m, n)
		sink = m
	}
}

// Up to 8 keys nothing changed: a header and one bucket (before 1.24)
// or one group (1.24 and later).
//
// want BenchmarkGrow8 allocs/op == 2
// want BenchmarkGrow8 B/op == 192
func BenchmarkGrow8(b *testing.B) { grow(b, 8) }

// want go1.21-1.23 BenchmarkGrow9 allocs/op == 3
// want go1.21-1.23 BenchmarkGrow9 B/op == 480
// want go1.24+ BenchmarkGrow9 allocs/op == 5
// want go1.24+ BenchmarkGrow9 B/op == 520
func BenchmarkGrow9(b *testing.B) { grow(b, 9) }

// want go1.21 BenchmarkGrow100 allocs/op == 16
// want go1.21 BenchmarkGrow100 B/op >= 10700
// want go1.21 BenchmarkGrow100 B/op <= 10800
// want go1.22-1.23 BenchmarkGrow100 allocs/op == 18
// want go1.22-1.23 BenchmarkGrow100 B/op >= 5500
// want go1.22-1.23 BenchmarkGrow100 B/op <= 5600
// want go1.24+ BenchmarkGrow100 allocs/op == 11
// want go1.24+ BenchmarkGrow100 B/op == 4648
func BenchmarkGrow100(b *testing.B) { grow(b, 100) }

// want go1.21 BenchmarkGrow1000 allocs/op >= 49
// want go1.21 BenchmarkGrow1000 allocs/op <= 50
// want go1.21 BenchmarkGrow1000 B/op >= 84500
// want go1.21 BenchmarkGrow1000 B/op <= 84800
// want go1.22-1.23 BenchmarkGrow1000 allocs/op >= 65
// want go1.22-1.23 BenchmarkGrow1000 allocs/op <= 66
// want go1.22-1.23 BenchmarkGrow1000 B/op >= 86600
// want go1.22-1.23 BenchmarkGrow1000 B/op <= 86900
// want go1.24+ BenchmarkGrow1000 allocs/op == 22
// want go1.24+ BenchmarkGrow1000 B/op == 74456
func BenchmarkGrow1000(b *testing.B) { grow(b, 1000) }

// want go1.21-1.23 BenchmarkHint9 allocs/op == 2
// want go1.21-1.23 BenchmarkHint9 B/op == 336
// want go1.24+ BenchmarkHint9 allocs/op == 4
// want go1.24+ BenchmarkHint9 B/op == 376
func BenchmarkHint9(b *testing.B) { hint(b, 9) }

// want go1.21-1.23 BenchmarkHint1000 allocs/op == 7
// want go1.21-1.23 BenchmarkHint1000 B/op >= 41100
// want go1.21-1.23 BenchmarkHint1000 B/op <= 41200
// want go1.24+ BenchmarkHint1000 allocs/op == 6
// want go1.24+ BenchmarkHint1000 B/op == 36992
func BenchmarkHint1000(b *testing.B) { hint(b, 1000) }

// local fills a map that does not escape and returns only its length.
//
//go:noinline
func local(n int) int {
	m := make(map[int]int)
	fill(m, n)
	return len(m)
}

// want BenchmarkLocal8 allocs/op == 0
func BenchmarkLocal8(b *testing.B) {
	for i := 0; i < b.N; i++ {
		local(8)
	}
}

// want go1.21-1.23 BenchmarkLocal9 allocs/op == 1
// want go1.21-1.23 BenchmarkLocal9 B/op == 288
// want go1.24+ BenchmarkLocal9 allocs/op == 3
// want go1.24+ BenchmarkLocal9 B/op == 328
func BenchmarkLocal9(b *testing.B) {
	for i := 0; i < b.N; i++ {
		local(9)
	}
}
