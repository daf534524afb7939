// A map keeps its keys alive, and a key is the whole string it points
// into, not just the bytes it shows. A key sliced out of a large
// string pins that string for as long as the entry lives.
// strings.Clone (Go 1.18) copies just the key's bytes.
package main

import (
	"fmt"
	"runtime"
	"runtime/metrics"
	"strings"
)

func heapMiB() float64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return float64(s[0].Value.Uint64()) / (1 << 20)
}

// request stands for a 1 MiB request body whose first 12 bytes are
// its ID.
func request(i int) string {
	return fmt.Sprintf("id-%09d", i) + strings.Repeat(".", 1<<20)
}

func main() {
	base := heapMiB()
	seen := map[string]bool{}
	for i := range 50 {
		body := request(i)
		seen[body[:12]] = true // the key points into the 1 MiB body
	}
	fmt.Printf("substring keys: heap %3.0f MiB\n", heapMiB()-base)

	clear(seen)
	base = heapMiB()
	for i := range 50 {
		body := request(i)
		// A 12-byte copy: the body becomes garbage.
		seen[strings.Clone(body[:12])] = true
	}
	mib := max(heapMiB()-base, 0)
	fmt.Printf("cloned keys:    heap %3.0f MiB\n", mib)
}

// want stdout `substring keys: heap +5[0-9] MiB`
// want stdout `cloned keys: +heap +0 MiB`
