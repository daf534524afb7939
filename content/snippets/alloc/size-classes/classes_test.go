//playbook:options benchtime=2000x count=3 go=1.26-1.27

// B/op is the size of the slot the allocator hands out, not the size
// asked for: small objects (up to 32 KiB) are rounded up to one of 67
// size classes, larger ones to whole 8 KiB pages. Since Go 1.22 an
// object with pointers that is larger than 512 bytes also carries an
// 8-byte header with its type, which can push it into the next class.
// The loops use b.N so that the snippet builds on every release.
package sizeclasses

import "testing"

var (
	bytes []byte
	ptrs  []*int
)

func alloc(b *testing.B, n int) {
	for i := 0; i < b.N; i++ {
		bytes = make([]byte, n)
	}
}

// want BenchmarkBytes24 B/op == 24
// want BenchmarkBytes33 B/op == 48
// want BenchmarkBytes1025 B/op == 1152
// want BenchmarkBytes32768 B/op == 32768
// want BenchmarkBytes32769 B/op == 40960
// want BenchmarkBytes32769 allocs/op == 1
func BenchmarkBytes24(b *testing.B)    { alloc(b, 24) }
func BenchmarkBytes33(b *testing.B)    { alloc(b, 33) }
func BenchmarkBytes1025(b *testing.B)  { alloc(b, 1025) }
func BenchmarkBytes32768(b *testing.B) { alloc(b, 32768) }
func BenchmarkBytes32769(b *testing.B) { alloc(b, 32769) }

// 128 pointers are 1,024 bytes, a size class of its own; with the
// header they need 1,032 and get the 1,152-byte class.
//
// want go1.21 BenchmarkPointers1024 B/op == 1024
// want go1.22+ BenchmarkPointers1024 B/op == 1152
// want BenchmarkPointers512 B/op == 512
func BenchmarkPointers1024(b *testing.B) {
	for i := 0; i < b.N; i++ {
		ptrs = make([]*int, 128)
	}
}

func BenchmarkPointers512(b *testing.B) {
	for i := 0; i < b.N; i++ {
		ptrs = make([]*int, 64)
	}
}
