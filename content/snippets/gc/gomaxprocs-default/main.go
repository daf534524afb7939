// GOMAXPROCS as the runtime chooses it. Since Go 1.25 the default
// is the smallest of the logical CPUs, the CPU affinity mask and (on
// Linux) the cgroup's CPU limit rounded up, never below 2; the
// runtime revisits it while the program runs, until the program sets
// GOMAXPROCS itself. runtime.SetDefaultGOMAXPROCS (Go 1.25) returns
// to that default. Before 1.25 the default was the CPU count, fixed.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	n := runtime.GOMAXPROCS(0)
	fmt.Println("GOMAXPROCS <= NumCPU:", n <= runtime.NumCPU())
	runtime.GOMAXPROCS(1) // a fixed value: no more updates
	fmt.Println("after GOMAXPROCS(1):", runtime.GOMAXPROCS(0))
	fmt.Println(resetDefault(n))
}

// want stdout `^GOMAXPROCS <= NumCPU: true$`
// want stdout `^after GOMAXPROCS\(1\): 1$`
// want go1.21-1.24 stdout `^no SetDefaultGOMAXPROCS before Go 1\.25$`
// want go1.25+ stdout `^SetDefaultGOMAXPROCS: back to the default: true$`
