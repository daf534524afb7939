//playbook:options go=1.21-1.27

// Since Go 1.13 each GC moves a pool's items to a victim cache and
// drops the previous victims: an item survives one GC and is gone
// after the second, unless a Get took it in between.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

type item struct{ id int }

func main() {
	// With one P, Put and Get use the same per-P slot on every run.
	// With more, the goroutine may move to another P across a GC,
	// and Get does not look in other Ps' victim slots: the item
	// survives a GC only sometimes.
	runtime.GOMAXPROCS(1)

	var pool sync.Pool
	for gcs := 0; gcs < 3; gcs++ {
		x := &item{id: gcs}
		pool.Put(x)
		for i := 0; i < gcs; i++ {
			runtime.GC()
		}
		fmt.Printf("after %d GCs, Get returns the item: %t\n",
			gcs, pool.Get() == x)
	}
	// Output:
	// after 0 GCs, Get returns the item: true
	// after 1 GCs, Get returns the item: true
	// after 2 GCs, Get returns the item: false
}
