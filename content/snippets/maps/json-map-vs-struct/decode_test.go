//playbook:options benchtime=200ms count=5

// Decoding the same JSON document three ways. Into map[string]any
// every object becomes a map, every number a float64 and every value
// an interface; into a struct the fields are written in place, and
// fields the struct does not declare are skipped without being
// stored.
package jsondecode

import (
	"encoding/json"
	"testing"
)

var doc = []byte(`{
	"id": 12345, "customer": "c-981", "status": "paid",
	"currency": "EUR", "total": 149.90,
	"created": "2026-03-01T10:15:00Z",
	"items": [
		{"sku": "A-1", "qty": 2, "price": 19.95},
		{"sku": "B-7", "qty": 1, "price": 110.00}
	]
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
	Created  string  `json:"created"`
	Items    []Item  `json:"items"`
}

// OrderStatus declares only what this caller reads.
type OrderStatus struct {
	ID     int64  `json:"id"`
	Status string `json:"status"`
}

// want go1.26 BenchmarkMap allocs/op == 57
// want go1.26 BenchmarkMap B/op == 1720
// want go1.26 BenchmarkStruct allocs/op == 16
// want go1.26 BenchmarkStruct B/op == 552
// want go1.26 BenchmarkStructTwoFields allocs/op == 8
// want go1.26 BenchmarkStructTwoFields B/op == 296
// want go1.27+ BenchmarkMap allocs/op == 49
// want go1.27+ BenchmarkMap B/op == 1560
// want go1.27+ BenchmarkStruct allocs/op == 3
// want go1.27+ BenchmarkStruct B/op == 208
// want go1.27+ BenchmarkStructTwoFields allocs/op == 1
// want go1.27+ BenchmarkStructTwoFields B/op == 24
// want BenchmarkStructTwoFields ns/op < 0.8 * BenchmarkMap
func BenchmarkMap(b *testing.B) {
	for b.Loop() {
		var v map[string]any
		if err := json.Unmarshal(doc, &v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStruct(b *testing.B) {
	for b.Loop() {
		var v Order
		if err := json.Unmarshal(doc, &v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStructTwoFields(b *testing.B) {
	for b.Loop() {
		var v OrderStatus
		if err := json.Unmarshal(doc, &v); err != nil {
			b.Fatal(err)
		}
	}
}
