//go:build go1.24

package main

import (
	"fmt"
	"runtime"
	"weak"
)

type blob struct{ b [1 << 10]byte }

func init() {
	done := make(chan bool, 1)
	v := new(blob)
	w := weak.Make(v)
	runtime.AddCleanup(v, func(int) { done <- true }, 0)
	v = nil
	runtime.GC() // v is unreachable: w goes nil, the cleanup queues
	found = append(found, fmt.Sprint("1.24 weak.Pointer after GC: ",
		map[bool]string{true: "nil", false: "set"}[w.Value() == nil],
		", cleanup ran: ", <-done))
}
