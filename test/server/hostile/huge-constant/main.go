package main

import "fmt"

// A 64 KiB source that describes a 512 MiB initialized array: it would land in the shared
// build cache and the job directory.
var table = [1 << 26]int64{1<<26 - 1: 7}

func main() {
	fmt.Println(len(table), table[len(table)-1])
}
