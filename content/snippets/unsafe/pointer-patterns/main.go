//playbook:options race

// The six conversions the unsafe package allows, each in its
// valid form, run with checkptr on (-race).
package main

import (
	"fmt"
	"reflect"
	"syscall"
	"unsafe"
)

type celsius struct{ deg float64 }
type fahrenheitish struct{ v float64 } // same layout as celsius

type pair struct {
	a int32
	b int64
}

func main() {
	// (1) *T1 to *T2: T2 no larger than T1, same layout.
	c := &celsius{21.5}
	f := (*fahrenheitish)(unsafe.Pointer(c))
	fmt.Println("(1)", f.v)

	// (2) Pointer to uintptr, never back: a number, for printing.
	addr := uintptr(unsafe.Pointer(c))
	fmt.Println("(2) aligned to 8:", addr%8 == 0)

	// (3) Arithmetic inside one allocation, in one expression;
	// unsafe.Add (Go 1.17) says the same without uintptr.
	p := &pair{1, 2}
	b1 := (*int64)(unsafe.Pointer(
		uintptr(unsafe.Pointer(p)) + unsafe.Offsetof(p.b)))
	b2 := (*int64)(unsafe.Add(unsafe.Pointer(p),
		unsafe.Offsetof(p.b)))
	fmt.Println("(3)", *b1, *b2)

	// (4) uintptr(unsafe.Pointer(...)) in the syscall's argument
	// list.
	msg := []byte("(4) written by write(2)\n")
	syscall.Syscall(syscall.SYS_WRITE, 1,
		uintptr(unsafe.Pointer(&msg[0])), uintptr(len(msg)))

	// (5) reflect's uintptr results converted at once.
	n := 7
	q := (*int)(unsafe.Pointer(reflect.ValueOf(&n).Pointer()))
	fmt.Println("(5)", *q)

	// (6) The deprecated headers: use unsafe.String and friends.
	data := []byte("header-free")
	s := unsafe.String(unsafe.SliceData(data), len(data))
	fmt.Println("(6)", s)
	// Output:
	// (1) 21.5
	// (2) aligned to 8: true
	// (3) 2 2
	// (4) written by write(2)
	// (5) 7
	// (6) header-free
}
