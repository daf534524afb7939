//playbook:options godebug=gcstoptheworld=1,gctrace=1

// GODEBUG=gcstoptheworld=1 makes every cycle stop the program: its
// goroutines are not scheduled until marking is done. Nothing is
// allocated during a cycle, so no goroutine assists and the heap at
// the end of each cycle equals the heap at its start.
package main

import (
	"fmt"
	"runtime"
	"runtime/metrics"
)

type node struct {
	next *node
	pad  [6]int
}

var (
	live []*node
	sink *node
)

func main() {
	for range 200_000 {
		live = append(live, &node{})
	}
	for range 1_000_000 {
		sink = &node{}
	}
	runtime.GC()
	// The runtime prints a cycle's gctrace line after it has woken the
	// goroutine waiting in runtime.GC, but before the world can be
	// stopped again: ReadMemStats stops it, so it waits for the line,
	// and the program cannot exit in the middle of it.
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	s := []metrics.Sample{
		{Name: "/gc/cycles/total:gc-cycles"},
		{Name: "/cpu/classes/gc/mark/assist:cpu-seconds"},
	}
	metrics.Read(s)
	fmt.Println("cycles > 2:", s[0].Value.Uint64() > 2)
	fmt.Println("mark assist CPU:", s[1].Value.Float64())
	// Output:
	// cycles > 2: true
	// mark assist CPU: 0
}

// Heap at start equals heap at end, on the first and forced lines:
// want stderr `^gc 1 @.* ms cpu, (\d+)->\1->\d+ MB, `
// want stderr ` ms cpu, (\d+)->\1->\d+ MB, .*\(forced\)$`
// No assist time: the second CPU term is 0:
// want stderr `^gc 1 @.* ms clock, [\d.]+\+0/[\d.]+/[\d.]+\+`
