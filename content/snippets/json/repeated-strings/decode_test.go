//playbook:options benchtime=200ms count=5

// Since Go 1.27, encoding/json runs on the v2 decoder, which
// keeps a small cache of the strings it has made and hands the
// same string back when the same bytes come again. A benchmark
// that decodes one document over and over measures the cache:
// every string hits it. Documents whose IDs differ pay for those
// strings again.
package repeated

import (
	"encoding/json"
	"fmt"
	"testing"
)

type Item struct {
	SKU string `json:"sku"`
	Qty int    `json:"qty"`
}

type Order struct {
	ID       string `json:"id"`
	Customer string `json:"customer"`
	Status   string `json:"status"`
	Currency string `json:"currency"`
	Items    []Item `json:"items"`
}

const format = `{"id": "ord-%d", "customer": "c-%d",
	"status": "paid", "currency": "EUR",
	"items": [{"sku": "A-%d", "qty": 2},
		{"sku": "B-%d", "qty": 1}]}`

// 4,096 documents, each with four strings of its own.
var docs = func() [][]byte {
	ds := make([][]byte, 4096)
	for i := range ds {
		ds[i] = fmt.Appendf(nil, format, i, i, i, i)
	}
	return ds
}()

// The same document every time.
//
// want go1.26 BenchmarkSameDoc allocs/op == 16
// want go1.27+ BenchmarkSameDoc allocs/op == 3
func BenchmarkSameDoc(b *testing.B) {
	for b.Loop() {
		var o Order
		if err := json.Unmarshal(docs[0], &o); err != nil {
			b.Fatal(err)
		}
	}
}

// A different document each time: "paid" and "EUR" still come
// from the cache, the four IDs cannot.
//
// want go1.26 BenchmarkDistinctDocs allocs/op == 16
// want go1.27+ BenchmarkDistinctDocs allocs/op == 7
func BenchmarkDistinctDocs(b *testing.B) {
	i := 0
	for b.Loop() {
		var o Order
		err := json.Unmarshal(docs[i%len(docs)], &o)
		if err != nil {
			b.Fatal(err)
		}
		i++
	}
}
