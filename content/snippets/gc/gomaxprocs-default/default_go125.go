//go:build go1.25

package main

import (
	"fmt"
	"runtime"
)

func resetDefault(before int) string {
	runtime.SetDefaultGOMAXPROCS()
	n := runtime.GOMAXPROCS(0)
	return fmt.Sprint("SetDefaultGOMAXPROCS: back to the default: ",
		n == before)
}
