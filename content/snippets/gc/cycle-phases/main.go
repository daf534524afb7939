//playbook:options godebug=gctrace=1

// One collection cycle, seen from inside the program and in the
// trace. Each cycle stops the world twice (sweep termination, mark
// termination); marking runs between the two pauses, concurrently
// with the program, and an allocating goroutine is made to help
// ("mark assist"). Sweeping runs after the cycle, also concurrently.
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
	live []*node // ~25 MiB of small objects that stay reachable
	sink *node
)

var names = []string{
	"/gc/cycles/total:gc-cycles",
	"/sched/pauses/total/gc:seconds",
	"/cpu/classes/gc/mark/assist:cpu-seconds",
	"/cpu/classes/gc/mark/dedicated:cpu-seconds",
	"/cpu/classes/gc/mark/idle:cpu-seconds",
	"/cpu/classes/gc/pause:cpu-seconds",
}

func main() {
	for range 400_000 {
		live = append(live, &node{})
	}
	for range 3_000_000 { // garbage: 64-byte nodes dropped at once
		sink = &node{}
	}
	runtime.GC() // a forced cycle: its trace line ends "(forced)"
	// The runtime prints a cycle's gctrace line after it has woken the
	// goroutine waiting in runtime.GC, but before the world can be
	// stopped again: ReadMemStats stops it, so it waits for the line,
	// and the program cannot exit in the middle of it.
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)

	s := make([]metrics.Sample, len(names))
	for i := range s {
		s[i].Name = names[i]
	}
	metrics.Read(s)
	cycles := s[0].Value.Uint64()
	var pauses uint64
	for _, n := range s[1].Value.Float64Histogram().Counts {
		pauses += n
	}
	assist := s[2].Value.Float64()
	mark := assist + s[3].Value.Float64() + s[4].Value.Float64()
	pause := s[5].Value.Float64()

	fmt.Println("cycles:", cycles)
	fmt.Println("stop-the-world pauses:", pauses)
	fmt.Println("two per cycle:", pauses == 2*cycles)
	fmt.Println("allocating goroutine assisted:", assist > 0)
	fmt.Println("mark CPU > pause CPU:", mark > pause)
}

// want stdout "^cycles: ([3-9]|[1-9][0-9])$"
// want stdout "^two per cycle: true$"
// want stdout "^allocating goroutine assisted: true$"
// want stdout "^mark CPU > pause CPU: true$"
// want stderr `^gc 1 @[0-9.]+s \d+%: [0-9.]+\+[0-9.]+\+[0-9.]+ ms clock, `
// want stderr `ms cpu, \d+->\d+->\d+ MB, \d+ MB goal, .* P \(forced\)$`
