//playbook:options race

// Built with -race, Put drops one item in four at random, so that
// tests do not come to rely on getting back what they put. Code that
// assumes the pool returns its items fails there first.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	runtime.GOMAXPROCS(1)
	var pool sync.Pool
	back := 0
	for range 1000 {
		x := new(int)
		pool.Put(x)
		if pool.Get() == x {
			back++
		}
	}
	fmt.Printf("Get returned %d of 1000 items\n", back)
}

// want stdout `^Get returned (6[5-9]|7[0-9]|8[0-4])[0-9] of 1000 items$`
