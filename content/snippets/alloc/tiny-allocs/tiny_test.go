//playbook:options benchtime=20000x count=3 go=1.26-1.27

// Objects smaller than 16 bytes that contain no pointers are packed
// into shared 16-byte blocks by the tiny allocator. Each still counts
// as one allocation, but B/op reports the block's 16 bytes divided
// among the objects that fit in it (aligned to 2, 4 or 8 bytes when
// their size is a multiple of it): 6-byte objects fit two to a block
// and report 8 B/op, 12-byte objects one and report 16. An object
// with a pointer is never packed: it gets its own 8-byte slot.
package tinyallocs

import "testing"

var (
	bytes []byte
	ptr   **int
)

func alloc(b *testing.B, n int) {
	for b.Loop() {
		bytes = make([]byte, n)
	}
}

// want BenchmarkBytes1 allocs/op == 1
// want BenchmarkBytes1 B/op == 1
// want BenchmarkBytes5 B/op == 5
// want BenchmarkBytes6 B/op == 8
// want BenchmarkBytes8 B/op == 8
// want BenchmarkBytes12 B/op == 16
// want BenchmarkBytes16 B/op == 16
func BenchmarkBytes1(b *testing.B)  { alloc(b, 1) }
func BenchmarkBytes5(b *testing.B)  { alloc(b, 5) }
func BenchmarkBytes6(b *testing.B)  { alloc(b, 6) }
func BenchmarkBytes8(b *testing.B)  { alloc(b, 8) }
func BenchmarkBytes12(b *testing.B) { alloc(b, 12) }
func BenchmarkBytes16(b *testing.B) { alloc(b, 16) }

// want BenchmarkPointer allocs/op == 1
// want BenchmarkPointer B/op == 8
func BenchmarkPointer(b *testing.B) {
	for b.Loop() {
		ptr = new(*int)
	}
}
