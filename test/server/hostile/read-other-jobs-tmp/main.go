package main

import (
	"fmt"
	"os"
)

func main() {
	entries, _ := os.ReadDir("/tmp")
	fmt.Println("tmp entries:", len(entries))
	os.WriteFile("/tmp/left-behind", []byte("secret"), 0o644)
}
