// Assigning the zero value resets any variable, whatever its type:
// *p = T{} for a known struct type, var z T; *p = z in generic code.
// No constraint is needed, and nothing panics for types that are not
// comparable, such as structs holding slices, maps or funcs.
package main

import (
	"fmt"
	"testing"
)

type config struct {
	name  string
	tags  []string
	index map[string]int
	hook  func()
}

// zero works for every type.
func zero[T any](p *T) {
	var z T
	*p = z
}

func main() {
	c := config{"a", []string{"x"}, map[string]int{"x": 1}, func() {}}
	c = config{}
	fmt.Printf("%q %v %v %t\n", c.name, c.tags, c.index, c.hook == nil)

	d := config{"b", []string{"y"}, map[string]int{"y": 2}, func() {}}
	zero(&d)
	fmt.Printf("%q %v %v %t\n", d.name, d.tags, d.index, d.hook == nil)

	n, s := 42, []int{1, 2}
	zero(&n)
	zero(&s)
	fmt.Println(n, s == nil)

	allocs := testing.AllocsPerRun(100, func() { zero(&d) })
	fmt.Println("allocations per zero(&d):", allocs)
	// Output:
	// "" [] map[] true
	// "" [] map[] true
	// 0 true
	// allocations per zero(&d): 0
}
