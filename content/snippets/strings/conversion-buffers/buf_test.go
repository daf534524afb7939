//playbook:options benchtime=20000x count=3

// Conversions whose result does not leave the function. A copy of at
// most 32 bytes goes into a buffer on the stack; a longer one is
// allocated. Since Go 1.22 a []byte(s) that nothing writes to is not
// copied at all, when the compiler can see every use of it. The
// loops use b.N so that the snippet builds on Go 1.21.
package convbuf

import (
	"bytes"
	"strings"
	"testing"
)

var (
	b32   = []byte("0123456789abcdef0123456789abcdef")
	b33   = []byte("0123456789abcdef0123456789abcdef0")
	s32   = string(b32)
	s48   = s32 + "0123456789abcdef"
	sinkN int
)

//go:noinline
func countOnes(b []byte) int {
	return strings.Count(string(b), "1") // want `string\(b\) does not escape`
}

// want BenchmarkString32 allocs/op == 0
func BenchmarkString32(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkN = countOnes(b32)
	}
}

// want BenchmarkString33 allocs/op == 1
// want BenchmarkString33 B/op == 48
func BenchmarkString33(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkN = countOnes(b33)
	}
}

//go:noinline
func sum(b []byte) int {
	n := 0
	for i := 0; i < len(b); i++ {
		n += int(b[i])
	}
	return n
}

//go:noinline
func sumOf(s string) int {
	return sum([]byte(s)) // want go1.21 !"zero-copy" go1.22+ `zero-copy string->\[\]byte conversion`
}

// want go1.21 BenchmarkSum48 allocs/op == 1
// want go1.21 BenchmarkSum48 B/op == 48
// want go1.22+ BenchmarkSum48 allocs/op == 0
func BenchmarkSum48(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkN = sumOf(s48)
	}
}

// bytes.IndexByte is written in assembly: the compiler cannot see
// that it only reads, so the conversion copies.
//
//go:noinline
func indexOf(s string) int {
	return bytes.IndexByte([]byte(s), 'f') // want `does not escape` !"zero-copy"
}

// want BenchmarkIndex48 allocs/op == 1
// want BenchmarkIndex48 B/op == 48
func BenchmarkIndex48(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkN = indexOf(s48)
	}
}

//go:noinline
func upper(s string) byte {
	bs := []byte(s) // want `does not escape` !"zero-copy"
	for i := 0; i < len(bs); i++ {
		bs[i] &^= 0x20
	}
	return bs[0]
}

// want BenchmarkUpper32 allocs/op == 0
func BenchmarkUpper32(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkN = int(upper(s32))
	}
}

// want BenchmarkUpper48 allocs/op == 1
// want BenchmarkUpper48 B/op == 48
func BenchmarkUpper48(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkN = int(upper(s48))
	}
}
