// A heap profile in the text format (debug=1), read by the program
// that wrote it. keep allocates 100 blocks of 4 KiB and keeps them;
// churn allocates as many and drops them.
package main

import (
	"bytes"
	"fmt"
	"runtime"
	"runtime/pprof"
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
	for range 100 {
		sink = make([]byte, 4096)
	}
	sink = nil
}

func main() {
	runtime.MemProfileRate = 1 // record every allocation
	keep()
	churn()
	runtime.GC() // the profile shows the heap as of the last GC

	var buf bytes.Buffer
	pprof.Lookup("heap").WriteTo(&buf, 1)
	// Records are separated by blank lines: a header line
	// "inuse objects: bytes [alloc objects: bytes] @ PCs",
	// then one "#" line per frame.
	records := strings.Split(buf.String(), "\n\n")
	fmt.Println(strings.SplitN(records[0], "\n", 2)[0])
	for _, r := range records[1:] {
		lines := strings.Split(r, "\n")
		counts, pcs, _ := strings.Cut(lines[0], " @ ")
		if len(lines) < 2 {
			continue
		}
		f := strings.Fields(lines[1]) // "#", PC, func+off, file:line
		if len(f) < 3 {
			continue
		}
		if fn := f[2]; strings.HasPrefix(fn, "main.keep") ||
			strings.HasPrefix(fn, "main.churn") {
			fmt.Printf("%-26s %d PCs, %d frames: %s\n", counts,
				len(strings.Fields(pcs)), len(lines)-1, fn)
		}
	}
}

// want stdout `^heap profile: \d+: \d+ \[\d+: \d+\] @ heap/2$`
// want stdout `^100: 409600 \[100: 409600\] +6 PCs, 3 frames: main\.keep\+`
// want stdout `^0: 0 \[100: 409600\] +6 PCs, 3 frames: main\.churn\+`
