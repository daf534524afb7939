package main

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
)

// A minimal reader of the pprof format (profile.proto): just the
// fields needed to charge inuse_space to the innermost frame of each
// sample, as `go tool pprof -top` does for its flat column.

// field is one field of a protobuf message: a varint, or the bytes of
// a length-delimited value (a string, a message or a packed list).
type field struct {
	num    int
	varint uint64
	data   []byte
	isData bool
}

func parse(b []byte) []field {
	var fs []field
	for len(b) > 0 {
		key, n := binary.Uvarint(b)
		b = b[n:]
		f := field{num: int(key >> 3)}
		switch key & 7 {
		case 0:
			f.varint, n = binary.Uvarint(b)
			b = b[n:]
		case 2:
			size, n := binary.Uvarint(b)
			f.data, f.isData = b[n:n+int(size)], true
			b = b[n+int(size):]
		default:
			panic("a wire type runtime/pprof does not write")
		}
		fs = append(fs, f)
	}
	return fs
}

// ints returns the values of a repeated integer field, packed or not.
func ints(fs []field, num int) []uint64 {
	var out []uint64
	for _, f := range fs {
		switch {
		case f.num != num:
		case !f.isData:
			out = append(out, f.varint)
		default:
			for b := f.data; len(b) > 0; {
				v, n := binary.Uvarint(b)
				out = append(out, v)
				b = b[n:]
			}
		}
	}
	return out
}

// one returns the value of an integer field; an absent field is 0.
func one(fs []field, num int) uint64 {
	if v := ints(fs, num); len(v) > 0 {
		return v[0]
	}
	return 0
}

// messages returns the sub-messages (or strings) of a repeated field.
func messages(fs []field, num int) [][]field {
	var out [][]field
	for _, f := range fs {
		if f.num == num {
			out = append(out, parse(f.data))
		}
	}
	return out
}

// inUseByLeaf sums a gzipped heap profile's inuse_space by the
// innermost frame of each sample, as "function (line n)".
func inUseByLeaf(gz []byte) map[string]int64 {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		panic(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		panic(err)
	}
	p := parse(raw)
	var str []string // Profile.string_table = 6
	for _, f := range p {
		if f.num == 6 {
			str = append(str, string(f.data))
		}
	}
	inUse := -1                         // the index of inuse_space in Sample.value
	for i, vt := range messages(p, 1) { // Profile.sample_type = 1
		if str[one(vt, 1)] == "inuse_space" { // ValueType.type = 1
			inUse = i
		}
	}
	fn := map[uint64]string{} // Profile.function = 5: id 1, name 2
	for _, f := range messages(p, 5) {
		fn[one(f, 1)] = str[one(f, 2)]
	}
	leaf := map[uint64]string{} // Profile.location = 4: id 1, line 4
	for _, l := range messages(p, 4) {
		// The first Line is the innermost function, inlined or not.
		line := messages(l, 4)[0] // Line: function_id 1, line 2
		leaf[one(l, 1)] = fmt.Sprintf("%s (line %d)",
			fn[one(line, 1)], one(line, 2))
	}
	out := map[string]int64{}
	for _, s := range messages(p, 2) { // Sample: location_id 1, value 2
		if locs := ints(s, 1); len(locs) > 0 {
			out[leaf[locs[0]]] += int64(ints(s, 2)[inUse])
		}
	}
	return out
}
