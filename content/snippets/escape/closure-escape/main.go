//playbook:options go=1.21-1.27

// A closure that outlives its function is allocated on the
// heap, with the variables it shares with that function. A
// closure that is only called while its function runs stays on
// the stack.
package main

import (
	"fmt"
	"slices"
	"testing"
)

// counter returns a closure; the closure and n outlive the
// call.
func counter() func() int {
	n := 0              // want "moved to heap: n"
	return func() int { // want "func literal escapes to heap"
		n++
		return n
	}
}

// each only calls f: f does not escape.
//
//go:noinline
func each(xs []int, f func(int)) { // want "f does not escape"
	for _, x := range xs {
		f(x)
	}
}

//go:noinline
func sumSquares(xs []int) int {
	total := 0                               // want !"moved to heap"
	each(xs, func(x int) { total += x * x }) // want "func literal does not escape"
	return total
}

// byDistance sorts with a closure over from: slices.SortFunc
// only calls it, so it stays on the stack.
//
//go:noinline
func byDistance(xs []int, from int) {
	slices.SortFunc(xs, func(a, b int) int { // want "func literal does not escape"
		return abs(a-from) - abs(b-from)
	})
}

func abs(x int) int { return max(x, -x) }

var handlers []func() int

// register keeps a closure. Only what the closure captures goes
// with it, and id and n, never assigned after the capture, are
// copied into it. scratch, not captured, stays in register's
// frame.
//
//go:noinline
func register(id int) {
	var scratch [1024]byte // want !"moved to heap"
	n := copy(scratch[:], "handler")
	handlers = append(handlers, func() int { return id + n }) // want "func literal escapes to heap"
}

// registerCounter captures hits, which the closure assigns: the
// closure refers to hits, and hits moves to the heap.
//
//go:noinline
func registerCounter(id int) {
	hits := 0                                // want "moved to heap: hits"
	handlers = append(handlers, func() int { // want "func literal escapes to heap"
		hits++
		return id + hits
	})
}

func main() {
	c := counter()
	c()
	fmt.Println(c(), sumSquares([]int{1, 2, 3}))
	handlers = make([]func() int, 0, 1000)
	xs := []int{9, 1, 6, 4}
	for _, c := range []struct {
		name string
		f    func()
	}{
		{"sumSquares", func() { sumSquares(xs) }},
		{"byDistance", func() { byDistance(xs, 5) }},
		{"register", func() { register(1) }},
		{"registerCounter", func() { registerCounter(1) }},
	} {
		a := testing.AllocsPerRun(100, c.f)
		fmt.Printf("%-16s %v\n", c.name+":", a)
	}
	// Output:
	// 2 14
	// sumSquares:      0
	// byDistance:      0
	// register:        1
	// registerCounter: 2
}
