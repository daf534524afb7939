//playbook:options go=1.21-1.27

// An execution trace of a program that allocates and collects,
// captured in memory with runtime/trace, and saved where
// go tool trace can open it.
package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/trace"
)

var sink []byte

func work(ctx context.Context) {
	ctx, task := trace.NewTask(ctx, "job")
	defer task.End()
	for b := 0; b < 8; b++ {
		trace.WithRegion(ctx, "batch", func() {
			for i := 0; i < 4096; i++ {
				sink = make([]byte, 1024) // 32 MiB in all
			}
		})
	}
	trace.Log(ctx, "heap", "batches done")
}

func main() {
	var buf bytes.Buffer
	if err := trace.Start(&buf); err != nil {
		panic(err)
	}
	fmt.Println("enabled:", trace.IsEnabled())
	fmt.Println("second Start:", trace.Start(&bytes.Buffer{}))

	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	work(context.Background())
	runtime.GC()
	runtime.ReadMemStats(&after)
	trace.Stop()

	fmt.Println("enabled after Stop:", trace.IsEnabled())
	fmt.Println("GC cycles traced:", after.NumGC-before.NumGC)
	fmt.Printf("header: %q\n", buf.Bytes()[:13])
	fmt.Println("size > 16 KiB:", buf.Len() > 16<<10)

	path := filepath.Join(os.TempDir(), "trace.out")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		panic(err)
	}
}

// want stdout `^enabled: true$`
// want stdout `^enabled after Stop: false$`
// want stdout `^GC cycles traced: ([2-9]|\d\d)$`
// want stdout `^size > 16 KiB: true$`
// want go1.21-1.24 stdout `^second Start: runtime error: tracing is already enabled$`
// want go1.25+ stdout `^second Start: execution tracer already enabled$`
// want go1.21 stdout `^header: "go 1\.21 trace"$`
// want go1.22 stdout `^header: "go 1\.22 trace"$`
// want go1.23-1.24 stdout `^header: "go 1\.23 trace"$`
// want go1.25 stdout `^header: "go 1\.25 trace"$`
// want go1.26+ stdout `^header: "go 1\.26 trace"$`
