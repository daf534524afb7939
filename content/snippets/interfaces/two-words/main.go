// An interface value is two machine words: a type word (for an empty
// interface the *_type, for a non-empty one an itab that also holds
// the method table) and a data word. A pointer-shaped value is stored
// in the data word itself; any other value is stored elsewhere and
// the data word points to it. Boxing the same small integer twice
// points at the same static copy; boxing a larger one makes a new
// copy each time.
package main

import (
	"fmt"
	"io"
	"strings"
	"unsafe"
)

// words is the layout of an interface value.
type words struct {
	typ  unsafe.Pointer
	data unsafe.Pointer
}

func split(p *any) words { return *(*words)(unsafe.Pointer(p)) }

// box converts an int known only at run time to an interface that
// escapes.
//
//go:noinline
func box(v int) any { return v } // want "v escapes to heap"

func main() {
	var e any
	var r io.Reader
	fmt.Println("any:", unsafe.Sizeof(e), "bytes; io.Reader:",
		unsafe.Sizeof(r), "bytes")

	x := 42
	p := &x
	var boxed any = p
	fmt.Println("a *int is stored in the data word itself:",
		split(&boxed).data == unsafe.Pointer(p))

	a, b := box(42), box(42)
	fmt.Println("two boxed 42s, same type word:",
		split(&a).typ == split(&b).typ)
	fmt.Println("two boxed 42s, same data pointer:",
		split(&a).data == split(&b).data)

	c, d := box(4242), box(4242)
	fmt.Println("two boxed 4242s, same data pointer:",
		split(&c).data == split(&d).data)

	r = strings.NewReader("x")
	fmt.Println("an io.Reader is also two words:", unsafe.Sizeof(r))
	// Output:
	// any: 16 bytes; io.Reader: 16 bytes
	// a *int is stored in the data word itself: true
	// two boxed 42s, same type word: true
	// two boxed 42s, same data pointer: true
	// two boxed 4242s, same data pointer: false
	// an io.Reader is also two words: 16
}
