// runtime.MemProfile: the records behind a heap profile. They
// describe the heap as of the last completed GC, and since Go 1.26
// their stacks start inside the allocator.
package main

import (
	"fmt"
	"runtime"
	"strings"
)

var kept [100][]byte

//go:noinline
func keep() {
	for i := range kept {
		kept[i] = make([]byte, 4096)
	}
}

var sink []byte

//go:noinline
func churn() {
	for i := 0; i < 100; i++ {
		sink = make([]byte, 4096)
	}
	sink = nil
}

func report(when string) {
	n, _ := runtime.MemProfile(nil, true)
	recs := make([]runtime.MemProfileRecord, n+64)
	n, _ = runtime.MemProfile(recs, true)
	for _, r := range recs[:n] {
		var names []string
		frames := runtime.CallersFrames(r.Stack())
		for {
			f, more := frames.Next()
			if f.Function != "runtime.goexit" {
				names = append(names, f.Function)
			}
			if !more {
				break
			}
		}
		stack := strings.Join(names, " < ")
		if strings.Contains(stack, "main.keep") ||
			strings.Contains(stack, "main.churn") {
			fmt.Printf("%s: inuse %d B, alloc %d B\n  %s\n",
				when, r.InUseBytes(), r.AllocBytes, stack)
		}
	}
}

func main() {
	runtime.MemProfileRate = 1
	runtime.GC()
	keep()
	churn()
	report("before GC")
	runtime.GC()
	report("after GC")
}

// want stdout `^before GC: inuse 0 B, alloc 0 B$`
// want stdout `^after GC: inuse 409600 B, alloc 409600 B\n.*main\.keep`
// want stdout `^after GC: inuse 0 B, alloc 409600 B\n.*main\.churn`
// want go1.21-1.25 stdout `^  main\.keep < main\.main < runtime\.main`
// want go1.26+ stdout `^  runtime\.mallocgc < runtime\.makeslice < main\.keep < main\.main`
