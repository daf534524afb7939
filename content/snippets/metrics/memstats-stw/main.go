// runtime.ReadMemStats stops the world to get a consistent
// snapshot; metrics.Read does not. Since Go 1.22 every
// stop-the-world pause not made by the collector is counted in
// the histogram /sched/pauses/total/other:seconds. GOMAXPROCS(1)
// and no other goroutines keep anything else from stopping the
// world meanwhile.
package main

import (
	"fmt"
	"runtime"
	"runtime/metrics"
)

func otherPauses() uint64 {
	s := []metrics.Sample{{Name: "/sched/pauses/total/other:seconds"}}
	metrics.Read(s)
	var n uint64
	for _, c := range s[0].Value.Float64Histogram().Counts {
		n += c
	}
	return n
}

func main() {
	runtime.GOMAXPROCS(1)
	var ms runtime.MemStats

	a := otherPauses()
	for range 100 {
		runtime.ReadMemStats(&ms)
	}
	b := otherPauses()
	for range 100 {
		metrics.Read([]metrics.Sample{
			{Name: "/gc/heap/allocs:bytes"},
		})
	}
	c := otherPauses()
	fmt.Println("100 ReadMemStats, pauses:", b-a)
	fmt.Println("100 metrics.Read, pauses:", c-b)
}

// want stdout `^100 ReadMemStats, pauses: 10[0-4]$`
// want stdout `^100 metrics\.Read, pauses: [0-2]$`
