//playbook:options go=1.21-1.27

// The GC settings a program runs with, and how to change and read
// them back. debug.SetGCPercent and debug.SetMemoryLimit return the
// setting they replace; runtime/metrics publishes the current ones.
// The program runs without GOGC and GOMEMLIMIT in its environment.
package main

import (
	"fmt"
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

func read() (gogc, limit, procs uint64) {
	s := []metrics.Sample{
		{Name: "/gc/gogc:percent"},
		{Name: "/gc/gomemlimit:bytes"},
		{Name: "/sched/gomaxprocs:threads"},
	}
	metrics.Read(s)
	return s[0].Value.Uint64(), s[1].Value.Uint64(),
		s[2].Value.Uint64()
}

func main() {
	// A negative limit changes nothing: the way to read the limit.
	fmt.Println("no limit set:", debug.SetMemoryLimit(-1) == math.MaxInt64)

	prev := debug.SetGCPercent(50)
	fmt.Println("SetGCPercent(50) returned", prev)
	gogc, _, _ := read()
	fmt.Println("/gc/gogc:percent:", gogc)

	// GOGC=off: no collections paced by heap growth.
	prev = debug.SetGCPercent(-1)
	gogc, _, _ = read()
	fmt.Println("SetGCPercent(-1) returned", prev)
	fmt.Println("/gc/gogc:percent:", gogc, "=", int64(gogc))

	prev64 := debug.SetMemoryLimit(900 << 20)
	_, limit, _ := read()
	fmt.Println("SetMemoryLimit returned MaxInt64:",
		prev64 == math.MaxInt64)
	fmt.Println("/gc/gomemlimit:bytes:", limit>>20, "MiB")

	_, _, procs := read()
	n := runtime.GOMAXPROCS(0) // 0 reads without changing
	fmt.Println("metric equals GOMAXPROCS(0):", procs == uint64(n))
	fmt.Println("GOMAXPROCS(0) <= NumCPU():", n <= runtime.NumCPU())
}

// want stdout `^no limit set: true$`
// want stdout `^SetGCPercent\(50\) returned 100$`
// want stdout `^/gc/gogc:percent: 50$`
// want stdout `^SetGCPercent\(-1\) returned 50$`
// want stdout `^/gc/gogc:percent: 18446744073709551615 = -1$`
// want stdout `^SetMemoryLimit returned MaxInt64: true$`
// want stdout `^/gc/gomemlimit:bytes: 900 MiB$`
// want stdout `^metric equals GOMAXPROCS\(0\): true$`
// want stdout `^GOMAXPROCS\(0\) <= NumCPU\(\): true$`
