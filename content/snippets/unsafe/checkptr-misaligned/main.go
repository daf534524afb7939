//playbook:options race

// A pointer to a type that holds pointers must be aligned: the
// garbage collector reads pointers only at word boundaries. -race
// turns on checkptr, which stops the program at the conversion.
package main

import (
	"fmt"
	"unsafe"
)

type node struct {
	next *node
	val  int64
}

var arena = make([]node, 4)

func main() {
	fmt.Println("node is", unsafe.Sizeof(node{}),
		"bytes, aligned to", unsafe.Alignof(node{}))
	// Off by half a word: 4 bytes into arena[0].
	p := unsafe.Add(unsafe.Pointer(&arena[0]), 4)
	n := (*node)(p) // want "^fatal error: checkptr: misaligned pointer conversion$"
	fmt.Println(n.val)
}

// want error fatal_error
// want exit 2
// want stderr "^fatal error: checkptr: misaligned pointer conversion$"
// want stdout "^node is 16 bytes, aligned to 8$"
// want !stdout "^0$"
