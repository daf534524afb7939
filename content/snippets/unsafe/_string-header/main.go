// There is no unsafe.StringHeader: the deprecated header types
// live in reflect. This does not compile.
package main

import (
	"fmt"
	"unsafe"
)

func main() {
	b := []byte("hello")
	h := unsafe.StringHeader{ // want `undefined: unsafe\.StringHeader`
		Data: uintptr(unsafe.Pointer(&b[0])),
		Len:  len(b),
	}
	fmt.Println(*(*string)(unsafe.Pointer(&h)))
}
