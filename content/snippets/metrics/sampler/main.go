// A sampler: one goroutine with a ticker reads a fixed set of
// metrics and prints one line per tick (in production: to your
// metrics system). The Sample slice is built once and reused.
// Rates come from differences between ticks of the cumulative
// counters.
package main

import (
	"fmt"
	"runtime/metrics"
	"time"
)

var sink []byte

func sample(every time.Duration, ticks int, done chan<- struct{}) {
	s := []metrics.Sample{
		{Name: "/gc/heap/live:bytes"},
		{Name: "/gc/heap/goal:bytes"},
		{Name: "/gc/heap/allocs:bytes"},
		{Name: "/gc/cycles/total:gc-cycles"},
		{Name: "/sched/goroutines:goroutines"},
	}
	t := time.NewTicker(every)
	defer t.Stop()
	var lastAllocs uint64
	for i := range ticks {
		<-t.C
		metrics.Read(s)
		allocs := s[2].Value.Uint64()
		fmt.Printf("tick %d live=%dKiB goal=%dKiB "+
			"alloc=%dKiB gcs=%d g=%d\n", i,
			s[0].Value.Uint64()>>10, s[1].Value.Uint64()>>10,
			(allocs-lastAllocs)>>10, s[3].Value.Uint64(),
			s[4].Value.Uint64())
		lastAllocs = allocs
	}
	close(done)
}

func main() {
	done := make(chan struct{})
	go sample(20*time.Millisecond, 3, done)
	for {
		select {
		case <-done:
			return
		default:
			sink = make([]byte, 64<<10) // the workload
			time.Sleep(time.Millisecond)
		}
	}
}

// want stdout `^tick 0 live=\d+KiB goal=\d+KiB alloc=\d+KiB gcs=\d+ g=\d+$`
// want stdout `^tick 1 live=\d+KiB goal=\d+KiB alloc=[1-9]\d*KiB gcs=\d+ g=\d+$`
// want stdout `^tick 2 live=\d+KiB goal=\d+KiB alloc=[1-9]\d*KiB gcs=\d+ g=\d+$`
