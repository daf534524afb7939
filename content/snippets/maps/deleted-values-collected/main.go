// Once delete returns, the map holds nothing of the entry: the slot
// is zeroed, so the value it pointed to is garbage like any other and
// the next collection frees it. The same holds for a value replaced
// by an assignment and for everything clear removes. Cleanups (Go
// 1.24) and weak pointers (Go 1.24) make that visible.
package main

import (
	"fmt"
	"runtime"
	"slices"
	"time"
	"weak"
)

type session struct {
	user string
	data [1024]byte
}

func main() {
	m := map[string]*session{}

	freed := make(chan string, 3)
	track := func(key string) *session {
		s := &session{user: key}
		runtime.AddCleanup(s, func(k string) { freed <- k }, key)
		return s
	}

	m["deleted"] = track("deleted")
	m["replaced"] = track("replaced")
	m["kept"] = track("kept")
	w := weak.Make(m["deleted"])

	delete(m, "deleted")
	m["replaced"] = &session{user: "new"}
	runtime.GC()

	fmt.Println("weak pointer to the deleted value:", w.Value())
	var collected []string
	for range 2 {
		select {
		// Cleanups run on a goroutine of their own, shortly after the
		// GC.
		case k := <-freed:
			collected = append(collected, k)
		case <-time.After(5 * time.Second):
			collected = append(collected, "(timed out)")
		}
	}
	slices.Sort(collected)
	fmt.Println("collected:", collected)
	fmt.Println("still in the map:", m["kept"].user)
	// Output:
	// weak pointer to the deleted value: <nil>
	// collected: [deleted replaced]
	// still in the map: kept
}
