//playbook:options benchtime=100ms count=5

// Parallel benchmarks of the four designs: each goroutine works
// through the same 1,024 keys, doing 1 write per 100 operations
// (read-heavy) or 1 write per 2 (write-heavy).
package designs

import (
	"sync/atomic"
	"testing"
)

type counters interface {
	Get(k int) (int, bool)
	Set(k, v int)
}

const keys = 1024

var names = []string{"mutex", "rwmutex", "syncmap", "sharded"}

func newCounters(name string) counters {
	switch name {
	case "mutex":
		return &mutexMap{m: make(map[int]int)}
	case "rwmutex":
		return &rwMap{m: make(map[int]int)}
	case "syncmap":
		return &syncMap{}
	default:
		return newShardedMap()
	}
}

func run(b *testing.B, c counters, writeEvery int) {
	for k := range keys {
		c.Set(k, k)
	}
	var seed atomic.Int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := int(seed.Add(7919)) // each goroutine starts at another key
		for pb.Next() {
			i++
			k := i % keys
			if i%writeEvery == 0 {
				c.Set(k, i)
			} else {
				c.Get(k)
			}
		}
	})
}

// want BenchmarkReadHeavy/mutex allocs/op == 0
// want BenchmarkReadHeavy/rwmutex allocs/op == 0
// want BenchmarkReadHeavy/syncmap allocs/op == 0
// want BenchmarkReadHeavy/sharded allocs/op == 0
func BenchmarkReadHeavy(b *testing.B) {
	for _, name := range names {
		b.Run(name, func(b *testing.B) {
			run(b, newCounters(name), 100)
		})
	}
}

// want BenchmarkWriteHeavy/mutex allocs/op == 0
// want BenchmarkWriteHeavy/sharded allocs/op == 0
// want BenchmarkWriteHeavy/syncmap ns/op > 1.2 * BenchmarkWriteHeavy/mutex
// want BenchmarkWriteHeavy/syncmap B/op >= 20
func BenchmarkWriteHeavy(b *testing.B) {
	for _, name := range names {
		b.Run(name, func(b *testing.B) {
			run(b, newCounters(name), 2)
		})
	}
}
