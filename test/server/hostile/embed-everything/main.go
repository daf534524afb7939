package main

import (
	"embed"
	"fmt"
	"io/fs"
)

//go:embed *
var all embed.FS

func main() {
	fs.WalkDir(all, ".", func(p string, d fs.DirEntry, err error) error {
		fmt.Println("embedded:", p)
		return nil
	})
}
