// Code that only has a reflect.Value can empty a map too, without a
// pointer to it: a map value already refers to the table. Value.Clear
// (Go 1.21) empties it in one call; SetMapIndex with the zero Value
// deletes one key at a time. Both work with interface keys.
package main

import (
	"fmt"
	"reflect"
)

func main() {
	a := map[any]any{1: "int key", "s": 2.5, [2]int{1, 2}: nil}
	// ValueOf(a), not ValueOf(&a): no pointer, no addressability
	// needed.
	reflect.ValueOf(a).Clear()
	fmt.Println("after Value.Clear:", len(a))

	b := map[any]any{1: "int key", "s": 2.5, [2]int{1, 2}: nil}
	v := reflect.ValueOf(b)
	for _, k := range v.MapKeys() {
		v.SetMapIndex(k, reflect.Value{}) // the zero Value means delete
	}
	fmt.Println("after SetMapIndex:", len(b))
	// Output:
	// after Value.Clear: 0
	// after SetMapIndex: 0
}
