//playbook:options escapeDetail=2

// Go 1.22 gave every iteration of a for loop its own copy of the loop
// variable, in modules whose go.mod says go 1.22 or later (the
// playground writes the release's own version there). A closure or a
// pointer now sees the value of its own iteration; a loop variable
// that escapes is now allocated once per iteration.
package main

import (
	"fmt"
	"testing"
)

var ptrs [8]*int

// keepPointers keeps a pointer to the loop variable of every
// iteration.
//
//go:noinline
func keepPointers() {
	for i := 0; i < 8; i++ { // want "moved to heap: i"
		ptrs[i] = &i
	}
}

func main() {
	var prints []func()
	for i := 0; i < 3; i++ { // want go1.21 "capturing by ref: i" "moved to heap: i" go1.22+ "capturing by value: i" !"moved to heap"
		prints = append(prints, func() { fmt.Print(i, " ") })
	}
	for _, p := range prints {
		p()
	}
	fmt.Println()

	keepPointers()
	fmt.Println("first and last pointer:", *ptrs[0], *ptrs[7])
	fmt.Println("allocations:", testing.AllocsPerRun(100, keepPointers))
}

// want go1.21 stdout "^3 3 3 $"
// want go1.21 stdout "^first and last pointer: 8 8$"
// want go1.21 stdout "^allocations: 1$"
// want go1.22+ stdout "^0 1 2 $"
// want go1.22+ stdout "^first and last pointer: 0 7$"
// want go1.22+ stdout "^allocations: 9$"
