/** What /play starts from: a program (Run, Escape analysis) and a benchmark pair (Benchmark). */
import type { Template } from './payload.ts';

const hello = `// Edit this program and press Run, or Escape analysis to see what the compiler puts on the heap.
package main

import "fmt"

type point struct{ x, y int }

//go:noinline
func newPoint(x, y int) *point {
	p := point{x, y}
	return &p // p outlives the call, so the compiler moves it to the heap
}

func main() {
	p := newPoint(1, 2)
	fmt.Println("Hello, Go memory!", p.x+p.y)
}
`;

const bench = `// Two ways to do one job, benchmarked side by side: press Benchmark.
// allocs/op and B/op are exact; time/op depends on the machine.
package main

import "testing"

const n = 1000

var sink []int

func BenchmarkAppend(b *testing.B) {
	for b.Loop() {
		var s []int
		for i := range n {
			s = append(s, i)
		}
		sink = s
	}
}

func BenchmarkPrealloc(b *testing.B) {
	for b.Loop() {
		s := make([]int, 0, n)
		for i := range n {
			s = append(s, i)
		}
		sink = s
	}
}
`;

export const templates: Template[] = [
	{ name: 'hello', label: 'Hello, world', files: { 'main.go': hello } },
	{ name: 'bench', label: 'Benchmark pair', files: { 'bench_test.go': bench } },
];
