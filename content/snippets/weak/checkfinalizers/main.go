//playbook:options godebug=checkfinalizers=1

// The cleanup's argument points back to the object: the object
// stays reachable, so it is never freed and the cleanup never
// runs. No panic catches this indirect case.
// GODEBUG=checkfinalizers=1 (Go 1.25) makes the garbage collector
// look for such paths and stop the program when it finds one; Go
// 1.24 ignores the setting.
package main

import (
	"fmt"
	"runtime"
	"time"
)

type conn struct {
	fd  int
	buf []byte
}

type closer struct{ c *conn }

var closed = make(chan int, 1)

func open(fd int) *conn {
	c := &conn{fd: fd, buf: make([]byte, 64)}
	// Wrong: the argument leads back to c. Pass c.fd instead.
	runtime.AddCleanup(c, func(cl *closer) { closed <- cl.c.fd }, // want go1.25+ "^fatal error: detected possible issues with cleanups and/or finalizers$"
		&closer{c})
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

// want go1.24 stdout "^cleanup never ran$"
// want go1.25+ error fatal_error
// want go1.25+ exit 2
// want go1.25+ stderr "^Value of type main\\.conn at 0x[0-9a-f]+\n  is reachable from cleanup or cleanup argument$"
