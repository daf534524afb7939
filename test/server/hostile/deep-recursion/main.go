package main

import "fmt"

func down(n int) int {
	var pad [256]byte
	pad[n%256] = byte(n)
	return down(n+1) + int(pad[0])
}

func main() {
	fmt.Println(down(0))
}
