// A map variable is a single pointer to the map's table. Assigning
// it, passing it or keeping it in a second variable copies that
// pointer: no entries are copied and nothing extra stays alive.
// Ranging over a map does not allocate either; the iterator lives on
// the stack.
package main

import (
	"fmt"
	"testing"
	"unsafe"
)

func main() {
	m := map[int]int{}
	for i := range 10_000 {
		m[i] = i
	}

	alias := m // one pointer copied
	alias[-1] = -1
	fmt.Println("size of a map variable:", unsafe.Sizeof(m), "bytes")
	fmt.Println("entries seen through m:", len(m))

	sum := 0
	allocs := testing.AllocsPerRun(10, func() {
		for k, v := range m {
			sum += k + v
		}
	})
	fmt.Println("allocations per range over 10,000 entries:", allocs)
	// Output:
	// size of a map variable: 8 bytes
	// entries seen through m: 10001
	// allocations per range over 10,000 entries: 0
}
