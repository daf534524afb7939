// Finding a map that holds memory: the heap profile charges every
// live allocation to the stack that made it. After the map is
// emptied, its table is still charged to the line that grew it. This
// reads the profile in the program; `go tool pprof
// -sample_index=inuse_space` on a profile from /debug/pprof/heap or
// pprof.WriteHeapProfile shows the same.
package main

import (
	"fmt"
	"runtime"
	"strings"
)

func buildIndex(n int) map[int]int {
	m := make(map[int]int)
	for i := range n {
		m[i] = i // growth allocations happen here
	}
	return m
}

func main() {
	// Record every allocation (the default samples one per 512 KiB).
	runtime.MemProfileRate = 1

	index := buildIndex(1_000_000)
	for k := range index {
		delete(index, k)
	}
	// The profile shows the heap as of the last completed collection.
	runtime.GC()
	runtime.GC()

	// Bytes still in use, by the first function of package main on
	// the stack and the runtime function it called.
	inUse := map[string]int64{}
	records := make([]runtime.MemProfileRecord, 1024)
	n, ok := runtime.MemProfile(records, false)
	if !ok {
		panic("profile buffer too small")
	}
	for _, r := range records[:n] {
		frames := runtime.CallersFrames(r.Stack())
		callee := ""
		for {
			f, more := frames.Next()
			if strings.HasPrefix(f.Function, "main.") {
				where := fmt.Sprintf("%s called from %s (line %d)",
					callee, f.Function, f.Line)
				inUse[where] += r.InUseBytes()
				break
			}
			callee = f.Function
			if !more {
				break
			}
		}
	}
	for where, bytes := range inUse {
		if bytes > 1<<20 {
			fmt.Printf("%d MiB in use, allocated in %s\n",
				bytes>>20, where)
		}
	}
	fmt.Println("entries in the map:", len(index))
}

// want stdout `^3[0-9] MiB in use, allocated in runtime\.mapassign_fast64 called from main\.buildIndex \(line \d+\)$`
// want stdout "entries in the map: 0"
