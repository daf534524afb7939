// The compiler turns `for k := range m { delete(m, k) }` into one
// clear of the map (a call of runtime.mapclear, as for int keys here)
// only when == on the key type is reflexive (k == k for every k). For floats, complex numbers, interfaces, and arrays
// or structs holding them, it is not: a NaN is not equal to itself.
// There the loop stays a loop of deletes, and an entry under a NaN
// key survives it, which a clear would not leave behind.
package main

import (
	"fmt"
	"math"
)

type point struct{ X, Y float64 }

func main() {
	nan := math.NaN()

	ints := map[int]int{1: 1, 2: 2}
	for k := range ints { // want asm `CALL runtime\.mapclear`
		delete(ints, k) // want asm !`mapdelete`
	}
	fmt.Println("int keys left:    ", len(ints))

	floats := map[float64]int{1: 1, nan: 2}
	for k := range floats { // want asm !`mapclear`
		delete(floats, k) // want asm `CALL runtime\.mapdelete`
	}
	fmt.Println("float64 keys left:", len(floats))

	anys := map[any]int{"a": 1, nan: 2}
	for k := range anys {
		delete(anys, k)
	}
	fmt.Println("any keys left:    ", len(anys))

	points := map[point]int{{1, 2}: 1, {nan, 0}: 2}
	for k := range points {
		delete(points, k)
	}
	fmt.Println("struct keys left: ", len(points))

	arrays := map[[2]complex128]int{{1, 2}: 1, {complex(nan, 0)}: 2}
	for k := range arrays {
		delete(arrays, k)
	}
	fmt.Println("array keys left:  ", len(arrays))
	// Output:
	// int keys left:     0
	// float64 keys left: 1
	// any keys left:     1
	// struct keys left:  1
	// array keys left:   1
}
