//playbook:options godebug=gctrace=1

// Overwriting map values creates garbage, and more garbage means more
// collections. It does not make the stop-the-world pauses longer:
// marking walks only what is still reachable (the same map in both
// phases here), and the pauses are the short phase changes around
// that concurrent work. GODEBUG=gctrace=1 prints one line per
// collection on stderr.
package main

import (
	"fmt"
	"runtime"
	"runtime/metrics"
	"slices"
	"time"
)

type value [64]byte

// gcStats returns the number of completed collections and a copy of
// the histogram of their stop-the-world pauses.
func gcStats() (cycles uint64, pauses metrics.Float64Histogram) {
	s := []metrics.Sample{
		{Name: "/gc/cycles/total:gc-cycles"},
		{Name: "/sched/pauses/total/gc:seconds"},
	}
	metrics.Read(s)
	h := s[1].Value.Float64Histogram()
	return s[0].Value.Uint64(), metrics.Float64Histogram{
		Counts: slices.Clone(h.Counts), Buckets: h.Buckets,
	}
}

// overwrite replaces every value of the map rounds times, then
// reports how many collections ran meanwhile and their median pause.
func overwrite(m map[int]*value, rounds int) (uint64, time.Duration) {
	c0, h0 := gcStats()
	for range rounds {
		for k := range m {
			m[k] = new(value) // the old value becomes garbage
		}
	}
	c1, h1 := gcStats()
	var pauses []float64 // one per pause: its bucket's lower bound
	for i, n := range h1.Counts {
		for range n - h0.Counts[i] {
			pauses = append(pauses, h1.Buckets[i])
		}
	}
	median := pauses[len(pauses)/2]
	return c1 - c0, time.Duration(median * float64(time.Second))
}

func main() {
	// The live heap: 100,000 entries, about 8 MiB.
	m := make(map[int]*value, 100_000)
	for k := range 100_000 {
		m[k] = new(value)
	}
	runtime.GC()
	c1, p1 := overwrite(m, 20)
	c10, p10 := overwrite(m, 200)
	fmt.Printf(" 20 rounds: %3d GCs, median pause %v\n", c1, p1)
	fmt.Printf("200 rounds: %3d GCs, median pause %v\n", c10, p10)
	fmt.Println("10x the garbage, 5x the collections:", c10 >= 5*c1)
	fmt.Println("median pause at most 4x longer:", p10 <= 4*p1)
}

// want stdout "10x the garbage, 5x the collections: true"
// want stdout "median pause at most 4x longer: true"
// want stderr `^gc \d+ @[0-9.]+s \d+%: [0-9.]+\+[0-9.]+\+[0-9.]+ ms clock, `
