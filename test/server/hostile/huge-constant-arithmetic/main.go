package main

import "fmt"

const (
	a = 1 << 500
	b = a * a * a * a * a * a * a * a
	c = b * b * b * b * b * b * b * b
	d = c * c * c * c * c * c * c * c
)

func main() {
	fmt.Println(d > 0)
}
