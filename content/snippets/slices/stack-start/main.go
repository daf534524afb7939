// The capacities of local slices that never leave main. Since Go
// 1.25 the first append to such a slice uses a 32-byte buffer in the
// stack frame, so growth starts from 4 ints or 32 bytes.
package main

import "fmt"

func main() {
	var ints []int
	prev := cap(ints)
	for i := range 600 {
		ints = append(ints, i)
		if cap(ints) != prev {
			fmt.Print(cap(ints), " ")
			prev = cap(ints)
		}
	}
	fmt.Println()

	var bytes []byte
	prev = cap(bytes)
	for i := range 600 {
		bytes = append(bytes, byte(i))
		if cap(bytes) != prev {
			fmt.Print(cap(bytes), " ")
			prev = cap(bytes)
		}
	}
	fmt.Println()
}

// want go1.24 stdout "^1 2 4 8 16 32 64 128 256 512 848 $"
// want go1.25+ stdout "^4 8 16 32 64 128 256 512 848 $"
// want go1.24 stdout "^8 16 32 64 128 256 512 896 $"
// want go1.25+ stdout "^32 64 128 256 512 896 $"
