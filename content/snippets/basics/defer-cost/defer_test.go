//playbook:options benchtime=100ms count=5

// What a defer costs: one open-coded defer against no defer and
// against the same defer inside a loop that runs once; then 100
// resources released by defers in the loop, by a helper function,
// and by a function literal called in place.
package defercost

import "testing"

type res struct{ n int }

//go:noinline
func (r *res) Close() { r.n-- }

//go:noinline
func use(r *res) { r.n++ }

//go:noinline
func noDefer(r *res) {
	use(r)
	r.Close()
}

//go:noinline
func openCoded(r *res) {
	defer r.Close()
	use(r)
}

//go:noinline
func inLoopOnce(r *res) {
	for range 1 {
		defer r.Close() // want !"escape"
	}
	use(r)
}

//go:noinline
func allInLoop(rs []*res) {
	for _, r := range rs {
		defer r.Close() // want !"escape"
		use(r)
	}
}

func closeOne(r *res) {
	defer r.Close()
	use(r)
}

//go:noinline
func helper(rs []*res) {
	for _, r := range rs {
		closeOne(r)
	}
}

//go:noinline
func literal(rs []*res) {
	for _, r := range rs {
		func() { // want "func literal does not escape"
			defer r.Close()
			use(r)
		}()
	}
}

var (
	r1 = &res{}
	rs = make([]*res, 100)
)

func init() {
	for i := range rs {
		rs[i] = &res{}
	}
}

// want BenchmarkNoDefer allocs/op == 0
func BenchmarkNoDefer(b *testing.B) {
	for b.Loop() {
		noDefer(r1)
	}
}

// want BenchmarkOpenCoded allocs/op == 0
// want BenchmarkOpenCoded ns/op < 0.5 * BenchmarkInLoopOnce
// want BenchmarkOpenCoded ns/op < 2 * BenchmarkNoDefer
func BenchmarkOpenCoded(b *testing.B) {
	for b.Loop() {
		openCoded(r1)
	}
}

// want BenchmarkInLoopOnce allocs/op == 1
// want BenchmarkInLoopOnce B/op == 16
func BenchmarkInLoopOnce(b *testing.B) {
	for b.Loop() {
		inLoopOnce(r1)
	}
}

// want BenchmarkAllInLoop allocs/op == 100
// want BenchmarkAllInLoop B/op >= 1600
// want BenchmarkAllInLoop B/op < 1700
func BenchmarkAllInLoop(b *testing.B) {
	for b.Loop() {
		allInLoop(rs)
	}
}

// want BenchmarkHelper allocs/op == 0
// want BenchmarkHelper ns/op < 0.5 * BenchmarkAllInLoop
func BenchmarkHelper(b *testing.B) {
	for b.Loop() {
		helper(rs)
	}
}

// want BenchmarkLiteral allocs/op == 0
// want BenchmarkLiteral ns/op < 0.5 * BenchmarkAllInLoop
func BenchmarkLiteral(b *testing.B) {
	for b.Loop() {
		literal(rs)
	}
}
