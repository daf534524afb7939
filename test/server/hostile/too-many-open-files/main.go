package main

import (
	"fmt"
	"os"
)

func main() {
	var files []*os.File
	for {
		f, err := os.Open("/prog")
		if err != nil {
			fmt.Println("after", len(files), "files:", err)
			return
		}
		files = append(files, f)
	}
}
