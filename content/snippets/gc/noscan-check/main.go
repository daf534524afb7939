// Whether a type contains pointers decides where its objects go:
// pointer-free ones into "noscan" spans that the collector never
// scans. Go 1.27 shows the choice in the assembly: a small
// allocation calls a malloc specialised for its size class and
// for "scan" or "noscan". Before 1.27 both call
// runtime.newobject, which makes the same choice inside.
// hasPointers asks reflect.
package main

import (
	"fmt"
	"reflect"
	"time"
)

type T struct { // 24 bytes, no pointers
	ID    int64
	Score float64
	Next  int32
	Flags uint32
}

type U struct { // 24 bytes, one pointer (the string's data)
	ID   int64
	Name string
}

//go:noinline
func newT() *T {
	return &T{} // want asm go1.21-1.26 `CALL runtime\.newobject` go1.27+ `CALL runtime\.mallocgcSmallNoScanSC\d+`
}

//go:noinline
func newU() *U {
	return &U{} // want asm go1.21-1.26 `CALL runtime\.newobject` go1.27+ `CALL runtime\.mallocgcSmallScanNoHeaderSC\d+`
}

// hasPointers reports whether values of type t hold any pointer
// the collector must follow.
func hasPointers(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.UnsafePointer, reflect.String,
		reflect.Slice, reflect.Map, reflect.Chan, reflect.Func,
		reflect.Interface:
		return true
	case reflect.Array:
		return t.Len() > 0 && hasPointers(t.Elem())
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			if hasPointers(t.Field(i).Type) {
				return true
			}
		}
	}
	return false
}

func show(v any) {
	t := reflect.TypeOf(v)
	fmt.Printf("%-14s %v\n", t, hasPointers(t))
}

func main() {
	_, _ = newT(), newU()
	show(T{})
	show(U{})
	show([16]byte{})
	show(time.Time{})
	show(struct{ A [4]int }{})
	show([0]*int{})
}

// Output:
// main.T         false
// main.U         true
// [16]uint8      false
// time.Time      true
// struct { A [4]int } false
// [0]*int        false
