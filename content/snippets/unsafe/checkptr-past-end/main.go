//playbook:options race

// Pattern (3): p = unsafe.Pointer(uintptr(p) + offset) is valid
// only while the result points into the same allocation. An
// off-by-one loop computes the address one past the end, which is
// the next object's; checkptr (-race) stops the program there,
// before the load.
package main

import (
	"fmt"
	"unsafe"
)

var xs = make([]int64, 4) // 32 bytes: fills its size class

func main() {
	p := unsafe.Pointer(&xs[0])
	sum := int64(0)
	for i := 0; i <= len(xs); i++ { // should be i < len(xs)
		e := unsafe.Pointer(uintptr(p) + uintptr(i)*8) // want "^fatal error: checkptr: pointer arithmetic result points to invalid allocation$"
		sum += *(*int64)(e)
	}
	fmt.Println(sum)
}

// want error fatal_error
// want exit 2
// want stderr "^fatal error: checkptr: pointer arithmetic result points to invalid allocation$"
