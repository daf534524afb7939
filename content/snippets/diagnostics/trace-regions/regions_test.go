//playbook:options benchtime=100ms count=3

// Regions cost a few trace events each while a trace is being
// taken. Around a batch they are noise; around every map write
// they are most of the time spent.
package regions

import (
	"context"
	"io"
	"runtime/trace"
	"testing"
)

const batch = 1000

func insert(m map[int]int, i int) { m[i] = i }

// traced runs body in a loop while a trace is being written.
func traced(b *testing.B, body func(context.Context, map[int]int)) {
	if err := trace.Start(io.Discard); err != nil {
		b.Fatal(err)
	}
	defer trace.Stop()
	ctx, m := context.Background(), make(map[int]int, batch)
	for b.Loop() {
		body(ctx, m)
	}
}

// want BenchmarkRegionPerWrite ns/op > 5 * BenchmarkRegionPerBatch
// want BenchmarkRegionPerWrite ns/op > 5 * BenchmarkNoRegion
func BenchmarkNoRegion(b *testing.B) {
	traced(b, func(ctx context.Context, m map[int]int) {
		for i := range batch {
			insert(m, i)
		}
	})
}

func BenchmarkRegionPerBatch(b *testing.B) {
	traced(b, func(ctx context.Context, m map[int]int) {
		trace.WithRegion(ctx, "batch", func() {
			for i := range batch {
				insert(m, i)
			}
		})
	})
}

func BenchmarkRegionPerWrite(b *testing.B) {
	traced(b, func(ctx context.Context, m map[int]int) {
		for i := range batch {
			trace.WithRegion(ctx, "insert", func() {
				insert(m, i)
			})
		}
	})
}
