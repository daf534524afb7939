// A map that does not escape can live in the function's stack frame,
// but only while it is small: with a hint of at most 8 (one group of
// 8 slots) the map header and its only group are on the stack. From a
// hint of 9 the compiler still says "does not escape" for the header,
// yet the table behind it is allocated on the heap. The stack group
// holds 8 entries: a ninth moves the map to a table on the heap too.
package main

import (
	"fmt"
	"strings"
	"testing"
)

//go:noinline
func count8(words []string) int {
	m := make(map[string]int, 8) // want "make\\(map\\[string\\]int, 8\\) does not escape"
	for _, w := range words {
		m[w]++
	}
	return len(m)
}

//go:noinline
func count9(words []string) int {
	m := make(map[string]int, 9) // want "make\\(map\\[string\\]int, 9\\) does not escape"
	for _, w := range words {
		m[w]++
	}
	return len(m)
}

func main() {
	words := []string{"a", "b", "a", "c"}
	a8 := testing.AllocsPerRun(100, func() { count8(words) })
	a9 := testing.AllocsPerRun(100, func() { count9(words) })
	fmt.Println("hint 8, heap allocations:", a8)
	fmt.Println("hint 9, heap allocations:", a9)

	// The stack group holds 8 entries; a ninth makes the map a table,
	// on the heap.
	nine := strings.Fields("a b c d e f g h i")
	n8 := testing.AllocsPerRun(100, func() { count8(nine) })
	fmt.Println("hint 8, 9 distinct words, heap allocations:", n8)
	// Output:
	// hint 8, heap allocations: 0
	// hint 9, heap allocations: 3
	// hint 8, 9 distinct words, heap allocations: 3
}
