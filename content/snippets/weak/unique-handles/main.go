// unique.Make (Go 1.23) interns a comparable value: equal values
// get the same Handle, a pointer to one shared copy. Handles
// compare in one pointer comparison, and the copies are freed
// once no handle refers to them.
package main

import (
	"fmt"
	"strings"
	"testing"
	"unique" // want go1.22 "package unique is not in the standard library"
	"unsafe"
)

// same reports whether two strings share their bytes.
func same(a, b string) bool {
	return unsafe.StringData(a) == unsafe.StringData(b)
}

func main() {
	// Two equal strings built at run time: two copies of the
	// bytes.
	a := strings.Repeat("eu-west-", 2)
	b := "eu-" + strings.Repeat("west-eu-", 1) + "west-"
	fmt.Println("strings equal:", a == b,
		"same bytes:", same(a, b))

	ha, hb := unique.Make(a), unique.Make(b)
	fmt.Println("handles equal:", ha == hb, "same bytes:",
		same(ha.Value(), hb.Value()))
	fmt.Println("a handle is", unsafe.Sizeof(ha), "bytes")

	// Looking up a value that is already interned allocates
	// nothing.
	fmt.Println("allocs per Make of a known value:",
		testing.AllocsPerRun(100, func() { hb = unique.Make(b) }))
	// Output:
	// strings equal: true same bytes: false
	// handles equal: true same bytes: true
	// a handle is 8 bytes
	// allocs per Make of a known value: 0
}

// want go1.23+ stdout "^handles equal: true same bytes: true$"
