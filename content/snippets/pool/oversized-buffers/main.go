// One large request grows a pooled buffer to 16 MiB. Put back, it is
// handed to every later request, each of them small: while the pool
// is in use the buffer never sits through two GCs unused, so the 16
// MiB stay live for good (golang.org/issue/23199). The fix is to
// drop buffers above a cap instead of putting them back.
package main

import (
	"bytes"
	"fmt"
	"runtime"
	"runtime/metrics"
	"sync"
)

const maxPooled = 64 << 10 // what fmt keeps in its own pool

var pool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// handle serves one request with a pooled buffer and reports the
// buffer's capacity.
func handle(body []byte, capped bool) int {
	buf := pool.Get().(*bytes.Buffer)
	buf.Reset()
	buf.Write(body)
	c := buf.Cap()
	if !capped || buf.Cap() <= maxPooled {
		pool.Put(buf)
	}
	return c
}

// liveMiB returns the heap the last GC found live.
func liveMiB() float64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return float64(s[0].Value.Uint64()) / (1 << 20)
}

func run(capped bool) {
	handle(make([]byte, 16<<20), capped) // one large request
	small := make([]byte, 512)
	var c int
	for range 10 { // then 1,000 small ones, and a GC every 100
		for range 100 {
			c = handle(small, capped)
		}
		runtime.GC()
	}
	fmt.Printf("capped=%t: small requests get %d B buffers, "+
		"%.1f MiB live\n", capped, c, liveMiB())
}

func main() {
	runtime.GOMAXPROCS(1) // one P: the same buffer every time
	run(false)
	runtime.GC()
	runtime.GC() // empty the pool between the two runs
	run(true)
}

// want stdout `^capped=false: small requests get 16777216 B buffers, 16\.[0-9] MiB live$`
// want stdout `^capped=true: small requests get 512 B buffers, 0\.[0-9] MiB live$`
