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

func show(c config) string {
	return fmt.Sprintf("%q %v %v %t", c.name, c.tags, c.index,
		c.hook == nil)
}

// zero works for every type.
func zero[T any](p *T) {
	var z T
	*p = z
}

func main() {
	c := config{"a", []string{"x"}, map[string]int{"x": 1}, nil}
	c.hook = func() {}
	c = config{}
	fmt.Println(show(c))

	d := config{"b", []string{"y"}, map[string]int{"y": 2}, nil}
	d.hook = func() {}
	zero(&d)
	fmt.Println(show(d))

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
