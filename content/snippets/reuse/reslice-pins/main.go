// s = s[:0] makes a slice empty for the program, not for the garbage
// collector: the backing array still holds the old pointers past the
// new length, and everything they point to stays alive until the
// slots are overwritten or cleared.
package main

import (
	"fmt"
	"runtime"
	"time"
)

type job struct {
	id   int
	data [64 << 10]byte
}

var freed = make(chan int, 8)

func newJob(id int) *job {
	j := &job{id: id}
	runtime.AddCleanup(j, func(id int) { freed <- id }, id)
	return j
}

// collected runs a GC and counts the cleanups that follow it.
func collected() int {
	runtime.GC()
	n := 0
	for {
		select {
		case <-freed:
			n++
		case <-time.After(200 * time.Millisecond):
			return n
		}
	}
}

func main() {
	queue := make([]*job, 0, 4)
	for i := range 4 {
		queue = append(queue, newJob(i))
	}

	queue = queue[:0] // "empty", ready for reuse
	fmt.Println("after s = s[:0]:", collected(), "collected")

	clear(queue) // len is 0: this clears nothing
	fmt.Println("after clear(s):", collected(), "collected")

	clear(queue[:cap(queue)]) // the whole backing array
	fmt.Println("after clear(s[:cap(s)]):", collected(), "collected")
	runtime.KeepAlive(queue)
	// Output:
	// after s = s[:0]: 0 collected
	// after clear(s): 0 collected
	// after clear(s[:cap(s)]): 4 collected
}
