// Decoded into map[string]any, every JSON number becomes a float64:
// an integer ID is no longer an int, and above 2^53 it is not even
// the same number. A struct field says what the value is, and the
// decoder fills it exactly.
package main

import (
	"encoding/json"
	"fmt"
)

var doc = []byte(`{"id": 9007199254740993, "qty": 2}`)

func main() {
	var m map[string]any
	if err := json.Unmarshal(doc, &m); err != nil {
		panic(err)
	}
	fmt.Printf("map:    id is %T %.0f\n", m["id"], m["id"])
	_, isInt := m["qty"].(int)
	fmt.Println("map:    qty.(int) ok:", isInt)

	var s struct {
		ID  int64 `json:"id"`
		Qty int   `json:"qty"`
	}
	if err := json.Unmarshal(doc, &s); err != nil {
		panic(err)
	}
	fmt.Printf("struct: id is %T %d\n", s.ID, s.ID)
	// Output:
	// map:    id is float64 9007199254740992
	// map:    qty.(int) ok: false
	// struct: id is int64 9007199254740993
}
