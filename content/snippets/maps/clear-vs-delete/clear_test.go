//playbook:options benchtime=200ms count=5

// Ways to empty a map that is refilled right after, as a per-request
// scratch map is. clear keeps the map's table, so refilling it
// allocates nothing; a new map has to grow again.
package clearvsdelete

import (
	"reflect"
	"testing"
)

const n = 10_000

func fill(m map[int]int) {
	for i := range n {
		m[i] = i
	}
}

// deleteAll is the classic idiom; the compiler replaces the loop with
// one clear of the map.
func deleteAll(m map[int]int) {
	for k := range m {
		delete(m, k)
	}
}

// want BenchmarkClear allocs/op == 0
// want BenchmarkClear B/op == 0
func BenchmarkClear(b *testing.B) {
	m := make(map[int]int)
	fill(m) // warm up: the map reaches its full size before timing
	for b.Loop() {
		clear(m)
		fill(m)
	}
}

// want BenchmarkDeleteLoop allocs/op == 0
// want BenchmarkDeleteLoop ns/op < 2 * BenchmarkClear
func BenchmarkDeleteLoop(b *testing.B) {
	m := make(map[int]int)
	fill(m)
	for b.Loop() {
		deleteAll(m)
		fill(m)
	}
}

// want BenchmarkDeleteLoopInline allocs/op == 0
// want BenchmarkDeleteLoopInline ns/op > 1.5 * BenchmarkDeleteLoop
//
// Written straight into the b.Loop body, the same loop is not turned
// into a clear (Go 1.26): b.Loop keeps every statement of its body
// alive, which hides the idiom from the compiler.
func BenchmarkDeleteLoopInline(b *testing.B) {
	m := make(map[int]int)
	fill(m)
	for b.Loop() {
		for k := range m {
			delete(m, k)
		}
		fill(m)
	}
}

// want BenchmarkReflectClear allocs/op == 0
func BenchmarkReflectClear(b *testing.B) {
	m := make(map[int]int)
	fill(m)
	for b.Loop() {
		reflect.ValueOf(m).Clear()
		fill(m)
	}
}

// want BenchmarkNewMap allocs/op >= 70
// want BenchmarkNewMap B/op >= 500000
// want BenchmarkClear ns/op < 0.75 * BenchmarkNewMap
func BenchmarkNewMap(b *testing.B) {
	m := make(map[int]int)
	fill(m)
	for b.Loop() {
		m = make(map[int]int)
		fill(m)
	}
}
