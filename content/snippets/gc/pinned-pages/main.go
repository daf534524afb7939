// The runtime returns whole pages, never parts of them. 64 MiB of
// 64-byte objects fill 8,192 spans of 8 KiB; keeping one object
// in 128 (one per span) keeps 0.8% of the bytes but every span,
// so FreeOSMemory can return almost nothing. Keeping the same
// number of objects packed together frees the rest of the spans.
// Figures in MiB.
package main

import (
	"fmt"
	"runtime/debug"
	"runtime/metrics"
)

type obj [64]byte

var (
	all  []*obj
	kept []*obj
)

func heap() (inUse, released uint64) {
	s := []metrics.Sample{
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/heap/unused:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
	}
	metrics.Read(s)
	return (s[0].Value.Uint64() + s[1].Value.Uint64()) >> 20,
		s[2].Value.Uint64() >> 20
}

func run(name string, keep func(i int) bool) {
	all = make([]*obj, 1<<20) // 64 MiB of 64-byte objects
	for i := range all {
		all[i] = new(obj)
	}
	for i, p := range all {
		if keep(i) {
			kept = append(kept, p)
		}
	}
	all = nil
	debug.FreeOSMemory()
	inUse, rel := heap()
	fmt.Printf("%-10s kept %d objects, spans in use %2d MiB,"+
		" released %2d MiB\n", name, len(kept), inUse, rel)
	kept = nil
	debug.FreeOSMemory()
}

func main() {
	run("scattered", func(i int) bool { return i%128 == 0 })
	run("packed", func(i int) bool { return i < (1<<20)/128 })
}

// want stdout `^scattered  kept 8192 objects, spans in use (6[3-9]|7\d) MiB, released +\d+ MiB$`
// want stdout `^packed     kept 8192 objects, spans in use +[0-3] MiB, released (6[0-9]|7\d) MiB$`
