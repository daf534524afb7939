// A defer in the body of a range-over-func loop (Go 1.23) belongs to
// the function that contains the loop, as in any other loop: it runs
// when walk returns, not when the iteration or the iterator ends.
package main

import (
	"fmt"
	"slices"
)

func walk() {
	for v := range slices.Values([]string{"a", "b"}) {
		defer fmt.Println("deferred", v)
		fmt.Println("body", v)
	}
	fmt.Println("walk returns")
}

func main() {
	walk()
	// Output:
	// body a
	// body b
	// walk returns
	// deferred b
	// deferred a
}
