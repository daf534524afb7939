// make with a length, then append: the appended values go after the
// zeros that make put there.
package main

import "fmt"

func main() {
	in := []string{"a", "b", "c"}

	wrong := make([]string, len(in))
	for _, v := range in {
		wrong = append(wrong, v)
	}
	fmt.Printf("%d %q\n", len(wrong), wrong)

	right := make([]string, 0, len(in))
	for _, v := range in {
		right = append(right, v)
	}
	fmt.Printf("%d %q\n", len(right), right)
	// Output:
	// 6 ["" "" "" "a" "b" "c"]
	// 3 ["a" "b" "c"]
}
