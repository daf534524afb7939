//playbook:options race

// A read and a write of the same map in two goroutines, with nothing
// ordering them. They rarely overlap in time, so the runtime's own
// check almost never fires, and the program seems to work. The race
// detector (-race) reports it on every run.
package main

import "fmt"

var settings = map[string]string{"mode": "fast"}

func main() {
	done := make(chan struct{})
	go func() {
		settings["mode"] = "safe" // written here...
		close(done)
	}()
	fmt.Println(settings["mode"]) // ...read here: "fast" or "safe"
	<-done
}

// want error race_detected
// want exit 66
// want stderr "WARNING: DATA RACE"
// want stderr "Write at [\\s\\S]*main\\.main\\.func1\\(\\)[\\s\\S]*Previous read at|Read at [\\s\\S]*main\\.main\\(\\)[\\s\\S]*Previous write at"
// want stdout "^(fast|safe)$"
