//playbook:options godebug=gctrace=1

// A few collections with GODEBUG=gctrace=1, then one forced with
// runtime.GC(). Each claim below checks one field of the line the
// runtime prints to stderr at the end of each cycle.
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
	live []*node  // about 12 MiB that stays reachable
	bufs [][]byte // 16 MiB more, with no pointers in it
	sink *node
)

func main() {
	for range 200_000 {
		live = append(live, &node{})
	}
	for range 1_000_000 {
		sink = &node{}
	}
	for range 2048 {
		bufs = append(bufs, make([]byte, 8192))
	}
	runtime.GC()
	// The runtime prints a cycle's gctrace line after it has woken the
	// goroutine waiting in runtime.GC, but before the world can be
	// stopped again: ReadMemStats stops it, so it waits for the line,
	// and the program cannot exit in the middle of it.
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	s := []metrics.Sample{
		{Name: "/gc/heap/live:bytes"}, // the third MB number
		{Name: "/gc/scan/heap:bytes"}, // only what holds pointers
	}
	metrics.Read(s)
	fmt.Println("live heap >= 28 MiB:", s[0].Value.Uint64() >= 28<<20)
	fmt.Println("scannable heap < 20 MiB:", s[1].Value.Uint64() < 20<<20)
	// Output:
	// live heap >= 28 MiB: true
	// scannable heap < 20 MiB: true
}

// The number, the time since start and the GC share of CPU:
// want stderr `^gc 1 @\d+\.\d{3}s \d+%: `
// Wall clock: sweep termination + mark + mark termination, in ms:
// want stderr `%: [\d.]+\+[\d.]+\+[\d.]+ ms clock, `
// CPU: STW + assist/background/idle mark + STW, in ms:
// want stderr ` ms clock, [\d.]+\+[\d.]+/[\d.]+/[\d.]+\+[\d.]+ ms cpu, `
// Heap at start -> at end -> marked live, then the goal:
// want stderr ` ms cpu, \d+->\d+->\d+ MB, \d+ MB goal, `
// Scannable stacks and globals, then GOMAXPROCS:
// want stderr ` MB goal, \d+ MB stacks, \d+ MB globals, \d+ P$`
// The cycle runtime.GC() started; it found 28 MiB or more live:
// want stderr ` ms cpu, \d+->\d+->(2[89]|[3-9]\d) MB, .* P \(forced\)$`
// Fields that do not exist:
// want !stderr "pause:"
// want !stderr "STW"
