//playbook:options benchtime=100ms count=3

// Clearing and refilling a map allocates nothing only while its keys
// and values are stored in the slots (128 bytes or less). A larger
// value is allocated on its own and the slot holds a pointer to it;
// clear and delete drop that pointer with the entry, so every refill
// allocates the values again: one allocation per entry.
package clearlarge

import "testing"

const n = 1000

type (
	value128 [128]byte // stored in the slot
	value129 [129]byte // stored out of line, behind a pointer
)

// want BenchmarkClear128 allocs/op == 0
// want BenchmarkClear128 B/op == 0
func BenchmarkClear128(b *testing.B) {
	m := make(map[int]value128, n)
	for b.Loop() {
		clear(m)
		for i := range n {
			m[i] = value128{}
		}
	}
}

// want BenchmarkClear129 allocs/op == 1000
// want BenchmarkClear129 B/op >= 144000
func BenchmarkClear129(b *testing.B) {
	m := make(map[int]value129, n)
	for b.Loop() {
		clear(m)
		for i := range n {
			m[i] = value129{}
		}
	}
}

// want BenchmarkDelete129 allocs/op == 1000
func BenchmarkDelete129(b *testing.B) {
	m := make(map[int]value129, n)
	for b.Loop() {
		for i := range n {
			delete(m, i)
		}
		for i := range n {
			m[i] = value129{}
		}
	}
}
