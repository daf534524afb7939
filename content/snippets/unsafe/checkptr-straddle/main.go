//playbook:options race

// Pattern (1) of the unsafe.Pointer rules: *T1 may become *T2
// only if T2 is no larger than T1 and shares its layout. Here the
// new version of a struct is read through a pointer to the old,
// smaller one: the last field lies in the next allocation.
// checkptr (-race) catches it.
package main

import (
	"fmt"
	"unsafe"
)

type statsV1 struct{ Hits, Misses, Evictions uint64 }

type statsV2 struct {
	Hits, Misses, Evictions uint64
	Bytes                   uint64 // added in v2
}

var keep []*statsV1

func main() {
	old := &statsV1{Hits: 10, Misses: 2}
	// On the heap: 24 bytes, in the 24-byte size class.
	keep = append(keep, old)
	s := (*statsV2)(unsafe.Pointer(old)) // want "^fatal error: checkptr: converted pointer straddles multiple allocations$"
	fmt.Println(s.Bytes)
}

// want error fatal_error
// want exit 2
// want stderr "^fatal error: checkptr: converted pointer straddles multiple allocations$"
