// Closing a channel does not release a goroutine blocked sending on
// it: the send panics, and a panic in any goroutine ends the
// program.
package main

import "time"

func main() {
	ch := make(chan int)
	go func() {
		ch <- 1 // want "^panic: send on closed channel$"
	}()
	time.Sleep(10 * time.Millisecond) // let it block
	close(ch)
	time.Sleep(time.Second)
}

// want exit 2
// want error panic
