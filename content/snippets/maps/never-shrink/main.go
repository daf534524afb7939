// Deleting every entry of a map, or clearing it, leaves its table
// allocated: the map keeps the memory it needed at its largest until
// the map itself becomes unreachable. maps.Clone copies the table at
// its full size; copying the live entries into a new map made for
// them is the way to give that memory back.
package main

import (
	"fmt"
	"maps"
	"runtime"
	"runtime/metrics"
)

// heapMiB collects garbage, then reports the bytes held by live heap
// objects.
func heapMiB() float64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return float64(s[0].Value.Uint64()) / (1 << 20)
}

var base = heapMiB()

func report(step string, m map[int]int) {
	mib := max(heapMiB()-base, 0)
	fmt.Printf("%-18s len %7d   heap %3.0f MiB\n", step, len(m), mib)
}

const n = 1_000_000

func main() {
	m := make(map[int]int)
	for i := range n {
		m[i] = i
	}
	report("filled", m)

	// Key by key: a loop of the form for k := range m { delete(m, k) }
	// would be compiled to a clear of the map.
	for i := range n {
		delete(m, i)
	}
	report("deleted every key", m)

	for i := range n {
		m[i] = i
	}
	clear(m)
	report("refilled, cleared", m)

	m[1], m[2] = 1, 2
	m = maps.Clone(m) // the clone has the original's capacity
	report("maps.Clone", m)

	// The fix: copy what is still live into a map sized for it; the
	// old one becomes garbage.
	fresh := make(map[int]int, len(m))
	for k, v := range m {
		fresh[k] = v
	}
	m = fresh
	report("rebuilt", m)
}

// want stdout `filled +len 1000000   heap +3[0-9] MiB`
// want stdout `deleted every key +len +0   heap +3[0-9] MiB`
// want stdout `refilled, cleared +len +0   heap +3[0-9] MiB`
// want stdout `maps\.Clone +len +2   heap +3[0-9] MiB`
// want stdout `rebuilt +len +2   heap +0 MiB`
