//playbook:options race

// unsafe.String and unsafe.StringData (Go 1.20), unsafe.Slice
// (1.17) and unsafe.SliceData (1.20) convert between strings and
// byte slices without copying and without the deprecated reflect
// headers. The price is the contract: the bytes behind a string
// must never change.
package main

import (
	"fmt"
	"testing"
	"unsafe"
)

// bytesToString shares b's memory: b must not be modified
// afterwards.
func bytesToString(b []byte) string {
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// stringToBytes shares s's memory: the result must never be
// written.
func stringToBytes(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

var sinkS string
var sinkB []byte
var sinkN int

var counts = map[string]int{"status=ok; retry=false": 1}

func allocs(f func()) float64 { return testing.AllocsPerRun(100, f) }

func main() {
	buf := []byte("status=ok; retry=false")
	fmt.Println("string(b):    ",
		allocs(func() { sinkS = string(buf) }))
	fmt.Println("unsafe.String:",
		allocs(func() { sinkS = bytesToString(buf) }))
	s := sinkS
	fmt.Println("[]byte(s):    ",
		allocs(func() { sinkB = []byte(s) }))
	fmt.Println("unsafe.Slice: ",
		allocs(func() { sinkB = stringToBytes(s) }))

	// Conversions the compiler already performs without a copy.
	fmt.Println("m[string(b)]: ",
		allocs(func() { sinkN = counts[string(buf)] }))
	fmt.Println("string(b)==s: ",
		allocs(func() {
			if string(buf) == "status=ok" {
				sinkN++
			}
		}))
	fmt.Println("range []byte: ",
		allocs(func() {
			for _, c := range []byte(s) {
				sinkN += int(c)
			}
		}))

	// The string follows the bytes it shares: a "constant"
	// changes.
	view := bytesToString(buf)
	fmt.Println(view)
	copy(buf[7:], "no")
	fmt.Println(view)
	// Output:
	// string(b):     1
	// unsafe.String: 0
	// []byte(s):     1
	// unsafe.Slice:  0
	// m[string(b)]:  0
	// string(b)==s:  0
	// range []byte:  0
	// status=ok; retry=false
	// status=no; retry=false
}
