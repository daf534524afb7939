//playbook:options benchtime=100ms count=5

// Put takes an any. A slice header is three words, not a pointer,
// so every Put of a []byte copies it into a new 24-byte allocation:
// the pool allocates on every use. A pointer fits in the interface
// as it is.
package pointersnotvalues

import (
	"sync"
	"testing"
)

var slices = sync.Pool{
	New: func() any { return make([]byte, 0, 1024) },
}

// want BenchmarkSlice allocs/op == 1
// want BenchmarkSlice B/op == 24
func BenchmarkSlice(b *testing.B) {
	for b.Loop() {
		s := slices.Get().([]byte)
		s = append(s[:0], "payload"...)
		slices.Put(s) // s is boxed into a new interface value
	}
}

var pointers = sync.Pool{
	New: func() any {
		s := make([]byte, 0, 1024)
		return &s
	},
}

// want BenchmarkPointer allocs/op == 0
// want BenchmarkPointer B/op == 0
// want BenchmarkPointer ns/op < 0.7 * BenchmarkSlice
func BenchmarkPointer(b *testing.B) {
	for b.Loop() {
		p := pointers.Get().(*[]byte)
		*p = append((*p)[:0], "payload"...)
		pointers.Put(p)
	}
}
