// Which runtime function a map write calls, by key and value type.
// The first insert into a map made without a hint allocates its
// group inside that function, so the raw heap profile records
// (runtime.MemProfile) name it: the frame just above the caller's.
package main

import (
	"fmt"
	"runtime"
	"strings"
)

type point struct{ X, Y int32 } // 8 bytes, compared as memory

// assigner returns the runtime.map* function on the stack of an
// allocation made in the function caller.
func assigner(caller string) string {
	records := make([]runtime.MemProfileRecord, 4096)
	n, ok := runtime.MemProfile(records, true)
	if !ok {
		panic("profile buffer too small")
	}
	for _, r := range records[:n] {
		frames := runtime.CallersFrames(r.Stack())
		callee := ""
		for {
			f, more := frames.Next()
			if f.Function == "main."+caller && callee != "" {
				return callee
			}
			if strings.HasPrefix(f.Function, "runtime.map") {
				callee = f.Function
			}
			if !more {
				break
			}
		}
	}
	return "?"
}

var sink any

//go:noinline
func int64Key() { m := map[int64]int{}; m[1] = 1; sink = m }

//go:noinline
func int32Key() { m := map[int32]int{}; m[1] = 1; sink = m }

//go:noinline
func stringKey() { m := map[string]int{}; m["a"] = 1; sink = m }

//go:noinline
func pointerKey() { m := map[*int]int{}; m[new(int)] = 1; sink = m }

//go:noinline
func structKey() { m := map[point]int{}; m[point{}] = 1; sink = m }

//go:noinline
func float64Key() { m := map[float64]int{}; m[1] = 1; sink = m }

//go:noinline
func largeValue() { m := map[int64][129]byte{}; m[1] = [129]byte{}; sink = m }

func main() {
	runtime.MemProfileRate = 1
	fs := []func(){int64Key, int32Key, stringKey, pointerKey, structKey,
		float64Key, largeValue}
	for _, f := range fs {
		f()
	}
	// Records are published by a completed collection.
	runtime.GC()
	for _, name := range []string{"int64Key", "int32Key", "stringKey",
		"pointerKey", "structKey", "float64Key", "largeValue"} {
		fmt.Printf("%-10s %s\n", name, assigner(name))
	}
	// Output:
	// int64Key   runtime.mapassign_fast64
	// int32Key   runtime.mapassign_fast32
	// stringKey  runtime.mapassign_faststr
	// pointerKey runtime.mapassign_fast64ptr
	// structKey  runtime.mapassign_fast64
	// float64Key runtime.mapassign
	// largeValue runtime.mapassign
}
