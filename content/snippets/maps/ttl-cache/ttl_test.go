// A cache bounded by time instead of size: every entry expires ttl
// after it was written, and a periodic sweep deletes what has
// expired. With a steady stream of new keys the cache holds about
// rate × ttl entries, however long the process runs. The clock is
// simulated here; in a service the sweep runs from a time.Ticker.
package ttlcache

import (
	"fmt"
	"time"
)

type entry struct {
	value   []byte
	expires time.Time
}

type ttlCache struct {
	ttl   time.Duration
	items map[string]entry
}

func (c *ttlCache) put(now time.Time, k string, v []byte) {
	c.items[k] = entry{value: v, expires: now.Add(c.ttl)}
}

func (c *ttlCache) get(now time.Time, k string) ([]byte, bool) {
	e, ok := c.items[k]
	if !ok || now.After(e.expires) {
		return nil, false // expired: invisible even before the sweep
	}
	return e.value, true
}

// sweep deletes every expired entry; deleting while ranging is
// allowed.
func (c *ttlCache) sweep(now time.Time) {
	for k, e := range c.items {
		if now.After(e.expires) {
			delete(c.items, k)
		}
	}
}

func Example() {
	c := &ttlCache{ttl: 10 * time.Second, items: map[string]entry{}}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for sec := 1; sec <= 120; sec++ {
		now := start.Add(time.Duration(sec) * time.Second)
		for i := range 100 { // 100 new keys per second
			c.put(now, fmt.Sprintf("req-%d-%d", sec, i), nil)
		}
		c.sweep(now) // once a second
		if sec%30 == 0 {
			fmt.Printf("after %3d s: %d entries\n", sec, len(c.items))
		}
	}
	// Written at 110 s, expired at 120 s; the sweep at 120 s kept it
	// (it was not yet past its expiry), and the next sweep is at 121 s.
	later := start.Add(120*time.Second + 500*time.Millisecond)
	_, inMap := c.items["req-110-0"]
	_, served := c.get(later, "req-110-0")
	fmt.Println("expired, not yet swept: in the map", inMap, "- served", served)
	// Output:
	// after  30 s: 1100 entries
	// after  60 s: 1100 entries
	// after  90 s: 1100 entries
	// after 120 s: 1100 entries
	// expired, not yet swept: in the map true - served false
}
