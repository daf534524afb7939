//playbook:options godebug=scavtrace=1 go=1.21-1.27

// 64 MiB of live buffers, then dropped. A collection frees them
// for Go to reuse, but the pages stay in the process (and in RSS)
// until the scavenger returns them: debug.FreeOSMemory forces a
// collection and returns every free page at once. RSS is read
// from the kernel's /proc/self/status. Figures in MiB, checked as
// ranges.
package main

import (
	"bytes"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
)

var live [][]byte

// rss returns VmRSS, the resident memory the kernel counts, in
// MiB.
func rss() uint64 {
	b, _ := os.ReadFile("/proc/self/status")
	_, v, _ := bytes.Cut(b, []byte("VmRSS:"))
	f := bytes.Fields(v)
	kib, _ := strconv.ParseUint(string(f[0]), 10, 64)
	return kib >> 10
}

func show(when string) {
	s := []metrics.Sample{
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/heap/free:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
	}
	metrics.Read(s)
	fmt.Printf("%-14s objects %2d, free %2d, released %2d, RSS %2d\n",
		when, s[0].Value.Uint64()>>20, s[1].Value.Uint64()>>20,
		s[2].Value.Uint64()>>20, rss())
}

func main() {
	for i := 0; i < 64; i++ {
		b := make([]byte, 1<<20)
		for j := range b {
			b[j] = 1 // touch every page
		}
		live = append(live, b)
	}
	show("live")
	live = nil
	runtime.GC()
	show("after GC")
	debug.FreeOSMemory()
	show("after FreeOS")
}

// want stdout `^live +objects +6[4-6], free +[0-3], released +\d+, RSS +(6[4-9]|[7-9]\d)$`
// want stdout `^after GC +objects +[0-2], free +[56][0-9], released +[0-9], RSS +(6[4-9]|[7-9]\d)$`
// want stdout `^after FreeOS +objects +[0-2], free +[0-3], released +(6[4-9]|7\d), RSS +([0-9]|1[0-9])$`
// want stderr `^scav \d+ KiB work \(bg\), \d+ KiB work \(eager\), \d+ KiB now, \d+% util \(forced\)$`
