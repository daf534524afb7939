//playbook:options inlining=false

// The example of "Reading escape analysis output", compiled with
// -gcflags='-m -l': escape analysis with inlining turned off.
package main

import "fmt"

var global *int

func newCounter() *int {
	n := 0 // want "moved to heap: n"
	return &n
}

func keep(p *int) { global = p } // want "leaking param: p$"

func identity(p *int) *int { return p } // want "leaking param: p to result ~r0 level=0"

func sum(xs []int) int { // want "xs does not escape"
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

func main() {
	c := newCounter()
	a, b := 1, 2 // want "moved to heap: a" !"moved to heap: b"
	keep(&a)
	_ = identity(&b)
	xs := make([]int, 8)               // want `make\(\[\]int, 8\) does not escape`
	big := make([]byte, 1<<20)         // want `make\(\[\]byte, 1048576\) escapes to heap`
	fmt.Println(*c, sum(xs), len(big)) // want `^\.\.\. argument does not escape` `^\*c escapes to heap` `^sum\(xs\) escapes to heap` `^len\(big\) escapes to heap`
}
