//playbook:options race

// unsafe.Slice(ptr, n) takes a length in elements of *ptr's type.
// A length in bytes passed with a *uint32 makes a slice four
// times too long, reaching into other allocations. checkptr
// (-race) checks the result when it is made.
package main

import (
	"fmt"
	"unsafe"
)

var words = make([]uint32, 8) // 32 bytes

func main() {
	// Right: a byte view of the 32 bytes.
	p := (*byte)(unsafe.Pointer(&words[0]))
	b := unsafe.Slice(p, len(words)*4)
	fmt.Println("bytes:", len(b))
	// Wrong: the length is in bytes, the element is 4 bytes.
	w := unsafe.Slice(&words[0], len(words)*4) // want "^fatal error: checkptr: unsafe.Slice result straddles multiple allocations$"
	fmt.Println("words:", len(w))
}

// want error fatal_error
// want exit 2
// want stderr "^fatal error: checkptr: unsafe.Slice result straddles multiple allocations$"
// want stdout "^bytes: 32$"
// want !stdout "words"
