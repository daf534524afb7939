// A first look at a process whose memory grows: read the runtime's
// memory classes twice and say which one grew. This program grows
// in two ways, one after the other: 2,000 goroutines that block
// forever with about 24 KiB of frames each, then a map that keeps
// 20 MiB of values.
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
)

var names = []string{
	"/memory/classes/total:bytes",
	"/memory/classes/heap/objects:bytes",
	"/memory/classes/heap/stacks:bytes",
	"/memory/classes/heap/free:bytes",
	"/memory/classes/heap/released:bytes",
	"/sched/goroutines:goroutines",
}

// sample reads the metrics above, and checks that the memory
// classes (all the other /memory/classes/ metrics) add up to the
// total: the runtime accounts for every byte it has mapped.
func sample() []uint64 {
	var parts []metrics.Sample
	for _, d := range metrics.All() {
		if strings.HasPrefix(d.Name, "/memory/classes/") &&
			d.Name != names[0] {
			parts = append(parts, metrics.Sample{Name: d.Name})
		}
	}
	s := make([]metrics.Sample, len(names))
	for i, n := range names {
		s[i].Name = n
	}
	all := append(s, parts...)
	metrics.Read(all)
	var sum uint64
	for _, p := range all[len(s):] {
		sum += p.Value.Uint64()
	}
	out := make([]uint64, len(s))
	for i, x := range all[:len(s)] {
		out[i] = x.Value.Uint64()
	}
	if sum != out[0] {
		panic("memory classes do not add up")
	}
	return out
}

// classify names the class that grew most between two samples.
func classify(a, b []uint64) string {
	mib := func(i int) int64 {
		return (int64(b[i]) - int64(a[i])) >> 20
	}
	heap, stacks := mib(1), mib(2)
	kept := mib(3) + mib(4) // freed heap, returned to the OS or not
	g := int64(b[5]) - int64(a[5])
	switch {
	case stacks > heap && stacks > kept:
		return fmt.Sprintf("goroutine stacks, +%d MiB "+
			"(%+d goroutines, %d KiB each)", stacks, g, stacks<<10/g)
	case heap > kept:
		return fmt.Sprintf("live heap objects, +%d MiB", heap)
	default:
		return fmt.Sprintf("free heap pages, +%d MiB", kept)
	}
}

// deep blocks forever with about 24 KiB of frames on its stack.
func deep(n int, block chan int) int {
	var pad [256]byte
	if n == 0 {
		return <-block + int(pad[0])
	}
	return deep(n-1, block) + int(pad[n%256])
}

var cache = map[int][]byte{}

func main() {
	runtime.GC()
	s0 := sample()
	block := make(chan int)
	for range 2000 {
		go deep(80, block)
	}
	for runtime.NumGoroutine() < 2001 {
		runtime.Gosched()
	}
	runtime.GC()
	s1 := sample()
	for i := range 20 << 10 {
		cache[i] = make([]byte, 1024)
	}
	runtime.GC()
	s2 := sample()
	fmt.Println("after the goroutines:", classify(s0, s1))
	fmt.Println("after the cache:", classify(s1, s2))

	// Outside Go: resident memory (RSS) beyond what the runtime has
	// mapped and not released is memory Go does not account for
	// (cgo, the binary, mmap by hand).
	rss := residentMiB()
	goMiB := (s2[0] - s2[4]) >> 20
	fmt.Println("RSS at most Go's memory + 16 MiB:", rss <= goMiB+16)
}

// residentMiB reads VmRSS from /proc/self/status (Linux).
func residentMiB() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		panic(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kib, _ := strconv.ParseUint(
				strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kib >> 10
		}
	}
	panic("no VmRSS")
}

// want stdout `^after the goroutines: goroutine stacks, \+[56][0-9] MiB \(\+2000 goroutines, (2[5-9]|3[0-2]) KiB each\)$`
// want stdout `^after the cache: live heap objects, \+2[0-9] MiB$`
// want stdout `^RSS at most Go's memory \+ 16 MiB: true$`
