//playbook:options race

// "Clearing" a sync.Map by assigning a new one is an ordinary,
// unsynchronised write of the whole struct: it races with every
// goroutine still using the map. The race detector (-race) reports
// it; without -race the program may seem to work, or lose entries, or
// crash.
package main

import (
	"fmt"
	"sync"
)

type sessions struct {
	m sync.Map
}

func (s *sessions) reset() {
	s.m = sync.Map{} // races with every use in other goroutines
}

func main() {
	s := &sessions{}
	s.m.Store("alice", 1)

	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 1000 {
			s.m.Load("alice")
		}
	}()
	s.reset()
	<-done
	fmt.Println("done")
}

// want error race_detected
// want stderr "WARNING: DATA RACE"
// want stderr `main\.\(\*sessions\)\.reset\(\)`
