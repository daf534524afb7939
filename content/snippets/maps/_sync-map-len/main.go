// sync.Map has no Len method: its entries live in a concurrent
// hash-trie (Go 1.24) that keeps no count. This does not compile.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var m sync.Map
	m.Store("a", 1)
	fmt.Println(m.Len()) // want `m\.Len undefined \(type "?sync"?\.Map has no field or method Len\)`
}
