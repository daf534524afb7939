// The goroutine leak profile: a GC pass that finds goroutines
// blocked on a channel (or a sync primitive) that no running
// goroutine can reach, so nothing can ever wake them. Go 1.26 has
// it behind GOEXPERIMENT=goroutineleakprofile; Go 1.27 by default.
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"strings"
	"time"
)

// orphan starts a goroutine that sends 1 MiB on a channel nobody
// will ever receive from: once orphan returns, only that goroutine
// refers to the channel.
func orphan() {
	ch := make(chan []byte)
	go func() { ch <- make([]byte, 1<<20) }()
}

// parked is reachable from a global: any goroutine could still send
// on it, so the goroutine waiting on it is not reported.
var parked = make(chan int)

func main() {
	for i := 0; i < 3; i++ {
		orphan()
	}
	go func() { <-parked }()
	time.Sleep(100 * time.Millisecond) // let them block

	p := pprof.Lookup("goroutineleak")
	if p == nil {
		fmt.Println("no goroutineleak profile")
		return
	}
	fmt.Println("count before writing:", p.Count())
	p.WriteTo(os.Stdout, 1) // runs the detecting GC, then writes
	fmt.Println("count after writing:", p.Count())
	fmt.Println("goroutines:", runtime.NumGoroutine())
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	live := float64(s[0].Value.Uint64()) / (1 << 20)
	fmt.Printf("live heap: %.1f MiB\n", live)

	// debug=2 writes every goroutine's stack, as a crash would, and
	// marks the leaked ones.
	var all strings.Builder
	p.WriteTo(&all, 2)
	for _, line := range strings.Split(all.String(), "\n") {
		if strings.Contains(line, "leaked") {
			fmt.Println(line)
		}
	}
}

// want go1.21-1.26 stdout `^no goroutineleak profile$`
// want go1.27+ stdout `^count before writing: 0$`
// want go1.27+ stdout `^goroutineleak profile: total 3$`
// want go1.27+ stdout `^3 @( 0x[0-9a-f]+)+$`
// want go1.27+ stdout `^#\t0x[0-9a-f]+\tmain\.orphan\.func1\+0x[0-9a-f]+\t`
// want go1.27+ !stdout `main\.main\.func1`
// want go1.27+ stdout `^count after writing: 3$`
// want go1.27+ stdout `^goroutines: 5$`
// want go1.27+ stdout `^live heap: 3\.[0-9] MiB$`
// want go1.27+ stdout `^(goroutine \d+ \[chan send \(leaked\)\]:\n){3}$`
