//playbook:options benchtime=200ms count=5

// An event envelope whose payload depends on its "type". Decoding
// the whole document into a map, into the full typed event, into
// an envelope that keeps the payload as json.RawMessage (decoded
// later, into the type the envelope names), and into only the
// "type" field.
package envelope

import (
	"encoding/json"
	"testing"
)

var doc = []byte(`{
	"type": "order.paid", "id": "evt-7781",
	"time": "2026-03-01T10:15:00Z",
	"data": {
		"id": 12345, "customer": "c-981", "status": "paid",
		"currency": "EUR", "total": 149.90,
		"items": [
			{"sku": "A-1", "qty": 2, "price": 19.95},
			{"sku": "B-7", "qty": 1, "price": 110.00}
		]
	}
}`)

type Item struct {
	SKU   string  `json:"sku"`
	Qty   int     `json:"qty"`
	Price float64 `json:"price"`
}

type Order struct {
	ID       int64   `json:"id"`
	Customer string  `json:"customer"`
	Status   string  `json:"status"`
	Currency string  `json:"currency"`
	Total    float64 `json:"total"`
	Items    []Item  `json:"items"`
}

type Event struct {
	Type string `json:"type"`
	ID   string `json:"id"`
	Time string `json:"time"`
	Data Order  `json:"data"`
}

// RawEvent keeps the payload's bytes to decode once the type is
// known.
type RawEvent struct {
	Type string          `json:"type"`
	ID   string          `json:"id"`
	Data json.RawMessage `json:"data"`
}

type TypeOnly struct {
	Type string `json:"type"`
}

func decode(b *testing.B, data []byte, v any) {
	if err := json.Unmarshal(data, v); err != nil {
		b.Fatal(err)
	}
}

// want go1.26 BenchmarkMap allocs/op == 63
// want go1.27+ BenchmarkMap allocs/op == 59
// want BenchmarkMap B/op >= 1900
func BenchmarkMap(b *testing.B) {
	for b.Loop() {
		var v map[string]any
		decode(b, doc, &v)
	}
}

// want go1.26 BenchmarkEvent allocs/op == 19
// want go1.27+ BenchmarkEvent allocs/op == 3
// want go1.26 BenchmarkEvent B/op >= 600
// want go1.27+ BenchmarkEvent B/op <= 300
func BenchmarkEvent(b *testing.B) {
	for b.Loop() {
		var v Event
		decode(b, doc, &v)
	}
}

// want go1.26 BenchmarkRaw allocs/op == 10
// want go1.27+ BenchmarkRaw allocs/op == 2
// want go1.27+ BenchmarkRaw B/op >= 256
// want go1.27+ BenchmarkRaw ns/op < 0.6 * BenchmarkMap
func BenchmarkRaw(b *testing.B) {
	for b.Loop() {
		var v RawEvent
		decode(b, doc, &v)
	}
}

// want go1.26 BenchmarkRawThenOrder allocs/op == 25
// want go1.27+ BenchmarkRawThenOrder allocs/op == 5
func BenchmarkRawThenOrder(b *testing.B) {
	for b.Loop() {
		var v RawEvent
		decode(b, doc, &v)
		if v.Type == "order.paid" {
			var o Order
			decode(b, v.Data, &o)
		}
	}
}

// want go1.26 BenchmarkTypeOnly allocs/op == 8
// want go1.27+ BenchmarkTypeOnly allocs/op == 1
// want go1.27+ BenchmarkTypeOnly B/op == 16
func BenchmarkTypeOnly(b *testing.B) {
	for b.Loop() {
		var v TypeOnly
		decode(b, doc, &v)
	}
}

// The one allocation left on Go 1.27 is the target itself:
// Unmarshal takes an any, so &v escapes. A target that outlives
// the loop is allocated once.
//
// want go1.26 BenchmarkTypeOnlyReused allocs/op == 7
// want go1.27+ BenchmarkTypeOnlyReused allocs/op == 0
func BenchmarkTypeOnlyReused(b *testing.B) {
	var v TypeOnly
	for b.Loop() {
		v = TypeOnly{}
		decode(b, doc, &v)
	}
}
