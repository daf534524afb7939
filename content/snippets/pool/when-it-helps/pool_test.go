//playbook:options benchtime=100ms count=5

// A pool pays off when each use would otherwise allocate something
// that grows: here a bytes.Buffer that reaches 1 KiB, in 5 steps, on
// every call. From the pool, the buffer comes back already grown.
package whenithelps

import (
	"bytes"
	"io"
	"sync"
	"testing"
)

func render(buf *bytes.Buffer) {
	for range 64 {
		buf.WriteString("hello, world ")
	}
}

// want BenchmarkFresh allocs/op == 5
// want BenchmarkFresh B/op == 1984
func BenchmarkFresh(b *testing.B) {
	for b.Loop() {
		var buf bytes.Buffer
		render(&buf)
		io.Discard.Write(buf.Bytes())
	}
}

var bufPool = sync.Pool{
	New: func() any { return new(bytes.Buffer) },
}

// want BenchmarkPooled allocs/op == 0
// want BenchmarkPooled B/op == 0
// want BenchmarkPooled ns/op < 0.7 * BenchmarkFresh
func BenchmarkPooled(b *testing.B) {
	for b.Loop() {
		buf := bufPool.Get().(*bytes.Buffer)
		buf.Reset() // it holds the last user's bytes
		render(buf)
		io.Discard.Write(buf.Bytes())
		bufPool.Put(buf) // done with it, and with buf.Bytes()
	}
}
