//playbook:options godebug=gctrace=1

// The same allocations, 60,000 buffers of 4 KiB over a live heap of
// 8 MiB, at GOGC=100 and at GOGC=400. The collector starts a cycle
// when the heap has grown by GOGC percent over what the last cycle
// found live, so the number of cycles follows the bytes allocated
// divided by that headroom. GOGC changes the headroom, not the
// allocations. GODEBUG=gctrace=1 prints one line per cycle on stderr.
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

type stats struct{ cycles, objects, bytes, pauses uint64 }

func read() stats {
	m := []metrics.Sample{
		{Name: "/gc/cycles/total:gc-cycles"},
		{Name: "/gc/heap/allocs:objects"},
		{Name: "/gc/heap/allocs:bytes"},
		{Name: "/sched/pauses/total/gc:seconds"},
	}
	metrics.Read(m)
	var pauses uint64 // the histogram counts every pause once
	for _, c := range m[3].Value.Float64Histogram().Counts {
		pauses += c
	}
	return stats{m[0].Value.Uint64(), m[1].Value.Uint64(),
		m[2].Value.Uint64(), pauses}
}

// churn allocates 60,000 buffers of 4 KiB, writes each one and drops
// it, and returns what the runtime counted meanwhile.
func churn(gogc int) stats {
	debug.SetGCPercent(gogc)
	runtime.GC()
	a := read()
	for range 60_000 {
		b := make([]byte, 4096)
		for i := range b {
			b[i] = byte(i)
		}
		sink = b
	}
	b := read()
	return stats{b.cycles - a.cycles, b.objects - a.objects,
		b.bytes - a.bytes, b.pauses - a.pauses}
}

func report(gogc int, s stats) {
	fmt.Printf("GOGC=%d: %dk allocations, %d MiB, %d GCs\n",
		gogc, (s.objects+500)/1000, s.bytes>>20, s.cycles)
}

func main() {
	for range 1024 {
		live = append(live, make([]byte, 8192))
	}
	s100, s400 := churn(100), churn(400)
	report(100, s100)
	report(400, s400)
	fmt.Println("GOGC=400 ran at most half the GCs:",
		2*s400.cycles <= s100.cycles)
	fmt.Printf("stop-the-world pauses per GC: %.0f\n",
		float64(s100.pauses)/float64(s100.cycles))
}

// want stdout "^GOGC=100: 60k allocations, 234 MiB, ([5-9]|[1-4][0-9]) GCs$"
// want stdout "^GOGC=400: 60k allocations, 234 MiB, ([1-9]|1[0-2]) GCs$"
// want stdout "^GOGC=400 ran at most half the GCs: true$"
// want stdout "^stop-the-world pauses per GC: 2$"
// want stderr `^gc 1 @[0-9.]+s \d+%: [0-9.]+\+[0-9.]+\+[0-9.]+ ms clock, `
// want stderr `^gc \d+ @.* \d+ MB goal, .*\(forced\)$`
