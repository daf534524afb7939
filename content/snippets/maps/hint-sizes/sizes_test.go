//playbook:options benchtime=100ms count=1

// What make(map[int64]int64, hint) allocates for a few hints. A table
// keeps its load at or below 7/8, so make picks the smallest
// power-of-two number of slots that holds the hint at that load; past
// 1,024 slots the map uses several tables. Each group is 8 slots of
// 16 bytes plus an 8-byte control word: 136 bytes.
package hintsizes

import (
	"fmt"
	"testing"
)

var sink map[int64]int64

// want BenchmarkMake/hint=8 allocs/op == 1
// want BenchmarkMake/hint=8 B/op == 48
// want BenchmarkMake/hint=9 B/op == 376
// want BenchmarkMake/hint=14 B/op == 376
// want BenchmarkMake/hint=15 B/op == 664
// want BenchmarkMake/hint=16 B/op == 664
// want BenchmarkMake/hint=28 B/op == 664
// want BenchmarkMake/hint=29 B/op == 1240
// want BenchmarkMake/hint=896 allocs/op == 4
// want BenchmarkMake/hint=896 B/op == 18520
// want BenchmarkMake/hint=897 allocs/op == 6
func BenchmarkMake(b *testing.B) {
	for _, hint := range []int{8, 9, 14, 15, 16, 28, 29, 896, 897} {
		b.Run(fmt.Sprintf("hint=%d", hint), func(b *testing.B) {
			for b.Loop() {
				sink = make(map[int64]int64, hint)
			}
		})
	}
}
