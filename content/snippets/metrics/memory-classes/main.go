// The /memory/classes/... metrics partition all the memory the Go
// runtime has mapped: the leaves sum to
// /memory/classes/total:bytes, which equals MemStats.Sys.
// Released heap memory is part of the total but not resident, so
// total - released is the figure to compare with the process's
// RSS.
package main

import (
	"fmt"
	"runtime"
	"runtime/metrics"
	"strings"
)

func main() {
	var names []string
	for _, d := range metrics.All() {
		if strings.HasPrefix(d.Name, "/memory/classes/") &&
			d.Name != "/memory/classes/total:bytes" {
			names = append(names, d.Name)
		}
	}
	s := make([]metrics.Sample, len(names)+1)
	for i, n := range names {
		s[i].Name = n
	}
	s[len(names)].Name = "/memory/classes/total:bytes"

	runtime.GOMAXPROCS(1)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	metrics.Read(s)

	var sum uint64
	for _, x := range s[:len(names)] {
		sum += x.Value.Uint64()
	}
	total := s[len(names)].Value.Uint64()
	fmt.Println("classes:", len(names))
	fmt.Println("sum of classes == total:", sum == total)
	fmt.Println("total == MemStats.Sys:", total == ms.Sys)
}

// want stdout `^classes: 1[0-9]$`
// want stdout `^sum of classes == total: true$`
// want stdout `^total == MemStats\.Sys: true$`
