// The capacities append picks for 8- and 16-byte elements with and
// without pointers. Since Go 1.22 an object that holds pointers and
// is larger than 512 bytes starts with an 8-byte header, and append
// subtracts it from the size class it rounds up to.
package main

import "fmt"

var (
	sinkInts    []int
	sinkPtrs    []*int
	sinkPairs   [][2]int
	sinkStrings []string
)

// caps appends n zero values one at a time and returns the
// capacities append chose; sink keeps the slice on the heap.
func caps[T any](n int, sink *[]T) []int {
	var s []T
	var out []int
	for i := 0; i < n; i++ {
		old := cap(s)
		var zero T
		s = append(s, zero)
		*sink = s
		if cap(s) != old {
			out = append(out, cap(s))
		}
	}
	return out
}

func main() {
	const n = 3000
	fmt.Println("[]int:    ", caps(n, &sinkInts)[6:])
	fmt.Println("[]*int:   ", caps(n, &sinkPtrs)[6:])
	fmt.Println("[][2]int: ", caps(n, &sinkPairs)[5:])
	fmt.Println("[]string: ", caps(n, &sinkStrings)[5:])
}

// want stdout `^\[\]int: +\[64 128 256 512 848 1280 1792 2560 3408\]$`
// want go1.21 stdout `^\[\]\*int: +\[64 128 256 512 848 1280 1792 2560 3408\]$`
// want go1.22+ stdout `^\[\]\*int: +\[64 143 287 607 1023 1535 2303 3071\]$`
// want stdout `^\[\]\[2\]int: +\[32 64 128 256 512 848 1280 1792 2560 3584\]$`
// want go1.21 stdout `^\[\]string: +\[32 64 128 256 512 848 1280 1792 2560 3584\]$`
// want go1.22+ stdout `^\[\]string: +\[32 71 143 303 591 1023 1535 2560 3584\]$`
