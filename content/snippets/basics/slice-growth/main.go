// Prints the capacity of a slice each time append has to grow it: doubling while small, then
// growing by smaller factors, rounded up to the allocator's size classes. The first capacity is
// 4, not 1: the compiler (Go 1.26 here) starts a slice that does not escape in a small stack
// buffer.
package main

import "fmt"

func main() {
	var s []int
	prev := -1
	for i := range 2000 {
		s = append(s, i)
		if cap(s) != prev {
			fmt.Print(cap(s), " ")
			prev = cap(s)
		}
	}
	fmt.Println()
	// Output:
	// 4 8 16 32 64 128 256 512 848 1280 1792 2560
}
