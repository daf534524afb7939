//playbook:options benchtime=200ms count=3

// What a sync.Map costs per entry compared with a plain map: it
// stores keys and values as interfaces (one allocation each for
// values that do not fit the interface word) and every new key gets a
// node of its own in the hash-trie.
package syncmapcost

import (
	"sync"
	"testing"
)

const n = 1000

var (
	sinkMap  map[int]int
	sinkSync *sync.Map
)

// want BenchmarkPlainMap allocs/op == 6
// want BenchmarkSyncMap allocs/op >= 3000
// want BenchmarkSyncMap B/op >= 3 * BenchmarkPlainMap
func BenchmarkPlainMap(b *testing.B) {
	for b.Loop() {
		m := make(map[int]int, n)
		for i := range n {
			m[i+1000] = i + 1000
		}
		sinkMap = m
	}
}

func BenchmarkSyncMap(b *testing.B) {
	for b.Loop() {
		var m sync.Map
		for i := range n {
			m.Store(i+1000, i+1000)
		}
		sinkSync = &m
	}
}

// Overwriting existing keys allocates too: every Store makes a new
// entry. Keys 0–255 and the constant value box without allocating,
// so what is left is one allocation per Store.
//
// want BenchmarkSyncMapOverwrite allocs/op == 256
func BenchmarkSyncMapOverwrite(b *testing.B) {
	var m sync.Map
	for i := range 256 {
		m.Store(i, 0)
	}
	for b.Loop() {
		for i := range 256 {
			m.Store(i, 0)
		}
	}
}
