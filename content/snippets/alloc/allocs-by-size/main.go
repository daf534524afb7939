// The runtime/metrics histogram /gc/heap/allocs-by-size:bytes counts
// allocations by size class: its bucket bounds are the class sizes
// (plus one), so a 33-byte allocation lands in [33, 49), the 48-byte
// class. Tiny objects are not in it one by one: only their 16-byte
// blocks are, and /gc/heap/tiny/allocs:objects counts the objects
// that shared a block. The per-P counters are flushed by a GC, so the
// program collects before each read. The runtime allocates a little
// itself, so the counts are checked as ranges.
package main

import (
	"fmt"
	"runtime"
	"runtime/metrics"
	"slices"
)

var sink []byte

type snapshot struct {
	counts  []uint64
	buckets []float64
	tiny    uint64
}

func read() snapshot {
	runtime.GC()
	s := []metrics.Sample{
		{Name: "/gc/heap/allocs-by-size:bytes"},
		{Name: "/gc/heap/tiny/allocs:objects"},
	}
	metrics.Read(s)
	h := s[0].Value.Float64Histogram()
	tiny := s[1].Value.Uint64()
	return snapshot{slices.Clone(h.Counts), h.Buckets, tiny}
}

func main() {
	before := read()
	for range 1000 {
		sink = make([]byte, 33)
	}
	for range 500 {
		sink = make([]byte, 1025)
	}
	for range 300 {
		sink = make([]byte, 5) // three to a 16-byte block
	}
	sink = make([]byte, 40000)
	after := read()

	for i, n := range after.counts {
		d := n - before.counts[i]
		lo, hi := after.buckets[i], after.buckets[i+1]
		if lo == 9 || lo == 33 || lo == 1025 || lo == 32769 {
			fmt.Printf("[%v, %v): %d\n", lo, hi, d)
		}
	}
	fmt.Println("tiny objects in shared blocks:",
		after.tiny-before.tiny)
}

// want stdout `^\[9, 17\): 10[0-9]$`
// want stdout `^\[33, 49\): 10[0-9][0-9]$`
// want stdout `^\[1025, 1153\): 50[0-9]$`
// want stdout `^\[32769, \+Inf\): [1-3]$`
// want stdout "^tiny objects in shared blocks: 20[0-9]$"
