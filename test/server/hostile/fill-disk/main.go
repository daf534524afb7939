package main

import (
	"fmt"
	"os"
)

func main() {
	f, err := os.Create("/tmp/fill")
	if err != nil {
		panic(err)
	}
	chunk := make([]byte, 1<<20)
	for i := 1; ; i++ {
		if _, err := f.Write(chunk); err != nil {
			panic(err)
		}
		fmt.Println(i, "MiB written")
	}
}
