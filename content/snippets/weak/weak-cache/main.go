// A cache that does not keep its values alive: it maps keys to
// weak pointers, and a cleanup attached to each value deletes its
// key once the garbage collector has freed the value. weak and
// AddCleanup are new in Go 1.24.
package main

import (
	"fmt"
	"runtime"
	"sync"
	"weak" // want go1.23 "package weak is not in the standard library"
)

type Image struct {
	Name   string
	Pixels []byte
}

type Cache struct {
	mu      sync.Mutex
	entries map[string]weak.Pointer[Image]
	evicted chan string
}

func (c *Cache) Put(img *Image) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[img.Name] = weak.Make(img)
	runtime.AddCleanup(img, c.evict, img.Name)
}

// evict runs after the image is freed. The key may hold a newer
// image by then: delete it only if its pointer is dead.
func (c *Cache) evict(name string) {
	c.mu.Lock()
	if c.entries[name].Value() == nil {
		delete(c.entries, name)
	}
	c.mu.Unlock()
	c.evicted <- name
}

func (c *Cache) Get(name string) *Image {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.entries[name].Value() // nil if absent or collected
}

func main() {
	c := &Cache{
		entries: map[string]weak.Pointer[Image]{},
		evicted: make(chan string, 1),
	}
	hero := &Image{Name: "hero.png", Pixels: make([]byte, 1<<20)}
	c.Put(hero)
	c.Put(&Image{Name: "thumb.png", Pixels: make([]byte, 1<<10)})
	fmt.Println("before GC:", c.Get("thumb.png") != nil)

	// thumb.png is unreachable: freed, its weak pointer nil.
	runtime.GC()
	fmt.Println("after GC: ", c.Get("thumb.png") != nil)
	fmt.Println("evicted:  ", <-c.evicted)
	fmt.Println("hero.png: ", c.Get("hero.png") == hero)
	fmt.Println("entries:  ", len(c.entries))
	same := weak.Make(hero) == c.entries["hero.png"]
	fmt.Println("same weak pointer:", same)
	// Output:
	// before GC: true
	// after GC:  false
	// evicted:   thumb.png
	// hero.png:  true
	// entries:   1
	// same weak pointer: true
}

// want go1.24 stdout "^evicted:   thumb.png$"
