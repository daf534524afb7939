// NaN is not equal to itself, so an entry stored under a NaN key can
// never be found again by key: not by a lookup, not by delete. The
// delete loop leaves such entries behind; the clear builtin (Go 1.21)
// removes every entry whatever its key.
package main

import (
	"fmt"
	"math"
)

func main() {
	m := map[float64]string{1: "one", math.NaN(): "not a number"}
	m[math.NaN()] = "another" // a new entry, since NaN != NaN

	_, found := m[math.NaN()]
	fmt.Println("entries:", len(m), "- lookup by NaN finds one:", found)

	for k := range m {
		delete(m, k) // delete(m, NaN) matches nothing
	}
	fmt.Println("after the delete loop:", len(m))

	clear(m)
	fmt.Println("after clear:", len(m))
	// Output:
	// entries: 3 - lookup by NaN finds one: false
	// after the delete loop: 2
	// after clear: 0
}
