// Closures that capture a loop variable and outlive the loop,
// on each side of Go 1.22: what they see, and what the loop
// allocates. The playground's go.mod says the release's own
// version, so on Go 1.21 the loop has one variable, and from Go
// 1.22 one per iteration.
package main

import (
	"fmt"
	"sort"
	"sync"
	"testing"
)

// goroutines starts three goroutines that read i once the loop
// is over (close(start) orders the loop before the reads: no
// race).
func goroutines() []int {
	var (
		mu   sync.Mutex
		wg   sync.WaitGroup
		seen []int
	)
	start := make(chan struct{})
	for i := 0; i < 3; i++ { // want go1.21 "moved to heap: i" go1.22+ !"moved to heap"
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			mu.Lock()
			seen = append(seen, i)
			mu.Unlock()
		}()
	}
	close(start)
	wg.Wait()
	sort.Ints(seen)
	return seen
}

var fns = make([]func() int, 0, 8)

// small captures an 8-byte loop variable.
//
//go:noinline
func small() {
	fns = fns[:0]
	for i := 0; i < 8; i++ { // want go1.21 "moved to heap: i" go1.22+ !"moved to heap"
		fns = append(fns, func() int { return i })
	}
}

type item struct {
	name [248]byte
	n    int
}

var items = make([]item, 8)

// large captures a 256-byte loop variable.
//
//go:noinline
func large() {
	fns = fns[:0]
	for _, it := range items { // want "moved to heap: it"
		fns = append(fns, func() int { return it.n })
	}
}

func main() {
	for i := range items {
		items[i].n = i
	}
	fmt.Println("goroutines saw:", goroutines())
	small()
	fmt.Println("small, first and last:", fns[0](), fns[7]())
	large()
	fmt.Println("large, first and last:", fns[0](), fns[7]())
	fmt.Println("small allocs:", testing.AllocsPerRun(100, small))
	fmt.Println("large allocs:", testing.AllocsPerRun(100, large))
}

// want go1.21 stdout `^goroutines saw: \[3 3 3\]$`
// want go1.21 stdout "^small, first and last: 8 8$"
// want go1.21 stdout "^large, first and last: 7 7$"
// want go1.21 stdout "^small allocs: 9$"
// want go1.21 stdout "^large allocs: 9$"
// want go1.22+ stdout `^goroutines saw: \[0 1 2\]$`
// want go1.22+ stdout "^small, first and last: 0 7$"
// want go1.22+ stdout "^large, first and last: 0 7$"
// want go1.22+ stdout "^small allocs: 8$"
// want go1.22+ stdout "^large allocs: 16$"
