// A memory limit below the live heap: the collector cannot reach
// the limit however often it runs, so it would run back to back.
// The GC CPU limiter stops that death spiral. Once the collector has
// used more than half the CPU for about a second (per P), the
// limiter caps it near 50% and lets the heap exceed the limit.
package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"time"
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
	{Name: "/cpu/classes/gc/total:cpu-seconds"},
	{Name: "/cpu/classes/total:cpu-seconds"},
	{Name: "/gc/limiter/last-enabled:gc-cycle"},
}

type round struct {
	gcShare float64       // GC CPU / all CPU during the round
	took    time.Duration // per 50,000 allocations
	limited bool          // the limiter has been on at least once
}

// churn allocates and drops rounds×50,000 buffers of 1 KiB.
func churn(rounds int) round {
	metrics.Read(s)
	gc0, all0 := s[0].Value.Float64(), s[1].Value.Float64()
	t := time.Now()
	for range rounds * 50_000 {
		sink = make([]byte, 1024)
	}
	took := time.Since(t)
	metrics.Read(s)
	gc, all := s[0].Value.Float64()-gc0, s[1].Value.Float64()-all0
	return round{gc / all, took / time.Duration(rounds),
		s[2].Value.Uint64() > 0}
}

func main() {
	runtime.GOMAXPROCS(1)
	for range 500_000 {
		live = append(live, &node{})
	}
	debug.SetMemoryLimit(16 << 20) // half the live heap
	first := churn(1)
	for range 60 { // until the limiter has switched on
		if churn(1).limited {
			break
		}
	}
	last := churn(8) // with the limiter in charge
	fmt.Println("limiter switched on:", last.limited)
	fmt.Printf("GC share of CPU: %.0f%% first, %.0f%% last\n",
		100*first.gcShare, 100*last.gcShare)
	fmt.Println("GC share fell:", last.gcShare < first.gcShare)
	fmt.Println("allocating at least 2x faster:", 2*last.took < first.took)
}

// want stdout "^limiter switched on: true$"
// want stdout "^GC share fell: true$"
// want stdout "^allocating at least 2x faster: true$"
// want stdout `^GC share of CPU: ([6-9]\d)% first, ([1-7]\d)% last$`
