//playbook:options godebug=gctrace=1

// The same workload at GOGC=100 without and with a memory limit of
// 28 MiB, over a live heap of 16 MiB. GOGC alone sets the goal at
// about twice the live heap; the limit is lower, so it sets the
// goal: less headroom per cycle, more cycles, a smaller heap.
package main

import (
	"fmt"
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

var (
	live [][]byte
	sink []byte
)

var s = []metrics.Sample{
	{Name: "/gc/cycles/total:gc-cycles"},
	{Name: "/memory/classes/heap/objects:bytes"},
	{Name: "/gc/heap/goal:bytes"},
}

// run allocates n buffers; it returns the cycles that ran, the
// average heap in objects and the largest heap goal it saw.
func run(n int) (cycles, heapMiB, goalMiB uint64) {
	runtime.GC()
	metrics.Read(s)
	start, sum, k, goal := s[0].Value.Uint64(), uint64(0),
		uint64(0), uint64(0)
	for i := range n {
		sink = make([]byte, 4096)
		if i%256 == 0 {
			metrics.Read(s)
			sum, k = sum+s[1].Value.Uint64(), k+1
			goal = max(goal, s[2].Value.Uint64())
		}
	}
	metrics.Read(s)
	return s[0].Value.Uint64() - start, sum / k >> 20, goal >> 20
}

func main() {
	runtime.GOMAXPROCS(1) // marking and allocating share one thread
	for range 2048 {
		live = append(live, make([]byte, 8192)) // 16 MiB
	}
	c1, h1, g1 := run(100_000)
	debug.SetMemoryLimit(28 << 20)
	c2, h2, g2 := run(100_000)
	debug.SetMemoryLimit(math.MaxInt64) // the default: no limit
	fmt.Printf("no limit: %3d cycles, heap %2d MiB, goal <= %2d MiB\n",
		c1, h1, g1)
	fmt.Printf("28 MiB:   %3d cycles, heap %2d MiB, goal <= %2d MiB\n",
		c2, h2, g2)
	fmt.Println("limit: at least 2x the cycles:", c2 >= 2*c1)
	fmt.Println("limit: smaller heap:", h2 < h1)
	fmt.Println("limit: goal below the limit:", g2 < 28)
}

// want stdout "^limit: at least 2x the cycles: true$"
// want stdout "^limit: smaller heap: true$"
// want stdout "^limit: goal below the limit: true$"
// want stderr `^gc \d+ @.* \d+ MB goal, .* P$`
