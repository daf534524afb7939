// The layout of a three-field log event and of structs holding an
// any. An int64 and two strings (two words each) make 40 bytes.
// An interface is two words aligned to the word size, 8 bytes on
// 64-bit platforms: after a bool it starts at offset 8, not 16.
package main

import (
	"fmt"
	"unsafe"
)

type LogEvent struct {
	Timestamp int64  `json:"ts"`
	Level     string `json:"level"`
	Message   string `json:"msg"`
}

type Tagged struct {
	Set   bool
	Value any
}

// Padded wastes 14 bytes: 7 after A, 7 after B.
type Padded struct {
	A bool
	V any
	B bool
}

type Packed struct {
	V    any
	A, B bool
}

func main() {
	var e LogEvent
	fmt.Println("LogEvent:", unsafe.Sizeof(e),
		"bytes, aligned to", unsafe.Alignof(e))
	fmt.Println("  offsets:", unsafe.Offsetof(e.Timestamp),
		unsafe.Offsetof(e.Level), unsafe.Offsetof(e.Message))
	var t Tagged
	fmt.Println("Tagged:", unsafe.Sizeof(t),
		"bytes, Value at offset", unsafe.Offsetof(t.Value),
		"aligned to", unsafe.Alignof(t.Value))
	fmt.Println("Padded:", unsafe.Sizeof(Padded{}), "bytes")
	fmt.Println("Packed:", unsafe.Sizeof(Packed{}), "bytes")
	// Output:
	// LogEvent: 40 bytes, aligned to 8
	//   offsets: 0 8 24
	// Tagged: 24 bytes, Value at offset 8 aligned to 8
	// Padded: 32 bytes
	// Packed: 24 bytes
}
