// testing.AllocsPerRun as a guard: a test that fails as soon as a
// function on the hot path allocates. appendRecord writes into the
// caller's buffer and passes. sprintfRecord, the same output built
// with fmt.Sprintf, is what a well-meant refactoring might turn it
// into: the same guard fails it, naming the count.
package allocsguard

import (
	"fmt"
	"strconv"
	"testing"
)

func appendRecord(dst []byte, id int, name string) []byte {
	dst = append(dst, "id="...)
	dst = strconv.AppendInt(dst, int64(id), 10)
	dst = append(dst, " name="...)
	return append(dst, name...)
}

func sprintfRecord(dst []byte, id int, name string) []byte {
	return append(dst, fmt.Sprintf("id=%d name=%s", id, name)...)
}

// assertNoAllocs fails the test if one call of f allocates; f runs
// 100 times after a warm-up call, and the average is reported.
func assertNoAllocs(t *testing.T, f func()) {
	t.Helper()
	if n := testing.AllocsPerRun(100, f); n > 0 {
		t.Errorf("allocations per call: %v, want 0", n)
	}
}

func TestAppendRecordNoAllocs(t *testing.T) {
	buf := make([]byte, 0, 64)
	assertNoAllocs(t, func() {
		buf = appendRecord(buf[:0], 12345, "gopher")
	})
}

func TestSprintfRecordNoAllocs(t *testing.T) {
	buf := make([]byte, 0, 64)
	assertNoAllocs(t, func() {
		buf = sprintfRecord(buf[:0], 12345, "gopher")
	})
}

// want stdout "--- PASS: TestAppendRecordNoAllocs"
// want stdout "--- FAIL: TestSprintfRecordNoAllocs"
// want stdout `guard_test.go:\d+: allocations per call: 1, want 0`
// want error tests_failed
