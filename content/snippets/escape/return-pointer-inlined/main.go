//playbook:options go=1.21-1.27

// The same code compiled with -gcflags=-m, inlining on (the
// default): newPoint is inlined into its callers, and each
// caller decides where its own copy of the Point lives.
package main

import "fmt"

type Point struct{ X, Y, Z float64 }

func newPoint(x, y, z float64) *Point { // want "can inline newPoint"
	return &Point{x, y, z} // want `&Point\{\.\.\.\} escapes to heap`
}

func makePoint(x, y, z float64) Point {
	return Point{x, y, z}
}

func sum(p *Point) float64 { return p.X + p.Y + p.Z } // want "p does not escape"

var kept *Point

//go:noinline
func usePointer() float64 {
	p := newPoint(1, 2, 3) // want "inlining call to newPoint" `&Point\{\.\.\.\} does not escape`
	return sum(p)
}

//go:noinline
func useValue() float64 {
	p := makePoint(1, 2, 3) // want !"moved to heap"
	return sum(&p)
}

//go:noinline
func keepPointer() {
	kept = newPoint(4, 5, 6) // want "inlining call to newPoint" `&Point\{\.\.\.\} escapes to heap`
}

func main() {
	keepPointer()
	fmt.Println(usePointer(), useValue(), sum(kept))
	// Output:
	// 6 6 15
}
