//go:build go1.25

package main

import "runtime/trace"

func init() {
	fr := trace.NewFlightRecorder(trace.FlightRecorderConfig{})
	if err := fr.Start(); err != nil {
		panic(err)
	}
	found = append(found, "1.25 FlightRecorder: started")
	fr.Stop()
}
