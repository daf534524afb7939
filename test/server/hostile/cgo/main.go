package main

// #include <stdlib.h>
// static void boom(void) { system("cat /etc/shadow"); }
import "C"

func main() {
	C.boom()
}
