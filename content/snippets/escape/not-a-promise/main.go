// What escape analysis says, next to what the program allocates at
// run time, counted with testing.AllocsPerRun.
package main

import (
	"fmt"
	"testing"
)

func newCounter() *int {
	n := 0 // want "moved to heap: n"
	return &n
}

//go:noinline
func newCounterNoinline() *int {
	n := 0 // want "moved to heap: n"
	return &n
}

// countInlined uses the counter only locally: newCounter is inlined
// here, and its copy of n stays in countInlined's frame.
//
//go:noinline
func countInlined() int {
	c := newCounter() // want "inlining call to newCounter"
	*c++
	return *c
}

//go:noinline
func countNotInlined() int {
	c := newCounterNoinline()
	*c++
	return *c
}

//go:noinline
func scratch(n int) byte {
	buf := make([]byte, n) // want `make\(\[\]byte, n\) does not escape`
	return buf[n-1]
}

var sink any

//go:noinline
func box(v int) {
	sink = v // want "v escapes to heap"
}

func allocs(f func()) float64 { return testing.AllocsPerRun(1000, f) }

func main() {
	fmt.Println("newCounter, inlined:    ", allocs(func() { countInlined() }))
	fmt.Println("newCounter, not inlined:", allocs(func() { countNotInlined() }))
	fmt.Println("make([]byte, 32):       ", allocs(func() { scratch(32) }))
	fmt.Println("make([]byte, 33):       ", allocs(func() { scratch(33) }))
	fmt.Println("box(255):               ", allocs(func() { box(255) }))
	fmt.Println("box(256):               ", allocs(func() { box(256) }))
	// Output:
	// newCounter, inlined:     0
	// newCounter, not inlined: 1
	// make([]byte, 32):        0
	// make([]byte, 33):        1
	// box(255):                0
	// box(256):                1
}
