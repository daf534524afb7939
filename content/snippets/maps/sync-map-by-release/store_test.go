//playbook:options benchtime=100ms count=3

// What single sync.Map operations allocate before and after Go 1.24
// replaced its read-only and dirty maps with a concurrent hash-trie.
// The loops use b.N so that the snippet builds on every release.
package syncmapbyrelease

import (
	"sync"
	"testing"
)

// Store of a new key each time. Keys and values from 256 on are boxed
// into interfaces, one allocation each, on every release.
//
// want go1.21-1.23 BenchmarkStoreNew allocs/op == 5
// want go1.24+ BenchmarkStoreNew allocs/op == 3
func BenchmarkStoreNew(b *testing.B) {
	var m sync.Map
	for i := 0; i < b.N; i++ {
		m.Store(i+1000, i+1000)
	}
}

// Store and Delete of the same key, as a map of in-flight requests
// does. The constant key and value are boxed at compile time: what is
// left is the map's own work.
//
// want go1.21-1.23 BenchmarkStoreDelete allocs/op == 7
// want go1.21-1.23 BenchmarkStoreDelete B/op == 328
// want go1.24+ BenchmarkStoreDelete allocs/op == 1
// want go1.24+ BenchmarkStoreDelete B/op == 48
func BenchmarkStoreDelete(b *testing.B) {
	var m sync.Map
	for i := 0; i < b.N; i++ {
		m.Store(1000, 1000)
		m.Delete(1000)
	}
}

// Store over a key that is already there.
//
// want BenchmarkOverwrite allocs/op == 1
// want go1.21-1.23 BenchmarkOverwrite B/op == 16
// want go1.24+ BenchmarkOverwrite B/op == 48
func BenchmarkOverwrite(b *testing.B) {
	var m sync.Map
	m.Store(1000, 1000)
	for i := 0; i < b.N; i++ {
		m.Store(1000, 1000)
	}
}

// want BenchmarkLoad allocs/op == 0
func BenchmarkLoad(b *testing.B) {
	var m sync.Map
	m.Store(1000, 1000)
	for i := 0; i < b.N; i++ {
		m.Load(1000)
	}
}
