//playbook:options race

// A data race the race detector reports on every run: a goroutine
// reads limit, and main later writes it, with nothing between the
// two accesses that orders them (a sleep orders nothing).
package main

import (
	"fmt"
	"time"
)

var limit = 10

func main() {
	go func() {
		fmt.Println("limit:", limit) // the read
	}()
	time.Sleep(100 * time.Millisecond)
	limit = 20 // want "^data race: another goroutine"
	fmt.Println("done")
}

// want error race_detected
// want exit 66
// want stdout `^limit: 10$`
// want stderr `^WARNING: DATA RACE$`
// want stderr `^Write at 0x[0-9a-f]+ by main goroutine:\n  main\.main\(\)\n +\S*main\.go:\d+ `
// want stderr `^Previous read at 0x[0-9a-f]+ by goroutine (\d+):\n  main\.main\.func1\(\)\n +\S*main\.go:\d+ `
// want stderr `^Goroutine \d+ \((running|finished)\) created at:\n  main\.main\(\)\n +\S*main\.go:\d+ `
// want stderr `^Found 1 data race\(s\)$`
