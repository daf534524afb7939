//playbook:options go=1.26-1.27

// encoding/json's behaviour is the same on Go 1.26 (its own
// decoder) and Go 1.27 (the v2 decoder with v1's options): names
// match in any case, the last duplicate wins, unknown fields are
// ignored, numbers in an any are float64, and the error messages
// are the same.
package main

import (
	"encoding/json"
	"fmt"
)

type Order struct {
	ID     int64  `json:"id"`
	Status string `json:"status"`
}

func main() {
	doc := []byte(`{"ID": 7, "status": "paid", "status": "void",
		"note": "ignored"}`)
	var o Order
	err := json.Unmarshal(doc, &o)
	fmt.Printf("%+v %v\n", o, err)

	var m map[string]any
	err = json.Unmarshal([]byte(`{"n": 12}`), &m)
	fmt.Printf("%T %v\n", m["n"], err)

	err = json.Unmarshal([]byte(`{"id": "7"}`), &o)
	fmt.Println(err)
}

// want stdout "^{ID:7 Status:void} <nil>$"
// want stdout "^float64 <nil>$"
// want stdout "^json: cannot unmarshal string into Go struct field Order\\.id of type int64$"
