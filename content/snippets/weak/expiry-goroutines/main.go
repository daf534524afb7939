// Three ways to drop cache entries when something ends. A
// goroutine per key waiting on ctx.Done() holds a goroutine and
// its stack per entry until the context ends. context.AfterFunc
// (Go 1.21) and time.AfterFunc register a function and start a
// goroutine only when it runs.
package main

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"
)

const keys = 10_000

type cache struct {
	mu sync.Mutex
	m  map[int]string
	wg sync.WaitGroup
}

func (c *cache) put(k int) {
	c.mu.Lock()
	c.m[k] = "v"
	c.mu.Unlock()
	c.wg.Add(1)
}

func (c *cache) drop(k int) {
	c.mu.Lock()
	delete(c.m, k)
	c.mu.Unlock()
	c.wg.Done()
}

// settle waits for finished goroutines to exit.
func settle(base int) {
	for runtime.NumGoroutine() > base {
		time.Sleep(time.Millisecond)
	}
}

func stackMiB() float64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return float64(ms.StackInuse) / (1 << 20)
}

func main() {
	c := &cache{m: map[int]string{}}
	base, stack := runtime.NumGoroutine(), stackMiB()

	// A watcher goroutine per key.
	ctx, cancel := context.WithCancel(context.Background())
	for k := range keys {
		c.put(k)
		go func() {
			<-ctx.Done()
			c.drop(k)
		}()
	}
	fmt.Println("goroutine per key: goroutines",
		runtime.NumGoroutine()-base)
	fmt.Printf("  stacks +%.0f MiB\n", stackMiB()-stack)
	cancel()
	c.wg.Wait()
	settle(base)
	fmt.Println("  entries left:", len(c.m))

	// context.AfterFunc: nothing runs until the context ends.
	ctx, cancel = context.WithCancel(context.Background())
	for k := range keys {
		c.put(k)
		context.AfterFunc(ctx, func() { c.drop(k) })
	}
	fmt.Println("context.AfterFunc: goroutines",
		runtime.NumGoroutine()-base)
	cancel()
	c.wg.Wait()
	settle(base)
	fmt.Println("  entries left:", len(c.m))

	// time.AfterFunc: a timer per key, a TTL.
	for k := range keys {
		c.put(k)
		time.AfterFunc(200*time.Millisecond, func() { c.drop(k) })
	}
	fmt.Println("time.AfterFunc: goroutines",
		runtime.NumGoroutine()-base)
	c.wg.Wait()
	settle(base)
	fmt.Println("  entries left:", len(c.m))
	// Output:
	// goroutine per key: goroutines 10000
	//   stacks +20 MiB
	//   entries left: 0
	// context.AfterFunc: goroutines 0
	//   entries left: 0
	// time.AfterFunc: goroutines 0
	//   entries left: 0
}
