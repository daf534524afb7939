// A Value's accessor must match its Kind: Uint64 on a histogram,
// or on a metric this release does not know (KindBad), panics.
// Check Kind first. Metrics come and go with releases:
// /sched/pauses/total/other:seconds exists since Go 1.22 and
// /sched/goroutines/waiting:goroutines since Go 1.26; on an older
// release the same program reads KindBad.
package main

import (
	"fmt"
	"runtime/metrics"
)

func describe(v metrics.Value) string {
	switch v.Kind() {
	case metrics.KindUint64:
		return fmt.Sprint("uint64 ", v.Uint64())
	case metrics.KindFloat64:
		return fmt.Sprint("float64 ", v.Float64())
	case metrics.KindFloat64Histogram:
		h := v.Float64Histogram()
		return fmt.Sprint("histogram, buckets ", len(h.Counts))
	default: // metrics.KindBad
		return "unsupported by this release"
	}
}

func main() {
	s := []metrics.Sample{
		{Name: "/gc/heap/goal:bytes"},
		{Name: "/cpu/classes/gc/total:cpu-seconds"},
		{Name: "/sched/pauses/total/other:seconds"},
		{Name: "/sched/goroutines/waiting:goroutines"},
		{Name: "/gc/pauses:seconds"},
	}
	metrics.Read(s)
	for _, x := range s {
		fmt.Printf("%s: %s\n", x.Name, describe(x.Value))
	}
	fmt.Println(s[4].Value.Uint64()) // want "^panic: called Uint64 on non-uint64 metric value$"
}

// want stdout `^/gc/heap/goal:bytes: uint64 \d+$`
// want stdout `^/cpu/classes/gc/total:cpu-seconds: float64 `
// want go1.21 stdout `^/sched/pauses/total/other:seconds: unsupported`
// want go1.22+ stdout `^/sched/pauses/total/other:seconds: histogram, buckets \d+$`
// want go1.21-1.25 stdout `^/sched/goroutines/waiting:goroutines: unsupported`
// want go1.26+ stdout `^/sched/goroutines/waiting:goroutines: uint64 \d+$`
// want exit 2
// want error panic
