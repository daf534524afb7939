// Deleting entries while ranging over the same map is legal and well
// defined: an entry that is deleted before the loop reaches it is not
// produced. Adding entries is legal too, but whether the loop visits
// the new ones is unspecified, so the code must not depend on it.
package main

import "fmt"

func main() {
	stock := map[string]int{
		"apples": 0, "pears": 3, "plums": 0, "figs": 7, "kiwis": 0,
	}

	for name, n := range stock {
		if n == 0 {
			delete(stock, name) // removes the entry being visited
		}
	}
	fmt.Println("in stock:", stock)

	// The first entry visited deletes all the others, so the loop
	// runs exactly once.
	visits := 0
	for name := range stock {
		visits++
		for other := range stock {
			if other != name {
				delete(stock, other)
			}
		}
	}
	fmt.Println("visits:", visits, "entries left:", len(stock))
	// Output:
	// in stock: map[figs:7 pears:3]
	// visits: 1 entries left: 1
}
