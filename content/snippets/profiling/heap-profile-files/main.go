// A program that writes two heap profiles, before and after a
// leak grows, for go tool pprof -top, -list and -diff_base.
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

var cache = map[int][]byte{}

// remember keeps every value it makes: the leak.
func remember(n int) {
	for i := range n {
		cache[len(cache)+i] = make([]byte, 8<<10)
	}
}

var sink []byte

// render allocates as much and keeps nothing.
func render(n int) {
	for range n {
		sink = make([]byte, 8<<10)
	}
	sink = nil
}

func write(name string) {
	runtime.GC() // the profile shows the heap as of the last GC
	var buf bytes.Buffer
	if err := pprof.WriteHeapProfile(&buf); err != nil {
		panic(err)
	}
	path := filepath.Join(os.TempDir(), name)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		panic(err)
	}
	b := buf.Bytes()
	fmt.Printf("%s: %d bytes, gzip: %t\n", name, len(b),
		len(b) > 2 && b[0] == 0x1f && b[1] == 0x8b)
}

func main() {
	remember(256)
	render(256)
	write("base.pprof")
	remember(1024)
	render(1024)
	write("after.pprof")
}

// want stdout `^base\.pprof: \d+ bytes, gzip: true$`
// want stdout `^after\.pprof: \d+ bytes, gzip: true$`
