//playbook:options go=1.21-1.27

// A pointer parameter that the function stores is a "leaking
// param": every caller's value must then be on the heap. A
// value parameter is copied, and the caller's variable stays
// where it was.
package main

import (
	"fmt"
	"testing"
)

type Event struct {
	ID   int64
	Kind string
	At   int64
}

type Log struct {
	ptrs []*Event
	vals []Event
}

func (l *Log) addPtr(e *Event) { // want "leaking param: e$" "leaking param content: l"
	l.ptrs = append(l.ptrs, e)
}

func (l *Log) addVal(e Event) { // want "leaking param: e$"
	l.vals = append(l.vals, e)
}

func idOf(e *Event) int64 { return e.ID } // want "e does not escape"

type Handler interface{ Handle(*Event) }

//go:noinline
func recordPtr(l *Log, id int64) {
	e := Event{ID: id, Kind: "click"} // want "moved to heap: e"
	l.addPtr(&e)
}

//go:noinline
func recordVal(l *Log, id int64) {
	e := Event{ID: id, Kind: "click"} // want !"moved to heap"
	l.addVal(e)
}

//go:noinline
func lookup(id int64) int64 {
	e := Event{ID: id} // want !"moved to heap"
	return idOf(&e)
}

//go:noinline
func dispatch(h Handler, id int64) { // want "leaking param: h$"
	e := Event{ID: id} // want "moved to heap: e"
	h.Handle(&e)
}

type counter struct{ n int64 }

func (c *counter) Handle(e *Event) { c.n += e.ID } // want "e does not escape"

func main() {
	l := &Log{
		ptrs: make([]*Event, 0, 1000),
		vals: make([]Event, 0, 1000),
	}
	var c counter
	allocs := func(f func()) float64 {
		return testing.AllocsPerRun(100, f)
	}
	fmt.Println("recordPtr:", allocs(func() { recordPtr(l, 1) }))
	fmt.Println("recordVal:", allocs(func() { recordVal(l, 1) }))
	fmt.Println("lookup:   ", allocs(func() { lookup(1) }))
	fmt.Println("dispatch: ", allocs(func() { dispatch(&c, 1) }))
	// Output:
	// recordPtr: 1
	// recordVal: 0
	// lookup:    0
	// dispatch:  1
}
