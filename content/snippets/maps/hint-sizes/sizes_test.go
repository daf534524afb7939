//playbook:options benchtime=100ms count=1

// What make(map[int64]int64, hint) allocates for a few hints. A table
// keeps its load at or below 7/8, so make picks the smallest
// power-of-two number of slots that holds the hint at that load; past
// 1,024 slots the map uses several tables. Each group is 8 slots of
// 16 bytes plus an 8-byte control word: 136 bytes.
//
// With several tables, make divides the capacity the hint needs by
// the number of tables before rounding each table up to a power of
// two. For a hint of 897 that is two tables of 512 slots, which hold
// at most 2 × 448 = 896 entries: filling the map to its hint grows
// one of them. The same happens for hints 1,793 to 1,795 (four tables)
// and 3,585 to 3,590 (eight).
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
// want BenchmarkMake/hint=897 B/op == 19072
// want BenchmarkMake/hint=898 allocs/op == 6
// want BenchmarkMake/hint=898 B/op == 36992
func BenchmarkMake(b *testing.B) {
	for _, hint := range []int{8, 9, 14, 15, 16, 28, 29, 896, 897, 898} {
		b.Run(fmt.Sprintf("hint=%d", hint), func(b *testing.B) {
			for b.Loop() {
				sink = make(map[int64]int64, hint)
			}
		})
	}
}

// Fill inserts as many keys as the hint promised. Where the tables
// hold fewer entries than the hint, at least one of them grows (two
// more allocations: a new table and its groups); which ones, past the
// first, depends on the map's random hash seed.
//
// want BenchmarkFill/hint=896 allocs/op == 4
// want BenchmarkFill/hint=897 allocs/op == 8
// want BenchmarkFill/hint=897 B/op == 37536
// want BenchmarkFill/hint=898 allocs/op == 6
// want BenchmarkFill/hint=1793 allocs/op >= 12
// want BenchmarkFill/hint=1796 allocs/op == 10
// want BenchmarkFill/hint=3590 allocs/op >= 20
// want BenchmarkFill/hint=3591 allocs/op == 18
func BenchmarkFill(b *testing.B) {
	for _, hint := range []int{896, 897, 898, 1793, 1796, 3590, 3591} {
		b.Run(fmt.Sprintf("hint=%d", hint), func(b *testing.B) {
			for b.Loop() {
				m := make(map[int64]int64, hint)
				for i := range int64(hint) {
					m[i] = i
				}
				sink = m
			}
		})
	}
}
