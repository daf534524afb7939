// defer mu.Unlock() in a loop: the first iteration's unlock waits
// for the function to return, so the second iteration's Lock waits
// for it forever.
package main

import (
	"fmt"
	"sync"
)

var mu sync.Mutex

func main() {
	for i := range 3 {
		mu.Lock() // want "^fatal error: all goroutines are asleep - deadlock!$"
		defer mu.Unlock()
		fmt.Println("iteration", i)
	}
}

// want stdout "^iteration 0$"
// want !stdout "iteration 1"
// want stderr "^fatal error: all goroutines are asleep - deadlock!"
// want error fatal_error
// want exit 2
