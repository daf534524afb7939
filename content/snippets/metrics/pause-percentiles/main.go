// A Float64Histogram has len(Counts) buckets and len(Counts)+1
// boundaries: Counts[i] counts values in [Buckets[i],
// Buckets[i+1]). The first and last boundaries may be -Inf and
// +Inf. A percentile is the bucket where the running count
// crosses the rank; report its upper bound (a conservative
// estimate). Every GC cycle has two stop-the-world pauses (sweep
// termination, mark termination), so 20 forced cycles add at
// least 40 pauses to the histogram.
package main

import (
	"fmt"
	"math"
	"runtime"
	"runtime/metrics"
	"slices"
)

func pauses() *metrics.Float64Histogram {
	s := []metrics.Sample{{Name: "/sched/pauses/total/gc:seconds"}}
	metrics.Read(s)
	return s[0].Value.Float64Histogram()
}

// percentile returns an upper bound of the p-th percentile (0-1).
func percentile(h *metrics.Float64Histogram, p float64) float64 {
	var total uint64
	for _, c := range h.Counts {
		total += c
	}
	rank := uint64(math.Ceil(p * float64(total)))
	var seen uint64
	for i, c := range h.Counts {
		seen += c
		if seen >= rank {
			return h.Buckets[i+1]
		}
	}
	return math.Inf(1)
}

func main() {
	before := slices.Clone(pauses().Counts)
	for range 20 {
		runtime.GC()
	}
	h := pauses()
	var n uint64
	for i := range h.Counts {
		h.Counts[i] -= before[i] // only this run's pauses
		n += h.Counts[i]
	}
	fmt.Println("buckets:", len(h.Counts),
		"boundaries:", len(h.Buckets))
	fmt.Println("pauses:", n)
	p50, p99 := percentile(h, 0.5), percentile(h, 0.99)
	fmt.Println("p50 <= p99:", p50 <= p99)
	fmt.Println("p99 under 1 s:", p99 < 1)
	fmt.Printf("p50 %.0f µs, p99 %.0f µs\n", p50*1e6, p99*1e6)
}

// want stdout `^pauses: (4[0-9]|5[0-9])$`
// want stdout `^p50 <= p99: true$`
// want stdout `^p99 under 1 s: true$`
// want stdout `^buckets: (\d+) boundaries: \d+$`
