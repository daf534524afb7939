//playbook:options escapeDetail=2

// The same example compiled with -gcflags=-m=2 and inlining on: the
// inlining decisions with their costs, and the data flow behind each
// escape decision.
package main

import "fmt"

var global *int

func newCounter() *int { // want "can inline newCounter with cost 8"
	n := 0 // want "moved to heap: n"
	return &n
}

func keep(p *int) { global = p }

func identity(p *int) *int { return p }

func sum(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

func main() { // want "cannot inline main: function too complex: cost 152 exceeds budget 80"
	c := newCounter() // want "inlining call to newCounter" !"moved to heap"
	a, b := 1, 2
	keep(&a)
	_ = identity(&b)
	xs := make([]int, 8)
	big := make([]byte, 1<<20)
	fmt.Println(*c, sum(xs), len(big)) // want `^~r0 escapes to heap` !`^sum\(xs\) escapes`
}
