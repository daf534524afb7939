//playbook:options race

// What checkptr does not report, with -race on. It checks
// alignment only for types that hold pointers, and it tells
// allocations apart only on the heap and in global data: the
// whole goroutine stack counts as one allocation. None of these
// lines is valid code.
package main

import (
	"fmt"
	"unsafe"
)

var heapBuf = make([]byte, 64)

func main() {
	// A misaligned *uint64: pointer-free, so not checked (and
	// amd64 loads it without complaint; some platforms would
	// not).
	u := (*uint64)(unsafe.Pointer(&heapBuf[3]))
	*u = 1
	fmt.Println("misaligned *uint64:", *u)

	// A 16-byte read of an 8-byte local array: both on the stack.
	var small [8]byte
	var other [8]byte
	big := (*[16]byte)(unsafe.Pointer(&small))
	fmt.Println("stack overread:", len(big), other[0])

	// Arithmetic past the end of a stack array.
	end := unsafe.Pointer(uintptr(unsafe.Pointer(&small)) + 8)
	fmt.Println("one past the end:", end != nil)
	// Output:
	// misaligned *uint64: 1
	// stack overread: 16 0
	// one past the end: true
}
