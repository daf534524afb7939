//playbook:options benchtime=20000x count=3

// Conversions from []byte to string in the places where the compiler
// reads the original bytes instead of copying them, and in places
// where it copies. The key is 38 bytes, too long for the 32-byte
// stack buffer a copy could otherwise use.
package conv

import "testing"

const text = "/api/v1/users/12345/orders/67890/items"

var (
	key    = []byte(text)
	absent = []byte(text + "/9")
	prefix = []byte(text[:19])
	rest   = []byte(text[19:])
	other  = "/api/v2"
	str    = text
	counts = map[string]int{text: 1}
	ptrs   = map[string]*int{text: new(int)}
	sinkS  string
	sinkN  int
	sinkOK bool
)

// want BenchmarkMapLookup allocs/op == 0
func BenchmarkMapLookup(b *testing.B) {
	for b.Loop() {
		sinkN = counts[string(key)] // want `string\(key\) does not escape`
	}
}

// The conversion in a statement of its own (Go 1.25 and later).
//
//go:noinline
func lookupVia(b []byte) int {
	k := string(b) // want `string\(b\) does not escape`
	return counts[k]
}

// want go1.24 BenchmarkLookupVia allocs/op == 1
// want go1.25+ BenchmarkLookupVia allocs/op == 0
func BenchmarkLookupVia(b *testing.B) {
	for b.Loop() {
		sinkN = lookupVia(key)
	}
}

// delete with a converted key (Go 1.25 and later).
//
//go:noinline
func forget(b []byte) {
	delete(counts, string(b)) // want `string\(b\) does not escape`
}

// want go1.24 BenchmarkDelete allocs/op == 1
// want go1.25+ BenchmarkDelete allocs/op == 0
func BenchmarkDelete(b *testing.B) {
	for b.Loop() {
		forget(absent)
	}
}

// want BenchmarkCompare allocs/op == 0
func BenchmarkCompare(b *testing.B) {
	for b.Loop() {
		sinkOK = string(key) == text // want `string\(key\) does not escape`
	}
}

// want BenchmarkSwitch allocs/op == 0
func BenchmarkSwitch(b *testing.B) {
	for b.Loop() {
		switch string(key) { // want `string\(key\) does not escape`
		case "/":
			sinkN = 1
		case text:
			sinkN = 2
		}
	}
}

// A case that is not a constant: the switch converts once, a copy.
//
// want BenchmarkSwitchVar allocs/op == 1
// want BenchmarkSwitchVar B/op == 48
func BenchmarkSwitchVar(b *testing.B) {
	for b.Loop() {
		switch string(key) { // want `string\(key\) does not escape`
		case other:
			sinkN = 1
		case text:
			sinkN = 2
		}
	}
}

// want BenchmarkRange allocs/op == 0
func BenchmarkRange(b *testing.B) {
	for b.Loop() {
		n := 0
		for _, c := range []byte(str) { // want `\(\[\]byte\)\(str\) does not escape`
			n += int(c)
		}
		sinkN = n
	}
}

// want BenchmarkConcatCompare allocs/op == 1
// want BenchmarkConcatCompare B/op == 48
func BenchmarkConcatCompare(b *testing.B) {
	for b.Loop() {
		sinkOK = string(prefix)+string(rest) == text
	}
}

// want BenchmarkCompareParts allocs/op == 0
func BenchmarkCompareParts(b *testing.B) {
	for b.Loop() {
		sinkOK = len(prefix)+len(rest) == len(text) &&
			string(prefix) == text[:len(prefix)] &&
			string(rest) == text[len(prefix):]
	}
}

// The key is already in the map, and still copied on every call.
//
// want BenchmarkMapIncrement allocs/op == 1
// want BenchmarkMapIncrement B/op == 48
func BenchmarkMapIncrement(b *testing.B) {
	for b.Loop() {
		counts[string(key)]++ // want `string\(key\) escapes to heap`
	}
}

// Pointer values: look up, and convert only to insert a new key.
//
// want BenchmarkPointerIncrement allocs/op == 0
func BenchmarkPointerIncrement(b *testing.B) {
	for b.Loop() {
		if p := ptrs[string(key)]; p != nil {
			*p++
		} else {
			ptrs[string(key)] = new(int)
		}
	}
}

// want BenchmarkStore allocs/op == 1
// want BenchmarkStore B/op == 48
func BenchmarkStore(b *testing.B) {
	for b.Loop() {
		sinkS = string(key) // want `string\(key\) escapes to heap`
	}
}
