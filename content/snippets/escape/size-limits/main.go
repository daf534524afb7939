//playbook:options escapeDetail=2 go=1.21-1.27

// The size limits of the stack, at both edges: explicit
// variables (var a T, a := T{}) and implicit allocations (new,
// &T{}, make with a constant size). Compiled with -m=2, which
// gives the reason, and checked on each side of Go 1.24, which
// lowered the limit for explicit variables from 10 MiB to
// 128 KiB.
package main

import (
	"fmt"
	"testing"
)

const KiB = 1 << 10

//go:noinline
func var128K() byte {
	var a [128 * KiB]byte // want !"moved to heap"
	a[0] = 1
	return a[0] + a[len(a)-1]
}

//go:noinline
func var128KPlus1() byte {
	var a [128*KiB + 1]byte // want go1.21-1.23 !"moved to heap" go1.24+ "moved to heap: a"
	a[0] = 1
	return a[0] + a[len(a)-1]
}

//go:noinline
func new64K() byte {
	p := new([64 * KiB]byte) // want `new\(\[65536\]byte\) does not escape`
	p[0] = 1
	return p[0] + p[len(p)-1]
}

//go:noinline
func lit64KPlus1() byte {
	p := &[64*KiB + 1]byte{} // want `&\[65537\]byte\{\} escapes to heap`
	p[0] = 1
	return p[0] + p[len(p)-1]
}

//go:noinline
func make64K() byte {
	s := make([]byte, 64*KiB) // want "does not escape"
	s[0] = 1
	return s[0] + s[len(s)-1]
}

//go:noinline
func make64KPlus1() byte {
	s := make([]byte, 64*KiB+1) // want `make\(\[\]byte, (65537|64 \* KiB \+ 1)\) escapes to heap`
	s[0] = 1
	return s[0] + s[len(s)-1]
}

func main() {
	for _, f := range []struct {
		name string
		fn   func() byte
	}{
		{"var [128 KiB]byte", var128K},
		{"var [128 KiB + 1]byte", var128KPlus1},
		{"new([64 KiB]byte)", new64K},
		{"&[64 KiB + 1]byte{}", lit64KPlus1},
		{"make([]byte, 64 KiB)", make64K},
		{"make([]byte, 64 KiB + 1)", make64KPlus1},
	} {
		a := testing.AllocsPerRun(10, func() { f.fn() })
		fmt.Printf("%-25s %v\n", f.name+":", a)
	}
}

// want stdout `^var \[128 KiB\]byte: +0$`
// want go1.21-1.23 stdout `^var \[128 KiB \+ 1\]byte: +0$`
// want go1.24+ stdout `^var \[128 KiB \+ 1\]byte: +1$`
// want stdout `^new\(\[64 KiB\]byte\): +0$`
// want stdout `^&\[64 KiB \+ 1\]byte\{\}: +1$`
// want stdout `^make\(\[\]byte, 64 KiB\): +0$`
// want stdout `^make\(\[\]byte, 64 KiB \+ 1\): +1$`
