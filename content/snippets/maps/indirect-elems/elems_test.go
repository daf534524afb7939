//playbook:options benchtime=200ms count=3

// A map stores keys and values of up to 128 bytes inside its slots. A
// larger one is allocated on its own and the slot keeps a pointer to
// it: one more allocation for every new key. Overwriting the value of
// a key that is already there reuses that allocation.
package indirect

import "testing"

const n = 100

type (
	elem128 [128]byte
	elem129 [129]byte
)

var (
	sink128 map[int]elem128
	sink129 map[int]elem129
)

// want BenchmarkInsert128 allocs/op == 4
// want BenchmarkInsert128 B/op == 18520
// want BenchmarkInsert129 allocs/op == 104
// want BenchmarkInsert129 B/op == 16792
// want BenchmarkOverwrite129 allocs/op == 0
func BenchmarkInsert128(b *testing.B) {
	for b.Loop() {
		m := make(map[int]elem128, n)
		for i := range n {
			m[i] = elem128{}
		}
		sink128 = m
	}
}

func BenchmarkInsert129(b *testing.B) {
	for b.Loop() {
		m := make(map[int]elem129, n)
		for i := range n {
			m[i] = elem129{}
		}
		sink129 = m
	}
}

func BenchmarkOverwrite129(b *testing.B) {
	m := make(map[int]elem129, n)
	for i := range n {
		m[i] = elem129{}
	}
	for b.Loop() {
		for i := range n {
			m[i] = elem129{1}
		}
	}
}
