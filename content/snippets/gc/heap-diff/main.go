// Two heap profiles compared, as `go tool pprof -diff_base` does.
// Each request renders a 4 KiB page, garbage once sent, and
// remembers its session in a map nobody ever trims. Two snapshots,
// 4,000 requests apart, differ in what is still in use
// (inuse_space) and in what was allocated (alloc_space). The leak
// is the function whose in-use bytes grew.
package main

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"strings"
)

var (
	sessions = map[int][]byte{}
	sent     []byte // the last page written to the client
)

func render(id int) []byte {
	page := make([]byte, 4096)
	page[0] = byte(id)
	return page
}

func remember(id int) {
	sessions[id] = make([]byte, 1024) // never deleted
}

func handle(id int) int {
	remember(id)
	sent = render(id)
	return len(sent)
}

type usage struct{ inuse, alloc int64 }

// snapshot sums the heap profile by the innermost function of
// package main on each stack.
func snapshot() map[string]usage {
	runtime.GC() // the profile is as of the last completed GC
	runtime.GC()
	recs := make([]runtime.MemProfileRecord, 4096)
	n, ok := runtime.MemProfile(recs, true)
	if !ok {
		panic("buffer too small")
	}
	out := map[string]usage{}
	for _, r := range recs[:n] {
		frames := runtime.CallersFrames(r.Stack())
		for {
			f, more := frames.Next()
			if strings.HasPrefix(f.Function, "main.") {
				u := out[f.Function]
				u.inuse += r.InUseBytes()
				u.alloc += r.AllocBytes
				out[f.Function] = u
				break
			}
			if !more {
				break
			}
		}
	}
	return out
}

func main() {
	runtime.MemProfileRate = 1 // record every allocation
	for id := range 1000 {
		handle(id)
	}
	base := snapshot()
	for id := 1000; id < 5000; id++ {
		handle(id)
	}
	now := snapshot()

	fns := []string{"main.render", "main.remember"}
	diff := func(f func(usage) int64) {
		d := func(fn string) int64 { return f(now[fn]) - f(base[fn]) }
		slices.SortFunc(fns, func(a, b string) int {
			return cmp.Compare(d(b), d(a)) // largest growth first
		})
		for _, fn := range fns {
			fmt.Printf("  %-13s %+6d KiB\n", fn, d(fn)>>10)
		}
	}
	fmt.Println("inuse_space, now minus base:")
	diff(func(u usage) int64 { return u.inuse })
	fmt.Println("alloc_space, now minus base:")
	diff(func(u usage) int64 { return u.alloc })
}

// want stdout `^inuse_space, now minus base:\n  main\.remember +\+4[0-9]{3} KiB\n  main\.render +\+0 KiB$`
// want stdout `^alloc_space, now minus base:\n  main\.render +\+16000 KiB\n  main\.remember +\+4[0-9]{3} KiB$`
