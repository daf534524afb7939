//playbook:options benchtime=10x count=3

// The time of one full collection, runtime.GC(), with two million
// live elements. The marker follows every pointer: with []*T it
// finds two million objects and marks each one; with []T the
// elements are inside one pointer-free array, marked as a whole
// and never read. The same holds for a tree: linked by int32
// indices into one []idxNode, it costs far less than linked by
// *ptrNode pointers.
package markcost

import (
	"runtime"
	"testing"
)

const n = 1 << 21

type T struct {
	ID    int64
	Score float64
	Next  int32
	Flags uint32
}

type ptrNode struct {
	left, right *ptrNode
	key         int64
}

type idxNode struct {
	left, right int32 // indices into the slice; -1 for none
	key         int64
}

var live any

func gcWith(b *testing.B, heap any) {
	live = heap
	runtime.GC()
	runtime.GC()
	for b.Loop() {
		runtime.GC()
	}
	live = nil
}

// want BenchmarkPointers ns/op > 3 * BenchmarkValues
func BenchmarkPointers(b *testing.B) {
	s := make([]*T, n)
	for i := range s {
		s[i] = &T{ID: int64(i)}
	}
	gcWith(b, s)
}

func BenchmarkValues(b *testing.B) {
	gcWith(b, make([]T, n))
}

// want BenchmarkPointerTree ns/op > 3 * BenchmarkIndexTree

// A complete binary tree: node i has children 2i+1 and 2i+2.
func BenchmarkPointerTree(b *testing.B) {
	nodes := make([]*ptrNode, n)
	for i := range nodes {
		nodes[i] = &ptrNode{key: int64(i)}
	}
	for i, nd := range nodes {
		if l := 2*i + 1; l < n {
			nd.left = nodes[l]
		}
		if r := 2*i + 2; r < n {
			nd.right = nodes[r]
		}
	}
	root := nodes[0]
	clear(nodes)
	gcWith(b, root) // only the root is held: the rest is reached
}

func BenchmarkIndexTree(b *testing.B) {
	nodes := make([]idxNode, n)
	for i := range nodes {
		nodes[i] = idxNode{left: -1, right: -1, key: int64(i)}
		if l := 2*i + 1; l < n {
			nodes[i].left = int32(l)
		}
		if r := 2*i + 2; r < n {
			nodes[i].right = int32(r)
		}
	}
	gcWith(b, nodes)
}
