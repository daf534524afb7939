// Where the compiler puts a write barrier. While the collector is
// marking, every store of a pointer into the heap or a global must
// tell it about the pointers involved; the compiler emits a check of
// runtime.writeBarrier before each such store and a call that
// records them. Stores of non-pointers, and stores into the
// goroutine's own stack, need no barrier: the stack is scanned
// separately.
package main

import "fmt"

type node struct {
	next *node
	val  int
}

//go:noinline
func link(n, p *node) {
	n.next = p // want asm `CMPL runtime\.writeBarrier\(SB\), \$0` `CALL runtime\.gcWriteBarrier\d`
}

//go:noinline
func setVal(n *node, v int) {
	n.val = v // want asm !`writeBarrier|gcWriteBarrier`
}

var head *node

//go:noinline
func setHead(p *node) {
	head = p // want asm `CALL runtime\.gcWriteBarrier\d`
}

//go:noinline
func onStack(p *node) int {
	var ring [4]*node // stays on the stack: count keeps no pointer
	for i := range ring {
		ring[i] = p // want asm `MOVQ .*ring` !`writeBarrier|gcWriteBarrier`
	}
	return count(&ring)
}

//go:noinline
func count(r *[4]*node) int {
	n := 0
	for _, p := range r {
		if p != nil {
			n++
		}
	}
	return n
}

func main() {
	a, b := new(node), new(node)
	link(a, b)
	setVal(a, 1)
	setHead(a)
	fmt.Println(onStack(b), head.next == b, a.val)
	// Output:
	// 4 true 1
}
