// Allocation counts are deterministic for most code: the same code,
// Go version and GOARCH allocate the same on every run. Not for all
// code: here the count depends on each map's random hash seed. A map
// made for 1,793 entries gets four tables that hold 448 entries each,
// so filling it grows the tables that receive more than 448 keys, and
// how many do changes from map to map. Made for 1,796, its tables
// hold 896 each and the count never changes.
package main

import (
	"fmt"
	"testing"
)

var sink map[int]int

// spread fills 200 maps, each made with the hint and filled with as
// many keys, and returns the fewest and most allocations one took.
func spread(hint int) (fewest, most float64) {
	fewest, most = 1e9, 0
	for range 200 {
		a := testing.AllocsPerRun(1, func() {
			m := make(map[int]int, hint)
			for i := range hint {
				m[i] = i
			}
			sink = m
		})
		fewest, most = min(fewest, a), max(most, a)
	}
	return fewest, most
}

func main() {
	for _, hint := range []int{1793, 1796} {
		fewest, most := spread(hint)
		fmt.Printf("hint %d: %v to %v allocations per map\n",
			hint, fewest, most)
	}
}

// want stdout "^hint 1793: 12 to (1[3-9]|2[0-4]) allocations per map$"
// want stdout "^hint 1796: 10 to 10 allocations per map$"
