//playbook:options godebug=gctrace=1

// GOGC=off with and without a memory limit. Off alone, the heap only
// grows: nothing starts a collection. With a limit, the collector
// runs when the heap nears the limit, however far that is from the
// live heap. A live heap above the limit does not stop the program:
// the limit is soft, and the GC CPU limiter caps the collector at
// about half the CPU instead of letting it run without end.
package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

var (
	live [][]byte
	sink []byte
)

type stats struct{ cycles, held, goal, live uint64 }

// read returns the GC count, the memory the runtime holds from the
// OS (mapped and not released; what the limit counts), the heap goal
// and the heap marked live by the last cycle, in MiB.
func read() stats {
	s := []metrics.Sample{
		{Name: "/gc/cycles/total:gc-cycles"},
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
		{Name: "/gc/heap/goal:bytes"},
		{Name: "/gc/heap/live:bytes"},
	}
	metrics.Read(s)
	v := func(i int) uint64 { return s[i].Value.Uint64() }
	return stats{v(0), (v(1) - v(2)) >> 20, v(3) >> 20, v(4) >> 20}
}

// churn allocates mib MiB in 64 KiB buffers and drops them.
func churn(mib int) {
	for range mib * 16 {
		sink = make([]byte, 64<<10)
	}
}

func grow(mib int) {
	for range mib * 16 {
		live = append(live, make([]byte, 64<<10))
	}
}

func main() {
	grow(16)               // 16 MiB live
	debug.SetGCPercent(-1) // GOGC=off
	s0 := read()
	churn(64)
	s1 := read()
	fmt.Println("off, no limit: GCs:", s1.cycles-s0.cycles)
	fmt.Println("  holds at least 80 MiB:", s1.held >= 80)

	debug.SetMemoryLimit(48 << 20)
	churn(256)
	s2 := read()
	fmt.Println("off, limit 48 MiB: GCs > 0:", s2.cycles > s1.cycles)
	runtime.GC() // a cycle that ends with only the live heap marked
	fmt.Println("  heap goal under the limit:", read().goal < 48)

	grow(48) // 64 MiB live: more than the limit
	runtime.GC()
	s3 := read()
	fmt.Println("live heap over the limit, still running;")
	fmt.Println("  marked live:", s3.live, "MiB")
	fmt.Println("  holds more than the limit:", s3.held > 48)
}

// want stdout `^off, no limit: GCs: 0$`
// want stdout `^  holds at least 80 MiB: true$`
// want stdout `^off, limit 48 MiB: GCs > 0: true$`
// want stdout `^  heap goal under the limit: true$`
// want stdout `^  marked live: 6[4-9] MiB$`
// want stdout `^  holds more than the limit: true$`
// want stderr `^gc 1 @[0-9.]+s \d+%: `
// want stderr `MB goal, `
