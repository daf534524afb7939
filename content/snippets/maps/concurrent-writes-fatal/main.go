// Two goroutines writing one map with no lock between them. The
// runtime notices the second writer and stops the whole program with
// a fatal error: not a panic, so no recover can catch it, and every
// goroutine dies with it.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	defer func() {
		// Never runs: a fatal error skips deferred calls.
		fmt.Println("recovered:", recover())
	}()

	// Two threads, so that the writes overlap even on a one-CPU
	// machine.
	runtime.GOMAXPROCS(2)

	m := make(map[int]int)
	go func() {
		for i := 0; ; i++ {
			m[i%1000] = i
		}
	}()
	for i := 0; ; i++ {
		m[i%1000] = -i
	}
}

// want error fatal_error
// want exit 2
// want stderr "^fatal error: concurrent map writes"
// want stdout "(?<![\\s\\S])(?![\\s\\S])"
