// The capacities append picks for 8- and 16-byte elements with and
// without pointers. Since Go 1.22 an object that holds pointers and
// is larger than 512 bytes starts with an 8-byte header, and append
// subtracts it from the size class it rounds up to.
package main

import "fmt"

var (
	ints  []int
	ptrs  []*int
	pairs [][2]int
	strs  []string
)

func main() {
	// The capacities each slice has had, in order.
	var caps [4][]int
	note := func(k, c int) {
		if n := len(caps[k]); n == 0 || caps[k][n-1] != c {
			caps[k] = append(caps[k], c)
		}
	}
	// The slices are globals: on the heap from the first append.
	for i := 0; i < 3000; i++ {
		ints = append(ints, 0)
		ptrs = append(ptrs, nil)
		pairs = append(pairs, [2]int{})
		strs = append(strs, "")
		note(0, cap(ints))
		note(1, cap(ptrs))
		note(2, cap(pairs))
		note(3, cap(strs))
	}
	fmt.Println("[]int:    ", caps[0][6:])
	fmt.Println("[]*int:   ", caps[1][6:])
	fmt.Println("[][2]int: ", caps[2][5:])
	fmt.Println("[]string: ", caps[3][5:])
}

// want stdout `^\[\]int: +\[64 128 256 512 848 1280 1792 2560 3408\]$`
// want go1.21 stdout `^\[\]\*int: +\[64 128 256 512 848 1280 1792 2560 3408\]$`
// want go1.22+ stdout `^\[\]\*int: +\[64 143 287 607 1023 1535 2303 3071\]$`
// want stdout `^\[\]\[2\]int: +\[32 64 128 256 512 848 1280 1792 2560 3584\]$`
// want go1.21 stdout `^\[\]string: +\[32 64 128 256 512 848 1280 1792 2560 3584\]$`
// want go1.22+ stdout `^\[\]string: +\[32 71 143 303 591 1023 1535 2560 3584\]$`
