//playbook:options benchtime=100ms count=5

// Building an 832-byte string per call, reusing the builder. A reset
// strings.Builder starts from nothing and grows again; a reset
// bytes.Buffer keeps its memory, and only String's copy allocates.
package buildervsbuffer

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

const piece = "hello, world " // 13 bytes, written 64 times

var sink string

// want BenchmarkBuilderReset allocs/op == 7
// want BenchmarkBuilderReset B/op == 1904
func BenchmarkBuilderReset(b *testing.B) {
	var sb strings.Builder
	for b.Loop() {
		sb.Reset() // drops the buffer
		for range 64 {
			sb.WriteString(piece)
		}
		sink = sb.String()
	}
}

// want BenchmarkBuilderGrow allocs/op == 1
// want BenchmarkBuilderGrow B/op == 896
// want BenchmarkBuilderGrow ns/op < 0.9 * BenchmarkBuilderReset
func BenchmarkBuilderGrow(b *testing.B) {
	var sb strings.Builder
	for b.Loop() {
		sb.Reset()
		sb.Grow(64 * len(piece)) // one allocation of the right size
		for range 64 {
			sb.WriteString(piece)
		}
		sink = sb.String()
	}
}

// want BenchmarkBufferString allocs/op == 1
// want BenchmarkBufferString B/op == 896
func BenchmarkBufferString(b *testing.B) {
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset() // keeps the buffer
		for range 64 {
			buf.WriteString(piece)
		}
		sink = buf.String() // copies
	}
}

// want BenchmarkBufferBytes allocs/op == 0
// want BenchmarkBufferBytes ns/op < 0.7 * BenchmarkBuilderReset
func BenchmarkBufferBytes(b *testing.B) {
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		for range 64 {
			buf.WriteString(piece)
		}
		io.Discard.Write(buf.Bytes()) // no string needed: no copy
	}
}
