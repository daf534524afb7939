//playbook:options race

// -race turns on the compiler's checkptr instrumentation: each
// conversion from unsafe.Pointer to *T is checked at run time.
// Reading 16 bytes where only 8 remain in the allocation is caught
// at the conversion, before any byte is read.
package main

import (
	"fmt"
	"unsafe"
)

var buf = make([]byte, 24) // on the heap

// words views 16 bytes of b, from off, as two uint64s.
func words(b []byte, off int) *[2]uint64 {
	return (*[2]uint64)(unsafe.Pointer(&b[off])) // want `^fatal error: checkptr: converted pointer straddles multiple allocations$`
}

func main() {
	fmt.Println(words(buf, 8)[1])  // bytes 8 to 23: inside
	fmt.Println(words(buf, 16)[1]) // bytes 16 to 31: 8 past the end
}

// want error fatal_error
// want exit 2
// want stdout `^0$`
// want stderr `^fatal error: checkptr: converted pointer straddles multiple allocations$`
