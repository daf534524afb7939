// Go's collector does not move heap objects: an object's address is
// fixed for its whole life. Here one object in ten survives, spread
// across spans full of garbage; a compacting collector would slide
// the survivors together, Go's leaves each one where it was.
package main

import (
	"fmt"
	"runtime"
	"unsafe"
)

type record struct {
	id   int
	next *record
}

var keep []*record

func main() {
	var addrs []uintptr // plain numbers: they keep nothing alive
	for i := range 100_000 {
		r := &record{id: i} // want "&record{...} escapes to heap"
		if i%10 == 0 {
			keep = append(keep, r)
			addrs = append(addrs, uintptr(unsafe.Pointer(r)))
		}
	}
	var st runtime.MemStats
	runtime.ReadMemStats(&st)
	freed := st.Frees
	for range 3 {
		runtime.GC()
	}
	runtime.ReadMemStats(&st)
	moved := 0
	for i, r := range keep {
		if uintptr(unsafe.Pointer(r)) != addrs[i] || r.id != 10*i {
			moved++
		}
	}
	fmt.Println("survivors:", len(keep), "moved:", moved)
	fmt.Println("garbage freed meanwhile:", st.Frees-freed >= 90_000)
	// Output:
	// survivors: 10000 moved: 0
	// garbage freed meanwhile: true
}
