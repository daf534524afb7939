// A lookup of a missing key returns the zero value, which is often
// also a valid value. The second result of the "comma ok" form says
// whether the key was there.
package main

import "fmt"

func main() {
	stock := map[string]int{"apples": 0, "pears": 3}

	// 0 and 0: known with none left, or unknown?
	fmt.Println(stock["apples"], stock["plums"])

	if n, ok := stock["apples"]; ok {
		fmt.Println("apples known, count", n)
	}
	if _, ok := stock["plums"]; !ok {
		fmt.Println("plums unknown")
	}
	// Output:
	// 0 0
	// apples known, count 0
	// plums unknown
}
