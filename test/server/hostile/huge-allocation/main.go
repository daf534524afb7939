package main

import "fmt"

func main() {
	b := make([]byte, 8<<30)
	b[len(b)-1] = 1
	fmt.Println(len(b))
}
