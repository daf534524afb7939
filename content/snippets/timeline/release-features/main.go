// What the running release has, feature by feature. Each file
// below main.go is compiled only where its //go:build line holds: a
// go1.N tag for APIs added in Go 1.N, a goexperiment.X tag for
// runtime experiments that are on in this build (the default ones
// included). The program prints what it found, in release order.
package main

import (
	"fmt"
	"slices"
)

var found []string

func main() {
	m := map[string]int{"a": 1}
	clear(m) // Go 1.21, the oldest release this site offers
	found = append(found, fmt.Sprint("1.21 clear: len ", len(m)))
	slices.Sort(found)
	for _, f := range found {
		fmt.Println(f)
	}
}

// want stdout `^1\.21 clear: len 0$`
// want go1.21-1.23 !stdout `^1\.24 `
// want go1.24+ stdout `^1\.24 weak\.Pointer after GC: nil, cleanup ran: true$`
// want go1.21-1.24 !stdout `^1\.25 `
// want go1.25+ stdout `^1\.25 FlightRecorder: started$`
// want go1.21-1.25 !stdout `greenteagc`
// want go1.26+ stdout `^1\.26 GOEXPERIMENT greenteagc on$`
// want go1.21-1.26 !stdout `jsonv2|sizespecializedmalloc`
// want go1.27+ stdout `^1\.27 GOEXPERIMENT jsonv2 on$`
// want go1.27+ stdout `^1\.27 GOEXPERIMENT sizespecializedmalloc on$`
