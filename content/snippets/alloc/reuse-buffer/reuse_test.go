//playbook:options benchtime=100ms count=3

// The same work, writing a short record into a 4 KiB scratch buffer,
// with a new buffer per operation and with one buffer reused. Every
// allocated byte brings the next collection closer: the benchmark
// reports how many collections ran per 1,000 operations, read from
// runtime/metrics before and after the loop.
package reusebuffer

import (
	"runtime/metrics"
	"strconv"
	"testing"
)

const size = 4096

var sink []byte

// encode writes a short record into buf[:0] and returns it.
func encode(buf []byte, id int) []byte {
	buf = append(buf[:0], "id="...)
	return strconv.AppendInt(buf, int64(id), 10)
}

func gcCycles() uint64 {
	s := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func reportGCs(b *testing.B, start uint64) {
	n := float64(gcCycles() - start)
	b.ReportMetric(n*1000/float64(b.N), "GCs/1k-ops")
}

// want BenchmarkAlloc allocs/op == 1
// want BenchmarkAlloc B/op == 4096
// want BenchmarkAlloc GCs/1k-ops > 0.2
func BenchmarkAlloc(b *testing.B) {
	start := gcCycles()
	id := 0
	for b.Loop() {
		id++
		sink = encode(make([]byte, 0, size), id)
	}
	reportGCs(b, start)
}

// want BenchmarkReuse allocs/op == 0
// want BenchmarkReuse GCs/1k-ops == 0
// want BenchmarkReuse ns/op < 0.3 * BenchmarkAlloc
func BenchmarkReuse(b *testing.B) {
	start := gcCycles()
	buf := make([]byte, 0, size)
	id := 0
	for b.Loop() {
		id++
		sink = encode(buf, id)
	}
	reportGCs(b, start)
}
