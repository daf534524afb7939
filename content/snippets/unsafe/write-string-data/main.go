// A []byte made from a string's data with unsafe.Slice shares
// that data. A string literal's bytes are in the binary's
// read-only memory: writing through the slice is a fault the
// program cannot recover from.
package main

import (
	"fmt"
	"unsafe"
)

func main() {
	// Never runs: a fault is not a panic.
	defer func() { fmt.Println("recovered:", recover()) }()
	s := "constant"
	b := unsafe.Slice(unsafe.StringData(s), len(s))
	b[0] = 'C' // want "^fatal error: fault$"
	fmt.Println(s)
}

// want error fatal_error
// want exit 2
// want stderr "^unexpected fault address 0x[0-9a-f]+$"
// want stderr "^\\[signal SIGSEGV: segmentation violation"
// want !stdout "recovered"
