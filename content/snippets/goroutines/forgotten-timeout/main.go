// A call with a timeout. When the timeout wins, nobody receives from
// ch, so the goroutine that produces the result blocks on its send
// forever, and keeps the result alive with it.
package main

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/metrics"
	"time"
)

const timeout = time.Millisecond

var errTimeout = errors.New("timeout")

// query stands for a slow backend: it returns 64 KiB once slow is
// closed, always after the caller's timeout here.
func query(slow <-chan struct{}) []byte {
	<-slow
	return make([]byte, 64<<10)
}

// leaky forgets that nobody may be left to receive.
func leaky(slow <-chan struct{}) ([]byte, error) {
	ch := make(chan []byte)
	go func() { ch <- query(slow) }()
	select {
	case r := <-ch:
		return r, nil
	case <-time.After(timeout):
		return nil, errTimeout
	}
}

// buffered gives the send a slot: the goroutine never blocks on it,
// and the channel, result and all, becomes garbage.
func buffered(slow <-chan struct{}) ([]byte, error) {
	ch := make(chan []byte, 1)
	go func() { ch <- query(slow) }()
	select {
	case r := <-ch:
		return r, nil
	case <-time.After(timeout):
		return nil, errTimeout
	}
}

// withContext stops waiting to send once the caller has given up.
func withContext(slow <-chan struct{}) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.TODO(), timeout)
	defer cancel()
	ch := make(chan []byte)
	go func() {
		r := query(slow)
		select {
		case ch <- r:
		case <-ctx.Done():
		}
	}()
	select {
	case r := <-ch:
		return r, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func liveMiB() float64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return float64(s[0].Value.Uint64()) / (1 << 20)
}

func run(name string, call func(<-chan struct{}) ([]byte, error)) {
	goroutines, heap := runtime.NumGoroutine(), liveMiB()
	slow := make(chan struct{})
	for range 100 {
		call(slow)
	}
	close(slow) // the backend answers, too late
	time.Sleep(100 * time.Millisecond)
	fmt.Printf("%-12s +%d goroutines, %+.1f MiB live heap\n",
		name+":", runtime.NumGoroutine()-goroutines, liveMiB()-heap)
}

func main() {
	run("leaky", leaky)
	run("buffered", buffered)
	run("withContext", withContext)
}

// want stdout `^leaky: +\+100 goroutines, \+6\.[2-5] MiB live heap$`
// want stdout `^buffered: +\+0 goroutines, [-+]0\.[0-2] MiB live heap$`
// want stdout `^withContext: +\+0 goroutines, [-+]0\.[0-2] MiB live heap$`
