// /gc/scan/heap:bytes is the part of the heap the collector has
// to scan for pointers. Objects whose type has no pointers live
// in "noscan" spans, which the marker never reads: it only marks
// them. Each layout below holds 2^20 (about a million) elements
// and is measured on its own, after a GC. The figures are in MiB,
// checked as ranges: the runtime's own objects add a few KiB.
package main

import (
	"fmt"
	"runtime"
	"runtime/metrics"
)

const n = 1 << 20

// T has no pointers: 24 bytes of numbers.
type T struct {
	ID    int64
	Score float64
	Next  int32 // an index into the same slice, not a *T
	Flags uint32
}

// U is the same size, but a string is a pointer and a length.
type U struct {
	ID   int64
	Name string
}

var keep any // the layout being measured

func scannable() uint64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/scan/heap:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func measure(name string, build func() any) {
	base := int64(scannable())
	keep = build()
	scan := max(int64(scannable())-base, 0)
	fmt.Printf("%-14s %5.1f MiB to scan\n", name,
		float64(scan)/(1<<20))
	keep = nil
}

func main() {
	measure("[]*T", func() any {
		s := make([]*T, n)
		for i := range s {
			s[i] = &T{ID: int64(i)}
		}
		return s
	})
	measure("[]T", func() any { return make([]T, n) })
	measure("[]U", func() any { return make([]U, n) })
	measure("[]string", func() any {
		return make([]string, n)
	})
	measure("[][16]byte", func() any {
		return make([][16]byte, n)
	})
	measure("map[int]*T", func() any {
		m := make(map[int]*T, n)
		for i := 0; i < n; i++ {
			m[i] = &T{}
		}
		return m
	})
	measure("map[int]T", func() any {
		m := make(map[int]T, n)
		for i := 0; i < n; i++ {
			m[i] = T{}
		}
		return m
	})
}

// want stdout `^\[\]\*T +8\.[0-2] MiB to scan$`
// want stdout `^\[\]T +-?0\.[0-1] MiB to scan$`
// want stdout `^\[\]U +(23\.[89]|24\.[0-2]) MiB to scan$`
// want stdout `^\[\]string +(15\.[89]|16\.[0-2]) MiB to scan$`
// want stdout `^\[\]\[16\]byte +-?0\.[0-1] MiB to scan$`
// want stdout `^map\[int\]\*T +(2[4-9]|[34][0-9])\.\d MiB to scan$`
// want stdout `^map\[int\]T +-?0\.[0-1] MiB to scan$`
