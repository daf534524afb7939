// The runtime metrics worth exporting from a service, read in one
// call. metrics.Read marks a name this release does not know with
// KindBad instead of failing, so one exporter works on every
// release; here it reports which names exist.
package main

import (
	"fmt"
	"runtime/metrics"
)

var export = []string{
	// Memory: what the runtime holds is total minus released.
	"/memory/classes/total:bytes",
	"/memory/classes/heap/released:bytes",
	"/memory/classes/heap/objects:bytes",
	"/memory/classes/heap/stacks:bytes",
	// The collector: live heap, goal, settings, work.
	"/gc/heap/live:bytes",
	"/gc/heap/goal:bytes",
	"/gc/gogc:percent",
	"/gc/gomemlimit:bytes",
	"/gc/cycles/total:gc-cycles",
	"/gc/heap/allocs:bytes",
	"/cpu/classes/gc/total:cpu-seconds",
	"/gc/limiter/last-enabled:gc-cycle",
	// Scheduling: pauses and latencies are histograms.
	"/sched/pauses/total/gc:seconds",
	"/sched/latencies:seconds",
	"/sched/goroutines:goroutines",
	"/sched/goroutines/waiting:goroutines",
	"/sched/gomaxprocs:threads",
}

func main() {
	s := make([]metrics.Sample, len(export))
	for i, name := range export {
		s[i].Name = name
	}
	metrics.Read(s)
	for _, x := range s {
		switch x.Value.Kind() {
		case metrics.KindBad:
			fmt.Println("unknown here:", x.Name)
		case metrics.KindFloat64Histogram:
			fmt.Println("histogram:", x.Name)
		default:
			fmt.Println("value:", x.Name)
		}
	}
}

// want stdout `^value: /memory/classes/total:bytes$`
// want stdout `^value: /gc/heap/live:bytes$`
// want stdout `^value: /gc/gogc:percent$`
// want stdout `^value: /gc/gomemlimit:bytes$`
// want stdout `^value: /cpu/classes/gc/total:cpu-seconds$`
// want stdout `^histogram: /sched/latencies:seconds$`
// want go1.21 stdout `^unknown here: /sched/pauses/total/gc:seconds$`
// want go1.22+ stdout `^histogram: /sched/pauses/total/gc:seconds$`
// want go1.21-1.25 stdout `^unknown here: /sched/goroutines/waiting:goroutines$`
// want go1.26+ stdout `^value: /sched/goroutines/waiting:goroutines$`
