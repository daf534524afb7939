//playbook:options benchtime=200ms count=3

// A map whose size stays the same while its keys keep changing, as a
// bounded cache's does: delete the oldest key, insert a new one.
// delete leaves the slot empty or marks it deleted (a tombstone) and
// later inserts reuse those slots, so the churn allocates nothing.
package churn

import "testing"

const size = 1000

// want BenchmarkChurn allocs/op == 0
// want BenchmarkChurn B/op == 0
func BenchmarkChurn(b *testing.B) {
	m := make(map[int]int, size)
	for i := range size {
		m[i] = i
	}
	oldest, next := 0, size
	for b.Loop() {
		delete(m, oldest)
		m[next] = next
		oldest++
		next++
	}
	if len(m) != size {
		b.Fatal("size changed")
	}
}
