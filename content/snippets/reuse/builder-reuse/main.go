// A strings.Builder can keep writing after String: the string it
// returned shares the bytes written so far, and later writes only
// append after them. What it cannot do is start over and keep its
// memory: Reset drops the buffer, and the next writes allocate anew.
package main

import (
	"fmt"
	"strings"
)

func main() {
	var sb strings.Builder
	sb.WriteString("hello")
	s1 := sb.String()
	sb.WriteString(", world") // allowed after String
	s2 := sb.String()
	fmt.Printf("%q %q\n", s1, s2)

	fmt.Println("cap before Reset:", sb.Cap())
	sb.Reset()
	fmt.Println("cap after Reset:", sb.Cap())

	// A Builder that has been written to must not be copied.
	defer func() { fmt.Println(recover()) }()
	sb.WriteString("x")
	c := sb
	c.WriteString("y")
	// Output:
	// "hello" "hello, world"
	// cap before Reset: 16
	// cap after Reset: 0
	// strings: illegal use of non-zero Builder copied by value
}
