// Watches a map grow by counting the heap allocations it takes to
// insert n keys into a new map, for n from 0 to 1,000, and printing n
// each time the count changes. Each jump is one growth step of the
// Swiss-table map (Go 1.24 and later).
package main

import (
	"fmt"
	"testing"
)

var sink map[int]int

func main() {
	prev := -1.0
	for n := 0; n <= 1000; n++ {
		allocs := testing.AllocsPerRun(10, func() {
			m := make(map[int]int)
			for i := range n {
				m[i] = i
			}
			sink = m // the map escapes, so every part of it is counted
		})
		if allocs != prev {
			fmt.Printf("%4d keys: %2.0f allocations\n", n, allocs)
			prev = allocs
		}
	}
	// Output:
	//    0 keys:  1 allocations
	//    1 keys:  2 allocations
	//    9 keys:  5 allocations
	//   15 keys:  7 allocations
	//   29 keys:  9 allocations
	//   57 keys: 11 allocations
	//  113 keys: 13 allocations
	//  225 keys: 15 allocations
	//  449 keys: 17 allocations
	//  897 keys: 22 allocations
}
