//playbook:options godebug=gctrace=1

// GOGC=off turns the proportional goal off. Alone, it means no
// collection at all; with a memory limit, the collector runs only
// when the heap nears the limit, and the heap is allowed to use it.
// GOGC=100 on the same workload: more cycles, a smaller heap.
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
}

// run allocates n buffers; it returns the cycles that ran and the
// largest heap in objects it saw.
func run(n int) (cycles, peakMiB uint64) {
	runtime.GC()
	metrics.Read(s)
	start, peak := s[0].Value.Uint64(), uint64(0)
	for i := range n {
		sink = make([]byte, 4096)
		if i%256 == 0 {
			metrics.Read(s)
			peak = max(peak, s[1].Value.Uint64())
		}
	}
	metrics.Read(s)
	return s[0].Value.Uint64() - start, peak >> 20
}

func main() {
	runtime.GOMAXPROCS(1) // marking and allocating share one thread
	for range 2048 {
		live = append(live, make([]byte, 8192)) // 16 MiB
	}
	debug.SetGCPercent(-1) // GOGC=off
	c0, p0 := run(20_000)  // 78 MiB of garbage
	fmt.Printf("off, no limit: %2d cycles, peak %3d MiB\n", c0, p0)

	debug.SetMemoryLimit(64 << 20)
	c1, p1 := run(100_000)
	fmt.Printf("off, 64 MiB:   %2d cycles, peak %3d MiB\n", c1, p1)

	debug.SetGCPercent(100)
	debug.SetMemoryLimit(math.MaxInt64)
	c2, p2 := run(100_000)
	fmt.Printf("GOGC=100:      %2d cycles, peak %3d MiB\n", c2, p2)
	fmt.Println("off+limit: peak within the limit:", p1 <= 64)
	fmt.Println("off+limit: fewer cycles than GOGC=100:", c1 < c2)
}

// want stdout `^off, no limit:  0 cycles, peak +9\d MiB$`
// want stdout `^off, 64 MiB: +\d+ cycles, peak +[4-6]\d MiB$`
// want stdout "^off\\+limit: peak within the limit: true$"
// want stdout "^off\\+limit: fewer cycles than GOGC=100: true$"
// want stderr `^gc \d+ @.* \d+->\d+->\d+ MB, [4-6]\d MB goal, `
