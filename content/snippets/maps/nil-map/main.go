// The zero value of a map type is nil: a map with no table. Reading
// it, ranging over it, taking len and deleting from it all work and
// behave like an empty map. Writing to it panics: there is nowhere to
// put the entry. Make it with make or a literal first.
package main

import "fmt"

type registry struct {
	handlers map[string]func() // nil until someone makes it
}

func main() {
	var r registry
	h, ok := r.handlers["ping"]
	fmt.Println("read:", h == nil, ok, "len:", len(r.handlers))
	for name := range r.handlers {
		fmt.Println("never printed:", name)
	}
	delete(r.handlers, "ping") // a no-op, like deleting a missing key

	r.handlers["ping"] = func() {} // want "^panic: assignment to entry in nil map$"
	fmt.Println("never printed")
}

// want stdout "^read: true false len: 0\n$"
// want error panic
// want stderr "^panic: assignment to entry in nil map"
// want exit 2
