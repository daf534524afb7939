// The pacer's heap goal, read back after a collection: the live heap
// the cycle found, plus GOGC percent of that live heap and of the
// scannable stacks and globals (the stacks and globals are in the
// formula since Go 1.18).
package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

var live [][]byte // 4,096 buffers of 8 KiB: 32 MiB that stays live

func read(names ...string) []uint64 {
	s := make([]metrics.Sample, len(names))
	for i, n := range names {
		s[i].Name = n
	}
	metrics.Read(s)
	v := make([]uint64, len(s))
	for i := range s {
		v[i] = s[i].Value.Uint64()
	}
	return v
}

func main() {
	for range 4096 {
		live = append(live, make([]byte, 8192))
	}
	for _, gogc := range []int{50, 100, 200} {
		debug.SetGCPercent(gogc)
		runtime.GC()
		v := read("/gc/heap/live:bytes", "/gc/heap/goal:bytes",
			"/gc/scan/stack:bytes", "/gc/scan/globals:bytes")
		heap, goal, stacks, globals := v[0], v[1], v[2], v[3]
		formula := heap + (heap+stacks+globals)*uint64(gogc)/100
		fmt.Printf("GOGC=%d: live %d MiB, goal %d MiB, "+
			"goal/live %.2f, formula exact: %v\n", gogc, heap>>20,
			goal>>20, float64(goal)/float64(heap), goal == formula)
	}
}

// want stdout `^GOGC=50: live 32 MiB, goal 4[89] MiB, goal/live 1\.5\d, formula exact: true$`
// want stdout `^GOGC=100: live 32 MiB, goal 6[45] MiB, goal/live 2\.0\d, formula exact: true$`
// want stdout `^GOGC=200: live 32 MiB, goal 9[67] MiB, goal/live 3\.0\d, formula exact: true$`
