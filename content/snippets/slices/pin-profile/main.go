// A cache of request IDs, each the first 8 bytes of a 4 MiB body.
// The heap profile's records (what pprof's inuse_space shows) charge
// the pinned memory to the function that allocated the bodies; they
// do not say what keeps them alive.
package main

import (
	"fmt"
	"runtime"
	"strings"
)

// fetch stands for reading a request body.
func fetch(i int) []byte {
	body := make([]byte, 4<<20)
	copy(body, fmt.Sprintf("id-%05d", i))
	return body
}

var ids [][]byte

func main() {
	runtime.MemProfileRate = 1 // record every allocation
	for i := range 16 {
		body := fetch(i)
		ids = append(ids, body[:8]) // pins the 4 MiB body
	}
	// The profile shows the heap as of the last completed collection.
	runtime.GC()
	runtime.GC()

	records := make([]runtime.MemProfileRecord, 4096)
	n, ok := runtime.MemProfile(records, false)
	if !ok {
		panic("profile buffer too small")
	}
	inUse := map[string]int64{}
	for _, r := range records[:n] {
		frames := runtime.CallersFrames(r.Stack())
		for {
			f, more := frames.Next()
			if strings.HasPrefix(f.Function, "main.") {
				inUse[f.Function] += r.InUseBytes()
				break
			}
			if !more {
				break
			}
		}
	}
	for fn, b := range inUse {
		if b >= 1<<20 {
			fmt.Printf("%d MiB in use, allocated in %s\n", b>>20, fn)
		}
	}
	fmt.Printf("%d IDs of %d bytes\n", len(ids), len(ids[0]))
	// Output:
	// 64 MiB in use, allocated in main.fetch
	// 16 IDs of 8 bytes
}
