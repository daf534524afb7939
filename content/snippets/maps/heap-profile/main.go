// Finding a map that holds memory with a heap profile. The program
// grows a map, empties it, and writes its heap profile the way
// pprof.WriteHeapProfile and /debug/pprof/heap do: gzipped protobuf,
// the file `go tool pprof` reads. It decodes that profile
// (profile.go) and prints where it charges the bytes still in use.
//
// For contrast it also reads runtime.MemProfile, the raw records the
// profile is written from. Their stacks start inside the runtime
// (mallocgc, the map's growth, runtime.mapassign_fast64); runtime/pprof
// drops those leading runtime frames when it writes the profile, so
// the profile charges the bytes to the line that inserts.
package main

import (
	"bytes"
	"fmt"
	"runtime"
	"runtime/pprof"
	"strings"
)

func buildIndex(n int) map[int]int {
	m := make(map[int]int)
	for i := range n {
		m[i] = i // the growth allocations happen here
	}
	return m
}

func main() {
	// Record every allocation (the default samples one per 512 KiB).
	runtime.MemProfileRate = 1

	index := buildIndex(1_000_000)
	clear(index)
	// A profile shows the heap as of the last completed collection.
	runtime.GC()
	runtime.GC()

	var profile bytes.Buffer
	if err := pprof.WriteHeapProfile(&profile); err != nil {
		panic(err)
	}
	for where, b := range inUseByLeaf(profile.Bytes()) {
		if b > 1<<20 {
			fmt.Printf("profile: %d MiB in use at %s\n", b>>20, where)
		}
	}

	// The raw records, by the frame their stack enters package main
	// from.
	raw := map[string]int64{}
	records := make([]runtime.MemProfileRecord, 1024)
	n, ok := runtime.MemProfile(records, false)
	if !ok {
		panic("profile buffer too small")
	}
	for _, r := range records[:n] {
		frames := runtime.CallersFrames(r.Stack())
		callee := ""
		for {
			f, more := frames.Next()
			if strings.HasPrefix(f.Function, "main.") {
				where := fmt.Sprintf("%s, called from %s (line %d)",
					callee, f.Function, f.Line)
				raw[where] += r.InUseBytes()
				break
			}
			callee = f.Function
			if !more {
				break
			}
		}
	}
	for where, b := range raw {
		if b > 1<<20 {
			fmt.Printf("raw records: %d MiB in use in %s\n", b>>20, where)
		}
	}
	fmt.Println("entries in the map:", len(index))
}

// want stdout `^profile: 3[0-9] MiB in use at main\.buildIndex \(line 25\)$`
// want !stdout `^profile: .*runtime`
// want stdout `^raw records: 3[0-9] MiB in use in runtime\.mapassign_fast64, called from main\.buildIndex \(line 25\)$`
// want stdout "entries in the map: 0"
