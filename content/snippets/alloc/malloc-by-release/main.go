// Go 1.27 compiles an allocation of a known size up to 80 bytes into
// a call to a malloc function specialised for its size class (the
// sizespecializedmalloc experiment, on by default since 1.27). Before,
// every such allocation called runtime.newobject, which called
// runtime.mallocgc. The memory profile shows the difference: with
// MemProfileRate = 1 every allocation is recorded with its stack,
// and the raw stack of a 32-byte object no longer passes through
// newobject and mallocgc. A 128-byte object still does.
package main

import (
	"fmt"
	"runtime"
	"strings"
)

var (
	small *[4]int64  // 32 bytes
	large *[16]int64 // 128 bytes
)

// stack returns the recorded stack of the first profiled allocation
// of objects of the given size.
func stack(size int64) string {
	recs := make([]runtime.MemProfileRecord, 1000)
	n, _ := runtime.MemProfile(recs, true)
	for _, r := range recs[:n] {
		if r.AllocObjects == 0 || r.AllocBytes/r.AllocObjects != size {
			continue
		}
		var names []string
		frames := runtime.CallersFrames(r.Stack())
		for {
			f, more := frames.Next()
			name := strings.TrimPrefix(f.Function, "runtime.")
			names = append(names, name)
			if !more || f.Function == "main.main" {
				break
			}
		}
		return strings.Join(names, " <- ")
	}
	return "not found"
}

func main() {
	runtime.MemProfileRate = 1
	for range 10 {
		small = new([4]int64)
		large = new([16]int64)
	}
	runtime.GC() // publish the profile
	fmt.Println(" 32 bytes:", stack(32))
	fmt.Println("128 bytes:", stack(128))
}

// want go1.26 stdout "^ 32 bytes: mallocgc <- newobject <- main.main$"
// want go1.27+ stdout "^ 32 bytes: main.main$"
// want stdout "^128 bytes: mallocgc <- newobject <- main.main$"
