// Reading runtime/metrics: name the metrics in a []metrics.Sample
// once, call metrics.Read, and take each Value with the accessor
// for its kind. Here the allocation counters and the goroutine
// count before and after a workload: 1,000 allocations of 1 KiB
// and ten goroutines that block. The counters are cumulative, so
// a difference is what happened in between; the runtime's own
// allocations make the counts ranges.
package main

import (
	"fmt"
	"runtime"
	"runtime/metrics"
)

var sink []byte

var samples = []metrics.Sample{
	{Name: "/gc/heap/allocs:bytes"},
	{Name: "/gc/heap/allocs:objects"},
	{Name: "/sched/goroutines:goroutines"},
}

func read() (bytes, objects, goroutines uint64) {
	runtime.GC() // flush the per-P allocation counts
	metrics.Read(samples)
	return samples[0].Value.Uint64(), samples[1].Value.Uint64(),
		samples[2].Value.Uint64()
}

func main() {
	b0, o0, g0 := read()
	for i := 0; i < 1000; i++ {
		sink = make([]byte, 1024)
	}
	block := make(chan struct{})
	for i := 0; i < 10; i++ {
		go func() { <-block }()
	}
	b1, o1, g1 := read()
	fmt.Printf("allocated %d KiB in %d objects\n",
		(b1-b0)>>10, o1-o0)
	fmt.Printf("goroutines: %d more\n", g1-g0)
	close(block)
}

// want stdout `^allocated 10[0-4][0-9] KiB in 10[0-9][0-9] objects$`
// want stdout `^goroutines: 10 more$`
