package main

import (
	"fmt"
	"syscall"
	"time"
)

// Goroutines blocked in raw system calls each hold an OS thread.
func main() {
	for i := 0; i < 1000; i++ {
		go func() {
			ts := syscall.Timespec{Sec: 3600}
			syscall.Nanosleep(&ts, nil)
		}()
	}
	time.Sleep(5 * time.Second)
	fmt.Println("survived 1000 threads")
}
