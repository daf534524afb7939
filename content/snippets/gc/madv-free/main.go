//playbook:options godebug=madvdontneed=0

// The same program with GODEBUG=madvdontneed=0: the runtime
// returns free pages with MADV_FREE instead of MADV_DONTNEED. The
// kernel may take such pages back when it needs memory, and until
// it does they still count in RSS. Go's own figure, released, is
// the same.
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

// want stdout `^after GC +objects +[0-2], free +[56][0-9], released +[0-9], RSS +(6[6-9]|7\d)$`
// want stdout `^after FreeOS +objects +[0-2], free +[0-3], released +(6[4-9]|7\d), RSS +(6[0-9]|7\d)$`
