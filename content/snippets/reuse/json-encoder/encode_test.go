//playbook:options benchtime=100ms count=5

// Encoding one small event to JSON, three ways. json.Marshal returns
// a new slice each call; an Encoder writes into a buffer you keep.
package jsonencoder

import (
	"bytes"
	"encoding/json"
	"io"
	"testing"
)

type event struct {
	ID    int64    `json:"id"`
	Kind  string   `json:"kind"`
	User  string   `json:"user"`
	Tags  []string `json:"tags"`
	Score float64  `json:"score"`
}

var ev = event{12345, "click", "gopher", []string{"a", "b"}, 0.5}

// The output is 72 bytes: Marshal's one allocation is the result, in
// the 80-byte size class.
//
// want BenchmarkMarshal allocs/op == 1
// want BenchmarkMarshal B/op == 80
func BenchmarkMarshal(b *testing.B) {
	for b.Loop() {
		data, err := json.Marshal(&ev)
		if err != nil {
			b.Fatal(err)
		}
		io.Discard.Write(data)
	}
}

// want BenchmarkReusedEncoder allocs/op == 0
func BenchmarkReusedEncoder(b *testing.B) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for b.Loop() {
		buf.Reset()
		if err := enc.Encode(&ev); err != nil {
			b.Fatal(err)
		}
		io.Discard.Write(buf.Bytes())
	}
}

// encode makes a new Encoder per call. NewEncoder is inlined here
// and the Encoder does not escape: it lives on encode's stack.
func encode(w *bytes.Buffer, v *event) error {
	return json.NewEncoder(w).Encode(v) // want `(&json\.Encoder\{\.\.\.\}|new\(json\.Encoder\)) does not escape`
}

// want BenchmarkEncoderPerCall allocs/op == 0
func BenchmarkEncoderPerCall(b *testing.B) {
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := encode(&buf, &ev); err != nil {
			b.Fatal(err)
		}
		io.Discard.Write(buf.Bytes())
	}
}

// The same call written straight into the b.Loop body: Go 1.24 and
// 1.25 inline nothing there, so the Encoder is allocated by a real
// call to NewEncoder. An artefact of the benchmark, not of the API.
//
// want go1.24-1.25 BenchmarkEncoderInLoop allocs/op == 1
// want go1.24-1.25 BenchmarkEncoderInLoop B/op == 96
// want go1.26+ BenchmarkEncoderInLoop allocs/op == 0
func BenchmarkEncoderInLoop(b *testing.B) {
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := json.NewEncoder(&buf).Encode(&ev); err != nil {
			b.Fatal(err)
		}
		io.Discard.Write(buf.Bytes())
	}
}
