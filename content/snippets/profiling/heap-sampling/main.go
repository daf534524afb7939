// With the default MemProfileRate the profile is a sample: about
// one record per 512 KiB allocated. pprof scales each sample up to
// an estimate, so its numbers are estimates, not counts.
package main

import (
	"fmt"
	"math"
	"runtime"
	"strings"
)

var sink []byte

//go:noinline
func small() {
	for range 200_000 {
		sink = make([]byte, 64) // 12.8 MB in all
	}
}

func main() {
	rate := runtime.MemProfileRate
	fmt.Println("MemProfileRate:", rate)
	small()
	runtime.GC()
	runtime.GC()

	n, _ := runtime.MemProfile(nil, true)
	recs := make([]runtime.MemProfileRecord, n+64)
	n, _ = runtime.MemProfile(recs, true)
	var objs, bytes int64
	for _, r := range recs[:n] {
		for fs := runtime.CallersFrames(r.Stack()); ; {
			f, more := fs.Next()
			if strings.HasPrefix(f.Function, "main.small") {
				objs += r.AllocObjects
				bytes += r.AllocBytes
				break
			}
			if !more {
				break
			}
		}
	}
	fmt.Printf("allocated: 200000 objects; recorded: %d\n", objs)
	// pprof's scaling: a sample of size s stands for
	// 1/(1-exp(-s/rate)) allocations of that size.
	avg := float64(bytes) / float64(objs)
	scale := 1 / (1 - math.Exp(-avg/float64(rate)))
	fmt.Printf("estimate: %.0f objects\n", float64(objs)*scale)
}

// want stdout `^MemProfileRate: 524288$`
// want stdout `^allocated: 200000 objects; recorded: ([4-9]|[1-7]\d)$`
// want stdout `^estimate: ([3-9]\d{4}|[1-5]\d{5}) objects$`
