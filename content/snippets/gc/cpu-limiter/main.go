// A memory limit below the live heap: the collector cannot reach
// the limit however often it runs, so it would run back to back.
// The GC CPU limiter stops that death spiral. Once the collector has
// used more than half the CPU for about a second (per P), the
// limiter caps it near 50%: far fewer cycles for the same work, and
// a heap goal above the limit.
package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

type node struct {
	next *node
	pad  [6]int
}

var (
	live []*node // 32 MiB of small objects, all reachable
	sink []byte
)

var s = []metrics.Sample{
	{Name: "/gc/cycles/total:gc-cycles"},
	{Name: "/gc/limiter/last-enabled:gc-cycle"},
	{Name: "/gc/heap/goal:bytes"},
}

const limit = 16 << 20 // half the live heap

// churn allocates and drops 50,000 buffers of 1 KiB and returns
// the number of GC cycles that ran meanwhile.
func churn() uint64 {
	metrics.Read(s)
	before := s[0].Value.Uint64()
	for range 50_000 {
		sink = make([]byte, 1024)
	}
	metrics.Read(s)
	return s[0].Value.Uint64() - before
}

func main() {
	runtime.GOMAXPROCS(1)
	for range 500_000 {
		live = append(live, &node{})
	}
	debug.SetMemoryLimit(limit)
	runtime.GC()

	// Rounds until the limiter has switched on, and their cycles.
	var before, rounds uint64
	for range 60 {
		n := churn()
		if s[1].Value.Uint64() > 0 {
			break
		}
		before, rounds = before+n, rounds+1
	}
	fmt.Println("limiter switched on:", s[1].Value.Uint64() > 0)

	// Cycles in 4 rounds since.
	var since uint64
	for range 4 {
		since += churn()
	}
	fmt.Printf("GC cycles per round: %.1f before, %.1f since\n",
		float64(before)/float64(rounds), float64(since)/4)
	fmt.Println("at least 4x fewer:", since*rounds < before)

	goal := s[2].Value.Uint64()
	fmt.Printf("heap goal: %d MiB, limit %d MiB\n", goal>>20, limit>>20)
	fmt.Println("goal above the limit:", goal > limit)
}

// want stdout "^limiter switched on: true$"
// want stdout `^GC cycles per round: \d+\.\d before, \d+\.\d since$`
// want stdout "^at least 4x fewer: true$"
// want stdout "^goal above the limit: true$"
