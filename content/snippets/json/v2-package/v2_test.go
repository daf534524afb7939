//playbook:options benchtime=200ms count=5

// encoding/json/v2 imports without any setting on Go 1.27; on Go
// 1.26 it exists only under GOEXPERIMENT=jsonv2. Its defaults are
// stricter than v1's: names match exactly and duplicate names are
// an error. encoding/json (v1) on Go 1.27 runs on the same code,
// with v1's rules, and allocates the same.
package v2pkg

import (
	v1 "encoding/json"
	"encoding/json/v2" // want go1.26 "package encoding/json/v2 is not in the standard library"
	"fmt"
	"testing"
)

type Order struct {
	ID     int64  `json:"id"`
	Status string `json:"status"`
}

var doc = []byte(`{"ID": 7, "status": "paid", "note": "x"}`)

func Example() {
	var a, b, c Order
	err := v1.Unmarshal(doc, &a)
	fmt.Printf("v1:           %+v %v\n", a, err)
	err = json.Unmarshal(doc, &b)
	fmt.Printf("v2:           %+v %v\n", b, err)
	anyCase := json.MatchCaseInsensitiveNames(true)
	err = json.Unmarshal(doc, &c, anyCase)
	fmt.Printf("v2, any case: %+v %v\n", c, err)

	dup := []byte(`{"id": 1, "status": "paid", "status": "void"}`)
	var d, e Order
	fmt.Println("v1 duplicate:", v1.Unmarshal(dup, &d), d.Status)
	fmt.Println("v2 duplicate:", json.Unmarshal(dup, &e))
	// Output:
	// v1:           {ID:7 Status:paid} <nil>
	// v2:           {ID:0 Status:paid} <nil>
	// v2, any case: {ID:7 Status:paid} <nil>
	// v1 duplicate: <nil> void
	// v2 duplicate: jsontext: duplicate object member name "status"
}

var order = []byte(`{"id": 12345, "status": "paid",
	"currency": "EUR", "items": [{"sku": "A-1", "qty": 2},
	{"sku": "B-7", "qty": 1}]}`)

// want BenchmarkV1 allocs/op == 1
// want BenchmarkV1 B/op == 24
func BenchmarkV1(b *testing.B) {
	for b.Loop() {
		var o Order
		if err := v1.Unmarshal(order, &o); err != nil {
			b.Fatal(err)
		}
	}
}

// want BenchmarkV2 allocs/op == 1
// want BenchmarkV2 B/op == 24
func BenchmarkV2(b *testing.B) {
	for b.Loop() {
		var o Order
		if err := json.Unmarshal(order, &o); err != nil {
			b.Fatal(err)
		}
	}
}
