// A pointer to a local variable that outlives its function: the compiler moves the variable to
// the heap. Returning the value instead keeps it on the stack.
package main

import "fmt"

//go:noinline
func newCounter() *int {
	n := 0 // want "moved to heap: n"
	return &n
}

//go:noinline
func counterValue() int {
	n := 0 // want !"moved to heap"
	return n
}

func main() {
	p := newCounter()
	*p++
	fmt.Println(*p, counterValue())
	// Output:
	// 1 0
}
