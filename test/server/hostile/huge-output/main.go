package main

import (
	"os"
	"strings"
)

func main() {
	line := strings.Repeat("x", 1023) + "\n"
	for {
		os.Stdout.WriteString(line)
	}
}
