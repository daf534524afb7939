// make with a size known only at run time, on each side of Go
// 1.25: before, always on the heap; since, a 32-byte buffer in
// the frame holds it when it fits. A constant size up to 64 KiB
// was always on the stack. (Loops in the style of Go 1.21,
// which is checked too.)
package main

import (
	"fmt"
	"testing"
)

//go:noinline
func sumN(n int) int64 {
	s := make([]int64, n) // want go1.21-1.24 `make\(\[\]int64, n\) escapes to heap` go1.25+ `make\(\[\]int64, n\) does not escape`
	var t int64
	for i := range s {
		s[i] = int64(i)
		t += s[i]
	}
	return t
}

//go:noinline
func sumConst() int64 {
	s := make([]int64, 512) // want `make\(\[\]int64, 512\) does not escape`
	var t int64
	for i := range s {
		s[i] = int64(i)
		t += s[i]
	}
	return t
}

func main() {
	fmt.Println(sumN(4), sumN(5), sumConst())
	n4 := testing.AllocsPerRun(100, func() { sumN(4) })
	n5 := testing.AllocsPerRun(100, func() { sumN(5) })
	c := testing.AllocsPerRun(100, func() { sumConst() })
	fmt.Println("sumN(4), 32 B:", n4)
	fmt.Println("sumN(5), 40 B:", n5)
	fmt.Println("sumConst, 4 KiB:", c)
}

// want stdout "^6 10 130816$"
// want go1.21-1.24 stdout `^sumN\(4\), 32 B: 1$`
// want go1.25+ stdout `^sumN\(4\), 32 B: 0$`
// want stdout `^sumN\(5\), 40 B: 1$`
// want stdout "^sumConst, 4 KiB: 0$"
