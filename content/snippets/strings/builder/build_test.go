//playbook:options benchtime=100ms count=5

// Joining 100 pieces of 10 bytes into one 1,000-byte string: +=
// in a loop, strings.Builder without and with Grow, and
// strings.Join.
package build

import (
	"strings"
	"testing"
)

var (
	parts = strings.Fields(strings.Repeat("0123456789 ", 100))
	sink  string
)

// want BenchmarkPlusEquals allocs/op == 99
// want BenchmarkPlusEquals B/op == 53480
func BenchmarkPlusEquals(b *testing.B) {
	for b.Loop() {
		s := ""
		for _, p := range parts {
			s += p
		}
		sink = s
	}
}

// want BenchmarkBuilder allocs/op == 8
// want BenchmarkBuilder B/op == 3312
// want BenchmarkBuilder ns/op < 0.3 * BenchmarkPlusEquals
func BenchmarkBuilder(b *testing.B) {
	for b.Loop() {
		var sb strings.Builder
		for _, p := range parts {
			sb.WriteString(p)
		}
		sink = sb.String()
	}
}

// want BenchmarkBuilderGrow allocs/op == 1
// want BenchmarkBuilderGrow B/op == 1024
// want BenchmarkBuilderGrow ns/op < 0.8 * BenchmarkBuilder
func BenchmarkBuilderGrow(b *testing.B) {
	for b.Loop() {
		var sb strings.Builder
		sb.Grow(len(parts) * 10)
		for _, p := range parts {
			sb.WriteString(p)
		}
		sink = sb.String()
	}
}

// want BenchmarkJoin allocs/op == 1
// want BenchmarkJoin B/op == 1024
// want BenchmarkJoin ns/op < 0.3 * BenchmarkPlusEquals
func BenchmarkJoin(b *testing.B) {
	for b.Loop() {
		sink = strings.Join(parts, "")
	}
}
