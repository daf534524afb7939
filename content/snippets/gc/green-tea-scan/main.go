//playbook:options godebug=gctrace=2

// GODEBUG=gctrace=2 adds scan statistics after each cycle's trace
// line (Go 1.25+). Without Green Tea the runtime counts objects
// scanned one by one; with Green Tea (the default since Go 1.26) it
// also counts the spans it scanned whole, and how many objects each
// way covered.
package main

import (
	"fmt"
	"runtime"
)

type node struct {
	next *node
	pad  [6]int // 64-byte objects: 128 to an 8 KiB span
}

var live []*node

func main() {
	for range 100_000 {
		live = append(live, &node{})
	}
	runtime.GC()
	fmt.Println("live nodes:", len(live))
	// Output:
	// live nodes: 100000
}

// want go1.24 !stderr "^scan:"
// want go1.25 stderr `^scan: total \d+ objs$`
// want go1.25 !stderr "spans"
// want go1.26+ stderr `^scan: total \d+\+\d+\+\d+=\d+ objs, \d+\+\d+=\d+ spans$`
// want go1.26+ stderr `^scan: class 64B \d+\+\d+\+\d+=\d+ objs, \d+\+[1-9]\d+=\d+ spans$`
