//playbook:options benchtime=100ms count=5

// Summing a 1,000-entry map[int]int with range and with
// reflection. What allocates in reflect is not the iterator but
// Key and Value, which return each key and value in a new
// reflect.Value; an iterator allocates only when it escapes, and
// Reset lets one be reused.
package reflectiter

import (
	"reflect"
	"testing"
)

var m = func() map[int]int {
	m := make(map[int]int, 1000)
	for i := range 1000 {
		m[i] = i
	}
	return m
}()

var sink int

// want BenchmarkRange allocs/op == 0
// want BenchmarkRange ns/op < 0.7 * BenchmarkSetIterKey
func BenchmarkRange(b *testing.B) {
	for b.Loop() {
		s := 0
		for k, v := range m {
			s += k + v
		}
		sink = s
	}
}

// Key and Value copy each int into a new allocation: 2 per entry.
//
// want BenchmarkKeyValue allocs/op == 2000
// want BenchmarkKeyValue B/op == 16000
func BenchmarkKeyValue(b *testing.B) {
	rv := reflect.ValueOf(m)
	for b.Loop() {
		s := 0
		it := rv.MapRange()
		for it.Next() {
			s += int(it.Key().Int() + it.Value().Int())
		}
		sink = s
	}
}

// SetIterKey and SetIterValue (Go 1.18) copy into Values made
// once.
//
// want BenchmarkSetIterKey allocs/op == 0
func BenchmarkSetIterKey(b *testing.B) {
	rv := reflect.ValueOf(m)
	k := reflect.New(rv.Type().Key()).Elem()
	v := reflect.New(rv.Type().Elem()).Elem()
	for b.Loop() {
		s := 0
		it := rv.MapRange()
		for it.Next() {
			k.SetIterKey(it)
			v.SetIterValue(it)
			s += int(k.Int() + v.Int())
		}
		sink = s
	}
}

type walker struct{ it *reflect.MapIter }

var w walker

// An iterator kept in a long-lived struct escapes: 128 bytes a
// walk.
//
// want BenchmarkIterEscapes allocs/op == 1
// want BenchmarkIterEscapes B/op == 128
func BenchmarkIterEscapes(b *testing.B) {
	rv := reflect.ValueOf(m)
	for b.Loop() {
		w.it = rv.MapRange()
		for w.it.Next() {
		}
	}
}

// want BenchmarkIterReset allocs/op == 0
func BenchmarkIterReset(b *testing.B) {
	rv := reflect.ValueOf(m)
	w.it = new(reflect.MapIter)
	for b.Loop() {
		w.it.Reset(rv)
		for w.it.Next() {
		}
	}
}

// MapKeys builds a []reflect.Value (24 bytes each) of copied
// keys.
//
// want BenchmarkMapKeys allocs/op == 1001
// want BenchmarkMapKeys B/op == 32576
func BenchmarkMapKeys(b *testing.B) {
	rv := reflect.ValueOf(m)
	for b.Loop() {
		sink = len(rv.MapKeys())
	}
}
