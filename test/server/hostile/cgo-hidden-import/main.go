package main

/*
#cgo LDFLAGS: -Wl,--wrap=main
int x = 1;
*/
import ("fmt"; "C")

func main() {
	fmt.Println(C.x)
}
