package main

import (
	"sync"
	"testing"
)

func TestDeadlockedWorkers(t *testing.T) {
	var mu sync.Mutex
	mu.Lock()
	done := make(chan bool)
	go func() {
		for {
		}
	}()
	go func() {
		mu.Lock()
		done <- true
	}()
	<-done
}
