//playbook:options benchtime=100ms count=5

// Structs of 8, 24, 64 and 256 bytes passed by value and by
// pointer: to a function the compiler sees (called directly,
// not inlined), and to a function value, whose parameters the
// compiler must assume escape.
package valueorpointer

import (
	"fmt"
	"testing"
	"unsafe"
)

type S8 struct{ A int64 }

type S24 struct{ A, B, C int64 }

type S64 struct{ A, B, C, D, E, F, G, H int64 }

type S256 struct{ W, X, Y, Z S64 }

func (s S8) sum() int64 { return s.A }

func (s S24) sum() int64 { return s.A + s.B + s.C }

func (s S64) sum() int64 {
	return s.A + s.B + s.C + s.D + s.E + s.F + s.G + s.H
}

func (s S256) sum() int64 {
	return s.W.sum() + s.X.sum() + s.Y.sum() + s.Z.sum()
}

//go:noinline
func val8(s S8) int64 { return s.sum() }

//go:noinline
func ptr8(s *S8) int64 { return s.sum() }

//go:noinline
func val24(s S24) int64 { return s.sum() }

//go:noinline
func ptr24(s *S24) int64 { return s.sum() }

//go:noinline
func val64(s S64) int64 { return s.sum() }

//go:noinline
func ptr64(s *S64) int64 { return s.sum() }

//go:noinline
func val256(s S256) int64 { return s.sum() }

//go:noinline
func ptr256(s *S256) int64 { return s.sum() }

// The same functions, called through function values.
var (
	fval8, fptr8     = val8, ptr8
	fval24, fptr24   = val24, ptr24
	fval64, fptr64   = val64, ptr64
	fval256, fptr256 = val256, ptr256
)

var sink int64

// want BenchmarkDirect/val8 allocs/op == 0
// want BenchmarkDirect/ptr8 allocs/op == 0
// want BenchmarkDirect/val24 allocs/op == 0
// want BenchmarkDirect/ptr24 allocs/op == 0
// want BenchmarkDirect/val64 allocs/op == 0
// want BenchmarkDirect/ptr64 allocs/op == 0
// want BenchmarkDirect/val256 allocs/op == 0
// want BenchmarkDirect/ptr256 allocs/op == 0
func BenchmarkDirect(b *testing.B) {
	b.Run("val8", func(b *testing.B) {
		for b.Loop() {
			s := S8{A: sink}
			sink = val8(s)
		}
	})
	b.Run("ptr8", func(b *testing.B) {
		for b.Loop() {
			s := S8{A: sink}
			sink = ptr8(&s)
		}
	})
	b.Run("val24", func(b *testing.B) {
		for b.Loop() {
			s := S24{A: sink}
			sink = val24(s)
		}
	})
	b.Run("ptr24", func(b *testing.B) {
		for b.Loop() {
			s := S24{A: sink}
			sink = ptr24(&s)
		}
	})
	b.Run("val64", func(b *testing.B) {
		for b.Loop() {
			s := S64{A: sink}
			sink = val64(s)
		}
	})
	b.Run("ptr64", func(b *testing.B) {
		for b.Loop() {
			s := S64{A: sink}
			sink = ptr64(&s)
		}
	})
	b.Run("val256", func(b *testing.B) {
		for b.Loop() {
			s := S256{W: S64{A: sink}}
			sink = val256(s)
		}
	})
	b.Run("ptr256", func(b *testing.B) {
		for b.Loop() {
			s := S256{W: S64{A: sink}}
			sink = ptr256(&s)
		}
	})
}

// want BenchmarkFuncValue/val8 allocs/op == 0
// want BenchmarkFuncValue/ptr8 allocs/op == 1
// want BenchmarkFuncValue/ptr8 B/op == 8
// want BenchmarkFuncValue/val24 allocs/op == 0
// want BenchmarkFuncValue/ptr24 allocs/op == 1
// want BenchmarkFuncValue/ptr24 B/op == 24
// want BenchmarkFuncValue/val64 allocs/op == 0
// want BenchmarkFuncValue/ptr64 allocs/op == 1
// want BenchmarkFuncValue/ptr64 B/op == 64
// want BenchmarkFuncValue/val256 allocs/op == 0
// want BenchmarkFuncValue/ptr256 allocs/op == 1
// want BenchmarkFuncValue/ptr256 B/op == 256
// want BenchmarkFuncValue/val8 ns/op < 0.7 * BenchmarkFuncValue/ptr8
// want BenchmarkFuncValue/val24 ns/op < 0.7 * BenchmarkFuncValue/ptr24
// want BenchmarkFuncValue/val64 ns/op < 0.7 * BenchmarkFuncValue/ptr64
// want BenchmarkFuncValue/val256 ns/op < 1.0 * BenchmarkFuncValue/ptr256
func BenchmarkFuncValue(b *testing.B) {
	b.Run("val8", func(b *testing.B) {
		for b.Loop() {
			s := S8{A: sink}
			sink = fval8(s)
		}
	})
	b.Run("ptr8", func(b *testing.B) {
		for b.Loop() {
			s := S8{A: sink}
			sink = fptr8(&s)
		}
	})
	b.Run("val24", func(b *testing.B) {
		for b.Loop() {
			s := S24{A: sink}
			sink = fval24(s)
		}
	})
	b.Run("ptr24", func(b *testing.B) {
		for b.Loop() {
			s := S24{A: sink}
			sink = fptr24(&s)
		}
	})
	b.Run("val64", func(b *testing.B) {
		for b.Loop() {
			s := S64{A: sink}
			sink = fval64(s)
		}
	})
	b.Run("ptr64", func(b *testing.B) {
		for b.Loop() {
			s := S64{A: sink}
			sink = fptr64(&s)
		}
	})
	b.Run("val256", func(b *testing.B) {
		for b.Loop() {
			s := S256{W: S64{A: sink}}
			sink = fval256(s)
		}
	})
	b.Run("ptr256", func(b *testing.B) {
		for b.Loop() {
			s := S256{W: S64{A: sink}}
			sink = fptr256(&s)
		}
	})
}

func Example() {
	fmt.Println(unsafe.Sizeof(S8{}), unsafe.Sizeof(S24{}),
		unsafe.Sizeof(S64{}), unsafe.Sizeof(S256{}))
	// Output:
	// 8 24 64 256
}
