//playbook:options godebug=gctrace=1

// Overwriting map values creates garbage, and more garbage means more collections. It does not
// make the stop-the-world pauses longer: marking walks only what is still reachable, the same
// map in both phases here, and the pauses are the short phase changes around that concurrent
// work. GODEBUG=gctrace=1 prints one line per collection on stderr.
package main

import (
	"fmt"
	"runtime"
	"runtime/metrics"
	"slices"
	"time"
)

type value [64]byte

var samples = []metrics.Sample{
	{Name: "/gc/cycles/total:gc-cycles"},
	{Name: "/sched/pauses/total/gc:seconds"},
}

// overwrite replaces every value of the map rounds times, then reports how many collections
// ran meanwhile and their median stop-the-world pause.
func overwrite(m map[int]*value, rounds int) (cycles uint64, median time.Duration) {
	metrics.Read(samples)
	c0, h0 := samples[0].Value.Uint64(), samples[1].Value.Float64Histogram()
	h0 = &metrics.Float64Histogram{Counts: slices.Clone(h0.Counts), Buckets: h0.Buckets}
	for range rounds {
		for k := range m {
			m[k] = new(value) // the old value becomes garbage
		}
	}
	metrics.Read(samples)
	h1 := samples[1].Value.Float64Histogram()
	var pauses []float64 // one entry per pause, at its bucket's lower bound
	for i, n := range h1.Counts {
		for range n - h0.Counts[i] {
			pauses = append(pauses, h1.Buckets[i])
		}
	}
	return samples[0].Value.Uint64() - c0, time.Duration(pauses[len(pauses)/2] * 1e9)
}

func main() {
	m := make(map[int]*value, 100_000) // the live heap: 100,000 entries, about 8 MiB
	for k := range 100_000 {
		m[k] = new(value)
	}
	runtime.GC()
	c1, p1 := overwrite(m, 20)
	c10, p10 := overwrite(m, 200)
	fmt.Printf("20 rounds of garbage:  %3d collections, median pause %v\n", c1, p1)
	fmt.Printf("200 rounds of garbage: %3d collections, median pause %v\n", c10, p10)
	fmt.Println("10x the garbage, at least 5x the collections:", c10 >= 5*c1)
	fmt.Println("median pause no more than 4x longer:", p10 <= 4*p1)
}

// want stdout "10x the garbage, at least 5x the collections: true"
// want stdout "median pause no more than 4x longer: true"
// want stderr `^gc \d+ @[0-9.]+s \d+%: [0-9.]+\+[0-9.]+\+[0-9.]+ ms clock, `
