// clear on a slice sets every element to its zero value and leaves
// the length alone; clear on a map deletes every entry. Same builtin
// (Go 1.21), two different results for len.
package main

import "fmt"

func main() {
	s := []string{"a", "b", "c"}
	clear(s)
	fmt.Printf("slice: len %d, cap %d, %q\n", len(s), cap(s), s)

	m := map[string]int{"a": 1, "b": 2, "c": 3}
	clear(m)
	fmt.Printf("map:   len %d, %v\n", len(m), m)

	// Only the elements up to len are cleared; the rest of the
	// backing array keeps what it held.
	t := []int{1, 2, 3, 4}
	clear(t[:2])
	fmt.Println("t[:2] cleared:", t)
	// Output:
	// slice: len 3, cap 3, ["" "" ""]
	// map:   len 0, map[]
	// t[:2] cleared: [0 0 3 4]
}
