// runtime.AddCleanup (Go 1.24) against runtime.SetFinalizer. A
// cleanup never receives its object, so it cannot bring it back;
// an object may have several; and objects in a cycle are freed,
// cleanups and all. Finalizers in a cycle never run, and the
// objects are never freed.
package main

import (
	"fmt"
	"runtime"
	"strings"
	"time"
)

type node struct {
	peer *node
	id   int
	_    [48]byte
}

var saved *node

func gc() {
	for range 3 {
		runtime.GC()
	}
}

func main() {
	// Two cleanups on one object: both run.
	ran := make(chan string, 8)
	x := &node{id: 1}
	report := func(s string) { ran <- s }
	runtime.AddCleanup(x, report, "close file")
	runtime.AddCleanup(x, report, "log stats")
	x = nil

	// A cycle with a cleanup on each object: both run.
	a, b := &node{id: 2}, &node{id: 3}
	a.peer, b.peer = b, a
	runtime.AddCleanup(a, report, "cycle a")
	runtime.AddCleanup(b, report, "cycle b")
	a, b = nil, nil

	// A cycle with a finalizer on each object: neither runs.
	fin := make(chan int, 2)
	c, d := &node{id: 4}, &node{id: 5}
	c.peer, d.peer = d, c
	runtime.SetFinalizer(c, func(n *node) { fin <- n.id })
	runtime.SetFinalizer(d, func(n *node) { fin <- n.id })
	c, d = nil, nil

	// A finalizer gets the object and can keep it: resurrection.
	e := &node{id: 6}
	runtime.SetFinalizer(e, func(n *node) {
		saved = n
		fin <- n.id
	})
	e = nil

	gc()
	for range 4 {
		<-ran
	}
	fmt.Println("cleanups run: 4 of 4")
	fmt.Println("finalizer ran for id", <-fin)
	time.Sleep(20 * time.Millisecond)
	gc()
	fmt.Println("cycle finalizers run:", len(fin))
	fmt.Println("resurrected:", saved.id)

	defer func() {
		msg := fmt.Sprint(recover())
		fmt.Println(strings.TrimPrefix(msg, "runtime.AddCleanup: "))
	}()
	f := &node{}
	runtime.AddCleanup(f, func(*node) {}, f)
	// Output:
	// cleanups run: 4 of 4
	// finalizer ran for id 6
	// cycle finalizers run: 0
	// resurrected: 6
	// ptr is equal to arg, cleanup will never run
}
