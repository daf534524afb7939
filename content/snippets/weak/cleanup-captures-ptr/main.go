// A cleanup that refers to its own object keeps the object
// reachable: the object is never freed and the cleanup never
// runs. Go 1.24 and 1.25 accept it silently; since Go 1.26
// AddCleanup panics when the function closes over the pointer.
package main

import (
	"fmt"
	"runtime"
	"time"
)

type conn struct {
	fd int
	_  [32]byte
}

var closed = make(chan int, 1)

func open(fd int) *conn {
	c := &conn{fd: fd}
	// Wrong: the closure captures c. Pass c.fd as the argument.
	runtime.AddCleanup(c, func(int) { closed <- c.fd }, 0) // want go1.26+ "^panic: runtime.AddCleanup: cleanup function closes over ptr, cleanup will never run$"
	return c
}

func main() {
	open(3)
	runtime.GC()
	runtime.GC()
	select {
	case fd := <-closed:
		fmt.Println("closed", fd)
	case <-time.After(200 * time.Millisecond):
		fmt.Println("cleanup never ran")
	}
}

// want go1.24-1.25 stdout "^cleanup never ran$"
// want go1.26+ error panic
// want go1.26+ exit 2
