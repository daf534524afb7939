package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// Ignores every signal it can, then burns CPU in many goroutines: only SIGKILL ends it.
func main() {
	signal.Ignore(syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP, syscall.SIGXCPU, syscall.SIGQUIT)
	fmt.Println("ignoring signals")
	os.Stdout.Sync()
	for i := 0; i < 8; i++ {
		go func() {
			for {
			}
		}()
	}
	time.Sleep(time.Hour)
}
