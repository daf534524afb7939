//playbook:options benchtime=20000x count=3

// Which conversions to an interface allocate. Every function stores
// its value in a package-level any, so the interface escapes; the
// runtime or the compiler still avoids the allocation when the data
// word can point at something that already exists: static data for
// constants, a shared zero value, the value itself for pointers.
// Go 1.25 extended that to composite literals of constants, zero
// composite literals and locals that only ever hold one. The loops
// use b.N so that the snippet builds on every release.
package conversions

import "testing"

type point struct{ X, Y int }

// wrapper has a single pointer field: it is pointer-shaped.
type wrapper struct{ p *int }

var (
	sink   any
	n      = 1000
	origin point // zero, but only known at run time
	x      int
	nums   = []int{1, 2, 3}
	none   []int
)

//go:noinline
func constInt() { sink = 1000 } // want "1000 escapes to heap"

//go:noinline
func varInt() { sink = n } // want "n escapes to heap"

//go:noinline
func constString() { sink = "a constant string" }

//go:noinline
func literal() { sink = point{1, 2} } // want `point{...} escapes to heap`

//go:noinline
func zeroLiteral() { sink = point{} }

//go:noinline
func localLiteral() {
	p := point{1, 2}
	sink = p
}

//go:noinline
func zeroAtRunTime() { sink = origin }

//go:noinline
func pointerShaped() { sink = wrapper{&x} }

//go:noinline
func zeroSize() { sink = struct{}{} }

//go:noinline
func nilSlice() { sink = none }

//go:noinline
func slice() { sink = nums }

// describe does not keep its argument: the conversion at the call
// site does not escape and uses a temporary on the caller's stack.
//
//go:noinline
func describe(v any) int { // want "v does not escape"
	if i, ok := v.(int); ok {
		return i
	}
	return 0
}

//go:noinline
func notEscaping() int { return describe(n) } // want "n does not escape"

// The stack temporary is used only up to 1,024 bytes: a larger value
// is copied to the heap although it does not escape.
var (
	small [128]int // 1,024 bytes
	large [129]int // 1,032 bytes
)

//go:noinline
func notEscapingSmall() int { return describe(small) } // want "small does not escape"

//go:noinline
func notEscapingLarge() int { return describe(large) } // want "large does not escape"

func run(b *testing.B, f func()) {
	for i := 0; i < b.N; i++ {
		f()
	}
}

// want BenchmarkConstInt allocs/op == 0
// want BenchmarkVarInt allocs/op == 1
// want BenchmarkVarInt B/op == 8
// want BenchmarkConstString allocs/op == 0
func BenchmarkConstInt(b *testing.B)    { run(b, constInt) }
func BenchmarkVarInt(b *testing.B)      { run(b, varInt) }
func BenchmarkConstString(b *testing.B) { run(b, constString) }

// want go1.21-1.24 BenchmarkLiteral allocs/op == 1
// want go1.21-1.24 BenchmarkLiteral B/op == 16
// want go1.25+ BenchmarkLiteral allocs/op == 0
// want go1.21-1.24 BenchmarkZeroLiteral allocs/op == 1
// want go1.25+ BenchmarkZeroLiteral allocs/op == 0
// want go1.21-1.24 BenchmarkLocalLiteral allocs/op == 1
// want go1.25+ BenchmarkLocalLiteral allocs/op == 0
func BenchmarkLiteral(b *testing.B)      { run(b, literal) }
func BenchmarkZeroLiteral(b *testing.B)  { run(b, zeroLiteral) }
func BenchmarkLocalLiteral(b *testing.B) { run(b, localLiteral) }

// want BenchmarkZeroAtRunTime allocs/op == 1
// want BenchmarkZeroAtRunTime B/op == 16
// want BenchmarkPointerShaped allocs/op == 0
// want BenchmarkZeroSize allocs/op == 0
// want BenchmarkNilSlice allocs/op == 0
// want BenchmarkSlice allocs/op == 1
// want BenchmarkSlice B/op == 24
func BenchmarkZeroAtRunTime(b *testing.B) { run(b, zeroAtRunTime) }
func BenchmarkPointerShaped(b *testing.B) { run(b, pointerShaped) }
func BenchmarkZeroSize(b *testing.B)      { run(b, zeroSize) }
func BenchmarkNilSlice(b *testing.B)      { run(b, nilSlice) }
func BenchmarkSlice(b *testing.B)         { run(b, slice) }

// want BenchmarkNotEscaping allocs/op == 0
// want BenchmarkNotEscapingSmall allocs/op == 0
// want BenchmarkNotEscapingLarge allocs/op == 1
// want BenchmarkNotEscapingLarge B/op == 1152
func BenchmarkNotEscaping(b *testing.B) {
	for i := 0; i < b.N; i++ {
		notEscaping()
	}
}

func BenchmarkNotEscapingSmall(b *testing.B) {
	for i := 0; i < b.N; i++ {
		notEscapingSmall()
	}
}

func BenchmarkNotEscapingLarge(b *testing.B) {
	for i := 0; i < b.N; i++ {
		notEscapingLarge()
	}
}
