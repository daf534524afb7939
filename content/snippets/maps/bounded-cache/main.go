// A long-lived map used as a cache, with no rule for removing
// entries, grows with every new key for as long as the process runs.
// A size cap turns that growth into a plateau.
package main

import (
	"fmt"
	"runtime"
	"runtime/metrics"
)

// unbounded keeps every response it has ever seen.
type unbounded map[string][]byte

func (c unbounded) put(k string, v []byte) { c[k] = v }

// bounded keeps at most len(order) entries and evicts the oldest one
// (FIFO) to make room.
type bounded struct {
	items map[string][]byte
	order []string // the keys in insertion order, as a ring
	next  int      // the slot of the oldest key
}

func newBounded(max int) *bounded {
	return &bounded{
		items: make(map[string][]byte, max),
		order: make([]string, 0, max),
	}
}

func (c *bounded) put(k string, v []byte) {
	if _, ok := c.items[k]; !ok {
		if len(c.order) < cap(c.order) {
			c.order = append(c.order, k)
		} else {
			delete(c.items, c.order[c.next])
			c.order[c.next] = k
			c.next = (c.next + 1) % len(c.order)
		}
	}
	c.items[k] = v
}

func heapMiB() float64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return float64(s[0].Value.Uint64()) / (1 << 20)
}

// serve sends 100,000 requests, each with a new key, through put and
// samples the live heap.
func serve(put func(k string, v []byte)) (samples []float64) {
	base := heapMiB()
	for i := 1; i <= 100_000; i++ {
		put(fmt.Sprintf("session-%d", i), make([]byte, 512))
		if i%20_000 == 0 {
			samples = append(samples, heapMiB()-base)
		}
	}
	return samples
}

func main() {
	u := serve(unbounded{}.put)
	b := serve(newBounded(10_000).put)
	fmt.Println("requests  unbounded  bounded")
	for i := range u {
		n := (i + 1) * 20_000
		fmt.Printf("%8d  %5.0f MiB  %3.0f MiB\n", n, u[i], b[i])
	}
}

// want stdout `^ +20000 +1[0-9] MiB +[3-7] MiB$`
// want stdout `^ +100000 +5[0-9] MiB +[3-7] MiB$`
