//playbook:options race

// Built with -race (as here), the compiler does not turn the delete
// loop into a clear: the loop deletes key by key, each delete checked
// by the race detector, and takes many times as long as clear. Built
// without -race, the two take about the same time, because the loop
// is compiled to the same clear. The same holds under -N, -msan and
// -asan.
package main

import (
	"fmt"
	"time"
)

const n = 200_000

// deleteAll is the idiom the compiler rewrites, outside -race.
func deleteAll(m map[int]int) {
	for k := range m {
		delete(m, k)
	}
}

func filled() map[int]int {
	m := make(map[int]int, n)
	for i := range n {
		m[i] = i
	}
	return m
}

func timed(f func()) time.Duration {
	start := time.Now()
	f()
	return time.Since(start)
}

func main() {
	var byClear, byLoop time.Duration
	for range 5 {
		m := filled()
		byClear += timed(func() { clear(m) })
		m = filled()
		byLoop += timed(func() { deleteAll(m) })
	}
	fmt.Println("delete loop over 4x the time of clear:", byLoop > 4*byClear)
}

// want stdout "^delete loop over 4x the time of clear: true$"
