//playbook:options inlining=false go=1.21-1.27

// A constructor that returns a pointer, and one that returns a
// value, compiled with -gcflags='-m -l': no function is
// inlined, so every function is analysed on its own.
package main

import "fmt"

type Point struct{ X, Y, Z float64 }

func newPoint(x, y, z float64) *Point {
	return &Point{x, y, z} // want `&Point\{\.\.\.\} escapes to heap`
}

func makePoint(x, y, z float64) Point {
	return Point{x, y, z}
}

func sum(p *Point) float64 { return p.X + p.Y + p.Z } // want "p does not escape"

var kept *Point

func usePointer() float64 {
	p := newPoint(1, 2, 3)
	return sum(p)
}

func useValue() float64 {
	p := makePoint(1, 2, 3) // want !"moved to heap"
	return sum(&p)
}

func keepPointer() {
	kept = newPoint(4, 5, 6)
}

func main() {
	keepPointer()
	fmt.Println(usePointer(), useValue(), sum(kept))
	// Output:
	// 6 6 15
}
