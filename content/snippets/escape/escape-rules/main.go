//playbook:options go=1.21-1.27

// One function per rule of escape analysis, each with what -m
// says about it. Every function is go:noinline, so that each is
// analysed as written, not inlined into main.
package main

import (
	"fmt"
	"reflect"
)

type User struct{ Name string }

var (
	global *int
	users  = map[int]*User{}
	queue  = make(chan *int, 1)
)

// Returning a pointer to a local variable.
//
//go:noinline
func newInt() *int {
	x := 0 // want "moved to heap: x"
	return &x
}

// Storing a pointer in a global.
//
//go:noinline
func keep(p *int) { global = p } // want "leaking param: p$"

// Storing a pointer in a map (the map is a global's, but any
// map does the same).
//
//go:noinline
func register(id int) { users[id] = &User{} } // want `&User\{\} escapes to heap`

// Storing a pointer in a local map, which itself stays on the
// stack.
//
//go:noinline
func localMap() int {
	a := 1                 // want "moved to heap: a"
	m := map[string]*int{} // want `map\[string\]\*int\{\} does not escape`
	m["a"] = &a
	return *m["a"]
}

// Sending a pointer on a channel.
//
//go:noinline
func send() {
	x := 1 // want "moved to heap: x"
	queue <- &x
}

// Converting to an interface that escapes: fmt.Println keeps
// its arguments beyond what the compiler can follow.
//
//go:noinline
func printIt(x int) { fmt.Println(x) } // want `^\.\.\. argument does not escape` "^x escapes to heap"

// Converting to an interface that does not escape.
//
//go:noinline
func kind(v any) string { // want "v does not escape"
	switch v.(type) {
	case int:
		return "int"
	}
	return "other"
}

//go:noinline
func kindOf(x int) string { return kind(x) } // want "x does not escape"

// Pointers in a slice literal that does not escape.
//
//go:noinline
func literal() int {
	a, b := 1, 2         // want !"moved to heap"
	ps := []*int{&a, &b} // want `\[\]\*int\{\.\.\.\} does not escape`
	return *ps[0] + *ps[1]
}

// A pointer stored into a slice element.
//
//go:noinline
func indexStore() int {
	a := 1                // want "moved to heap: a"
	ps := make([]*int, 1) // want "does not escape"
	ps[0] = &a
	return *ps[0]
}

// A pointer appended to a slice.
//
//go:noinline
func appended() int {
	a := 1 // want "moved to heap: a"
	var ps []*int
	ps = append(ps, &a)
	return *ps[0]
}

// Reading through reflect.
//
//go:noinline
func reflectRead(x int) int64 { return reflect.ValueOf(x).Int() } // want "x does not escape"

// Getting an interface back from reflect.
//
//go:noinline
func reflectInterface(x int) any { // want "moved to heap: x"
	return reflect.ValueOf(&x).Elem().Interface()
}

func main() {
	y := 1 // want "moved to heap: y"
	keep(&y)
	printIt(*newInt())
	register(1)
	localMap()
	send()
	kindOf(1)
	literal()
	indexStore()
	appended()
	reflectRead(1)
	fmt.Println(reflectInterface(1))
	// Output:
	// 0
	// 1
}
