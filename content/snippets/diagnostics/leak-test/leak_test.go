// A test that fails when the code under test leaks a goroutine,
// using the goroutine leak profile: Go 1.27 by default, Go 1.26
// only with GOEXPERIMENT=goroutineleakprofile.
package leak

import (
	"bytes"
	"runtime/pprof"
	"testing"
	"time"
)

// notify sends the result to a channel nobody will read when the
// caller does not wait: the goroutine blocks forever.
func notify(wait bool) {
	done := make(chan int)
	go func() { done <- 42 }()
	if wait {
		<-done
	}
}

func leaked(t *testing.T, wait bool) int {
	p := pprof.Lookup("goroutineleak")
	if p == nil {
		// Go 1.25 and older have no such profile: nothing to check there.
		t.Skip("no goroutineleak profile: use Go 1.27, or Go 1.26 with GOEXPERIMENT=goroutineleakprofile")
	}
	notify(wait)
	time.Sleep(50 * time.Millisecond) // let the goroutine block
	p.WriteTo(new(bytes.Buffer), 1)   // runs the detection
	return p.Count()
}

func TestWaits(t *testing.T) {
	if n := leaked(t, true); n != 0 {
		t.Errorf("%d goroutine(s) leaked", n)
	}
}

func TestFireAndForget(t *testing.T) {
	if n := leaked(t, false); n != 0 {
		t.Errorf("%d goroutine(s) leaked", n) // want go1.27+ `^TestFireAndForget: 1 goroutine\(s\) leaked$`
	}
}

// want go1.27+ error tests_failed
// want go1.27+ stdout `^--- PASS: TestWaits`
// want go1.27+ stdout `^--- FAIL: TestFireAndForget`
// want go1.21-1.26 stdout `^--- SKIP: TestFireAndForget`
