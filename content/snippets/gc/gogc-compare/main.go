//playbook:options godebug=gctrace=1

// One workload at GOGC=50, 100 and 400: 100,000 buffers of 4 KiB
// allocated and dropped over a live heap of 16 MiB. A higher GOGC
// lets the heap grow further past the live heap before the next
// cycle: fewer cycles, a bigger heap.
package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

var (
	live [][]byte
	sink []byte
)

// run allocates n buffers at the given GOGC and returns the cycles
// that ran and the average heap (bytes in objects, live or not yet
// swept), sampled every 256 allocations.
func run(gogc, n int) (cycles, heapMiB uint64) {
	debug.SetGCPercent(gogc)
	runtime.GC()
	s := []metrics.Sample{
		{Name: "/gc/cycles/total:gc-cycles"},
		{Name: "/memory/classes/heap/objects:bytes"},
	}
	metrics.Read(s)
	start, sum, k := s[0].Value.Uint64(), uint64(0), uint64(0)
	for i := range n {
		sink = make([]byte, 4096)
		if i%256 == 0 {
			metrics.Read(s)
			sum, k = sum+s[1].Value.Uint64(), k+1
		}
	}
	metrics.Read(s)
	return s[0].Value.Uint64() - start, sum / k >> 20
}

func main() {
	runtime.GOMAXPROCS(1) // marking and allocating share one thread
	for range 2048 {
		live = append(live, make([]byte, 8192)) // 16 MiB
	}
	c50, h50 := run(50, 100_000)
	c100, h100 := run(100, 100_000)
	c400, h400 := run(400, 100_000)
	fmt.Printf("GOGC=50:  %2d cycles, average heap %3d MiB\n", c50, h50)
	fmt.Printf("GOGC=100: %2d cycles, average heap %3d MiB\n", c100, h100)
	fmt.Printf("GOGC=400: %2d cycles, average heap %3d MiB\n", c400, h400)
	fmt.Println("cycles fall as GOGC rises:", c50 > c100 && c100 > c400)
	fmt.Println("heap grows as GOGC rises:", h50 < h100 && h100 < h400)
	fmt.Println("GOGC=50 at least 1.5x GOGC=100's cycles:",
		2*c50 >= 3*c100)
	fmt.Println("GOGC=400 at most a third of GOGC=100's cycles:",
		3*c400 <= c100)
}

// want stdout "^cycles fall as GOGC rises: true$"
// want stdout "^heap grows as GOGC rises: true$"
// want stdout "^GOGC=50 at least 1.5x GOGC=100's cycles: true$"
// want stdout "^GOGC=400 at most a third of GOGC=100's cycles: true$"
// want stdout `^GOGC=100: [1-9]\d cycles, average heap +[2-5]\d MiB$`
// want stderr `^gc \d+ @[0-9.]+s \d+%: .* \d+->\d+->\d+ MB, \d+ MB goal`
