//playbook:options go=1.21-1.27 escapeDetail=2

// A constructor too large to inline returns a pointer to the
// heap. Split it: a wrapper small enough to inline allocates, a
// method does the work. The allocation then happens in the
// caller, which can keep it on its stack.
package main

import (
	"fmt"
	"testing"
)

// Hist counts values into buckets with the given upper bounds.
type Hist struct {
	bounds [8]float64
	counts [9]int
	n      int
}

// newHistBig does everything itself and is too large to inline.
func newHistBig(bounds ...float64) *Hist { // want `cannot inline newHistBig: function too complex: cost \d+ exceeds budget 80`
	h := &Hist{} // want `&Hist\{\} escapes to heap`
	for i, b := range bounds {
		if i == len(h.bounds) {
			panic("too many bounds")
		}
		if i > 0 && b <= h.bounds[i-1] {
			panic(fmt.Sprint("bounds not increasing: ", b))
		}
		h.bounds[i] = b
		h.n++
	}
	return h
}

// newHist only allocates; init does the work.
func newHist(bounds ...float64) *Hist { // want "can inline newHist"
	h := &Hist{}
	h.init(bounds)
	return h
}

func (h *Hist) init(bounds []float64) { // want "h does not escape"
	for i, b := range bounds {
		if i == len(h.bounds) {
			panic("too many bounds")
		}
		if i > 0 && b <= h.bounds[i-1] {
			panic(fmt.Sprint("bounds not increasing: ", b))
		}
		h.bounds[i] = b
		h.n++
	}
}

func (h *Hist) Add(v float64) {
	i := 0
	for i < h.n && v > h.bounds[i] {
		i++
	}
	h.counts[i]++
}

var data = []float64{0.5, 1, 2, 3, 5, 8, 13}

//go:noinline
func lowBig() int {
	h := newHistBig(1, 2, 4)
	for _, v := range data {
		h.Add(v)
	}
	return h.counts[0]
}

//go:noinline
func lowSplit() int {
	h := newHist(1, 2, 4) // want "inlining call to newHist" `&Hist\{\} does not escape`
	for _, v := range data {
		h.Add(v)
	}
	return h.counts[0]
}

func main() {
	fmt.Println(lowBig(), lowSplit())
	big := testing.AllocsPerRun(100, func() { lowBig() })
	split := testing.AllocsPerRun(100, func() { lowSplit() })
	fmt.Println("newHistBig:", big)
	fmt.Println("newHist:   ", split)
	// Output:
	// 2 2
	// newHistBig: 1
	// newHist:    0
}
