package main

import (
	"bytes"
	"os"
)

func main() {
	// One 64 MiB write, without a newline, to stderr.
	os.Stderr.Write(bytes.Repeat([]byte{'e'}, 64<<20))
	os.Stdout.WriteString("after the write\n")
}
