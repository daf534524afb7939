// A channel that is never closed is garbage like anything else once
// nothing refers to it, values in its buffer included. What keeps
// memory alive is a goroutine blocked on a channel: its stack is a
// root of the collector, and it refers to the channel and the value.
package main

import (
	"fmt"
	"runtime"
	"time"
)

type payload struct{ data [1 << 20]byte }

var freed = make(chan string, 2)

// track returns a payload that reports on freed when collected.
func track(name string) *payload {
	p := new(payload)
	runtime.AddCleanup(p, func(n string) { freed <- n }, name)
	return p
}

// unclosed leaves a payload in a channel it never closes.
func unclosed() {
	ch := make(chan *payload, 1)
	ch <- track("the unclosed channel's payload")
}

// blocked starts a goroutine that sends to a channel nobody reads.
func blocked() {
	ch := make(chan *payload)
	go func() { ch <- track("the blocked goroutine's payload") }()
}

func main() {
	unclosed()
	blocked()
	time.Sleep(10 * time.Millisecond) // let the goroutine block
	runtime.GC()

	// Cleanups run on a goroutine of their own, soon after the GC.
	waits := []time.Duration{5 * time.Second, time.Second}
	for _, wait := range waits {
		select {
		case n := <-freed:
			fmt.Println("collected:", n)
		case <-time.After(wait):
			fmt.Println("nothing else collected")
		}
	}
	fmt.Println("goroutines:", runtime.NumGoroutine())
	// Output:
	// collected: the unclosed channel's payload
	// nothing else collected
	// goroutines: 2
}
