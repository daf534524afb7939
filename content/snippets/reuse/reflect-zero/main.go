// When the type is known only at run time: reflect.Value.SetZero (Go
// 1.20) assigns the zero value to anything settable, and
// reflect.Value.Clear (Go 1.21) does what the clear builtin does, to
// a map or a slice.
package main

import (
	"fmt"
	"reflect"
)

type config struct {
	name string
	tags []string
}

func main() {
	c := config{"a", []string{"x", "y"}}
	v := reflect.ValueOf(&c).Elem() // settable: through a pointer

	v.Field(1).Clear() // like clear(c.tags): zeroes, keeps len
	fmt.Printf("%q\n", c.tags)

	v.SetZero() // like c = config{}
	fmt.Printf("%q %v\n", c.name, c.tags == nil)

	defer func() { fmt.Println(recover()) }()
	reflect.ValueOf(c).SetZero() // a copy of c: not settable
	// Output:
	// ["" ""]
	// "" true
	// reflect: reflect.Value.SetZero using unaddressable value
}
