// Four ways to share a map between goroutines. Each is a set of int
// counters with Get and Set.
package designs

import "sync"

// mutexMap: one lock for everything; readers wait for each other too.
type mutexMap struct {
	mu sync.Mutex
	m  map[int]int
}

func (c *mutexMap) Get(k int) (int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[k]
	return v, ok
}

func (c *mutexMap) Set(k, v int) {
	c.mu.Lock()
	c.m[k] = v
	c.mu.Unlock()
}

// rwMap: readers share the lock; a writer excludes everyone.
type rwMap struct {
	mu sync.RWMutex
	m  map[int]int
}

func (c *rwMap) Get(k int) (int, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	v, ok := c.m[k]
	return v, ok
}

func (c *rwMap) Set(k, v int) {
	c.mu.Lock()
	c.m[k] = v
	c.mu.Unlock()
}

// syncMap: sync.Map, untyped: keys and values are stored as
// interfaces.
type syncMap struct{ m sync.Map }

func (c *syncMap) Get(k int) (int, bool) {
	v, ok := c.m.Load(k)
	if !ok {
		return 0, false
	}
	return v.(int), true
}

func (c *syncMap) Set(k, v int) { c.m.Store(k, v) }

// shardedMap: 64 independent rwMaps; a key always goes to the same
// shard, so goroutines working on different keys rarely meet on the
// same lock.
type shardedMap struct {
	shards [64]rwMap
}

func (c *shardedMap) shard(k int) *rwMap {
	return &c.shards[uint(k)%64]
}

func (c *shardedMap) Get(k int) (int, bool) {
	return c.shard(k).Get(k)
}

func (c *shardedMap) Set(k, v int) {
	c.shard(k).Set(k, v)
}

func newShardedMap() *shardedMap {
	c := &shardedMap{}
	for i := range c.shards {
		c.shards[i].m = make(map[int]int)
	}
	return c
}
