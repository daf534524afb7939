//playbook:options race

// sync.Map.Clear (Go 1.23) empties the map in place and is safe to
// call while other goroutines use it: the race detector stays silent.
// sync.Map has no Len; counting takes a Range, which visits the
// entries one by one and is not a snapshot.
package main

import (
	"fmt"
	"sync"
)

func count(m *sync.Map) int {
	n := 0
	m.Range(func(_, _ any) bool {
		n++
		return true
	})
	return n
}

func main() {
	var m sync.Map
	for i := range 100 {
		m.Store(i, i*i)
	}
	fmt.Println("entries:", count(&m))

	var wg sync.WaitGroup
	// A reader may run during Clear: each Load sees the entry or not.
	wg.Go(func() {
		for i := range 100 {
			m.Load(i)
		}
	})
	m.Clear()
	wg.Wait()
	fmt.Println("after Clear:", count(&m))
	// Output:
	// entries: 100
	// after Clear: 0
}
