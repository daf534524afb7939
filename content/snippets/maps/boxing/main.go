// Storing a value in an `any` (a map[string]any entry, a []any
// element) boxes it: the interface holds a type and a pointer, so a
// value that is not itself pointer-shaped is copied, to the heap when
// the interface escapes, whatever its size. The runtime avoids that
// for a few values, which point into static data instead: integers
// 0–255 (and other 8-byte values whose bits are below 256, such as
// float64 zero), bools, single bytes and the empty string. An
// interface that does not escape keeps its copy on the stack.
package main

import (
	"fmt"
	"testing"
	"unsafe"
)

var sink any

//go:noinline
func boxInt(v int) { sink = v } // want "v escapes to heap"

//go:noinline
func boxFloat(v float64) { sink = v } // want "v escapes to heap"

//go:noinline
func boxString(v string) { sink = v } // want "v escapes to heap"

//go:noinline
func boxBool(v bool) { sink = v } // want "v escapes to heap"

//go:noinline
func boxByte(v byte) { sink = v } // want "v escapes to heap"

// pair is 8 bytes, the size of the interface's data word, and is
// still copied to the heap: only pointer-shaped values are stored in
// the word itself.
type pair struct{ A, B int32 }

//go:noinline
func boxPair(v pair) { sink = v } // want "v escapes to heap"

// isBig's interface does not escape, so the boxed copy of the value
// lives on the caller's stack.
//
//go:noinline
func isBig(v any) bool { // want "v does not escape"
	n, ok := v.(int)
	return ok && n > 255
}

func allocs(f func()) float64 { return testing.AllocsPerRun(1000, f) }

func main() {
	var e any
	fmt.Println("an any is", unsafe.Sizeof(e), "bytes, aligned to",
		unsafe.Alignof(e))
	s := fmt.Sprint(12345)
	fmt.Println("int 7:       ", allocs(func() { boxInt(7) }))
	fmt.Println("int 255:     ", allocs(func() { boxInt(255) }))
	fmt.Println("int 256:     ", allocs(func() { boxInt(256) }))
	fmt.Println("float64 0:   ", allocs(func() { boxFloat(0) }))
	fmt.Println("float64 1.5: ", allocs(func() { boxFloat(1.5) }))
	fmt.Println("bool:        ", allocs(func() { boxBool(true) }))
	fmt.Println("byte 200:    ", allocs(func() { boxByte(200) }))
	fmt.Println("empty string:", allocs(func() { boxString("") }))
	fmt.Println("string:      ", allocs(func() { boxString(s) }))
	p := pair{1, 2}
	fmt.Println("pair{1, 2}:  ", allocs(func() { boxPair(p) }))
	big := 1000
	fmt.Println("int 1000, interface not escaping:",
		allocs(func() { isBig(big) }))
	// Output:
	// an any is 16 bytes, aligned to 8
	// int 7:        0
	// int 255:      0
	// int 256:      1
	// float64 0:    0
	// float64 1.5:  1
	// bool:         0
	// byte 200:     0
	// empty string: 0
	// string:       1
	// pair{1, 2}:   1
	// int 1000, interface not escaping: 0
}
