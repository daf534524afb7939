//playbook:options godebug=scavtrace=1

// GODEBUG=scavtrace=1: the scavenger's summary line, about once per
// cycle, and one more after debug.FreeOSMemory(), which collects and
// then returns every free page to the OS at once.
package main

import (
	"fmt"
	"runtime/debug"
	"runtime/metrics"
)

var sink [][]byte

func released() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func main() {
	for range 8192 {
		sink = append(sink, make([]byte, 8192)) // 64 MiB
	}
	before := released()
	sink = nil // all garbage now
	debug.FreeOSMemory()
	after := released()
	fmt.Println("returned at least 48 MiB:", after-before >= 48<<20)
	// Output:
	// returned at least 48 MiB: true
}

// want stderr `^scav \d+ KiB work \(bg\), \d+ KiB work \(eager\), \d+ KiB now, \d+% util`
// want stderr `^scav \d+ KiB work \(bg\), [1-9]\d{4,} KiB work \(eager\), [1-9]\d{4,} KiB now, \d+% util \(forced\)$`
// want !stderr "KiB total"
