// The flight recorder (Go 1.25) keeps the last moments of an
// execution trace in memory, and writes them out on demand: when a
// request was slow, when the heap jumped. Go 1.24 has no such API.
package main

import (
	"bytes"
	"fmt"
	"runtime/trace"
	"time"
)

var sink []byte

func main() {
	cfg := trace.FlightRecorderConfig{ // want go1.24 `undefined: trace\.FlightRecorderConfig`
		MinAge:   2 * time.Second, // keep at least this much
		MaxBytes: 4 << 20,         // unless it exceeds this
	}
	fr := trace.NewFlightRecorder(cfg) // want go1.24 `undefined: trace\.NewFlightRecorder`
	if err := fr.Start(); err != nil {
		panic(err)
	}
	fmt.Println("recording:", fr.Enabled(), trace.IsEnabled())

	for range 100_000 {
		sink = make([]byte, 1024) // the work being watched
	}

	// Something went wrong: snapshot the window.
	var snap bytes.Buffer
	n, err := fr.WriteTo(&snap)
	fmt.Println("snapshot:", n > 0, n == int64(snap.Len()), err)
	fmt.Printf("header: %q\n", snap.Bytes()[:13])

	other := trace.NewFlightRecorder(cfg) // want go1.24 `undefined: trace\.NewFlightRecorder`
	fmt.Println("second recorder:", other.Start())

	fr.Stop()
	_, err = fr.WriteTo(&snap)
	fmt.Println("after Stop:", fr.Enabled(), err)
}

// want go1.25+ stdout `^recording: true true$`
// want go1.25+ stdout `^snapshot: true true <nil>$`
// want go1.25 stdout `^header: "go 1\.25 trace"$`
// want go1.26+ stdout `^header: "go 1\.26 trace"$`
// want go1.25+ stdout `^second recorder: flight recorder already enabled$`
// want go1.25+ stdout `^after Stop: false cannot snapshot a disabled flight recorder$`
