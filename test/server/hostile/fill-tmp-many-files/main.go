package main

import (
	"fmt"
	"os"
)

// Many files, each under the per-file limit: the private /tmp itself is bounded.
func main() {
	chunk := make([]byte, 4<<20)
	for i := 0; ; i++ {
		if err := os.WriteFile(fmt.Sprintf("/tmp/f%d", i), chunk, 0o644); err != nil {
			panic(err)
		}
		fmt.Println("file", i)
	}
}
