// The order of a range over a map is unspecified, and the runtime
// randomises it on purpose so that no code comes to depend on one.
// Sort the keys when the order matters; fmt sorts them when it prints
// a map.
package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

func main() {
	m := map[string]int{}
	for _, k := range strings.Split("abcdefghijklmnop", "") {
		m[k] = len(m)
	}

	orders := map[string]bool{}
	for range 20 {
		var b strings.Builder
		for k := range m {
			b.WriteString(k)
		}
		orders[b.String()] = true
	}
	fmt.Println("different orders in 20 loops:", len(orders) > 1)

	fmt.Println("sorted keys:", slices.Sorted(maps.Keys(m))) // Go 1.23
	fmt.Println("printed:", map[string]int{"b": 2, "a": 1, "c": 3})
	// Output:
	// different orders in 20 loops: true
	// sorted keys: [a b c d e f g h i j k l m n o p]
	// printed: map[a:1 b:2 c:3]
}
