package main

import "fmt"

func main() {
	var keep [][]byte
	for i := 0; ; i++ {
		b := make([]byte, 16<<20)
		for j := range b {
			b[j] = byte(j)
		}
		keep = append(keep, b)
		fmt.Println(len(keep)*16, "MiB")
	}
}
