// Since Go 1.22, slices.Delete (and DeleteFunc, Compact,
// CompactFunc, Replace) zero the elements between the new and the
// old length. In Go 1.21 they were left there, still pointing at
// their values.
package main

import (
	"fmt"
	"slices"
)

type item struct{ name string }

func names(s []*item) []string {
	var out []string
	for _, it := range s {
		if it == nil {
			out = append(out, "nil")
		} else {
			out = append(out, it.name)
		}
	}
	return out
}

func main() {
	s := []*item{{"a"}, {"b"}, {"c"}, {"d"}}
	s = slices.Delete(s, 1, 3) // remove b and c
	fmt.Println("s:", names(s))
	fmt.Println("past len:", names(s[len(s):cap(s)]))
}

// want stdout `^s: \[a d\]$`
// want go1.21 stdout `^past len: \[c d\]$`
// want go1.22+ stdout `^past len: \[nil nil\]$`
