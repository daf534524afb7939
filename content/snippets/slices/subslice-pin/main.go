// Keeps 10 bytes of a 64 MiB buffer in eight ways and prints the
// live heap after a collection: a sub-slice or a substring keeps
// the whole array alive; a copy does not.
package main

import (
	"bytes"
	"fmt"
	"runtime"
	"runtime/metrics"
	"strings"
)

const size = 64 << 20

// load stands for reading a large file or response.
func load() []byte {
	b := make([]byte, size)
	for i := range b {
		b[i] = byte(i)
	}
	return b
}

var (
	keptBytes  []byte
	keptString string
)

// report collects garbage, then prints the live heap: the bytes
// the collection found reachable.
func report(what string) {
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	live := float64(s[0].Value.Uint64()) / (1 << 20)
	fmt.Printf("%-26s live heap %5.1f MiB\n", what, live)
	keptBytes, keptString = nil, ""
}

func main() {
	report("nothing kept")

	keptBytes = load()[100:110]
	report("b[100:110]")

	b := load()
	keptBytes = b[100:110]
	b = nil // does not help: keptBytes points into the array
	report("b[100:110], b = nil")

	b = load()
	keptBytes = b[100:110]
	runtime.KeepAlive(b) // keeps b alive up to here, frees nothing
	report("b[100:110], KeepAlive(b)")

	keptBytes = load()[100:110:110]
	report("b[100:110:110]")

	keptBytes = bytes.Clone(load()[100:110])
	report("bytes.Clone(b[100:110])")

	keptString = strings.Repeat("x", size)[100:110]
	report("s[100:110]")

	keptString = strings.Clone(strings.Repeat("x", size)[100:110])
	report("strings.Clone(s[100:110])")

	keptString = string(load()[100:110])
	report("string(b[100:110])")
}

// want stdout `^nothing kept +live heap +0\.\d MiB$`
// want stdout `^b\[100:110\] +live heap +64\.\d MiB$`
// want stdout `^b\[100:110\], b = nil +live heap +64\.\d MiB$`
// want stdout `^b\[100:110\], KeepAlive\(b\) +live heap +64\.\d MiB$`
// want stdout `^b\[100:110:110\] +live heap +64\.\d MiB$`
// want stdout `^bytes\.Clone\(b\[100:110\]\) +live heap +0\.\d MiB$`
// want stdout `^s\[100:110\] +live heap +64\.\d MiB$`
// want stdout `^strings\.Clone\(s\[100:110\]\) +live heap +0\.\d MiB$`
// want stdout `^string\(b\[100:110\]\) +live heap +0\.\d MiB$`
