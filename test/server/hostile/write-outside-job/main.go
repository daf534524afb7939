package main

import (
	"fmt"
	"os"
)

func main() {
	for _, p := range []string{"/evil", "/usr/evil", "/usr/share/zoneinfo/evil", "/prog", "/dev/shm/evil", "/dev/evil", "/proc/sys/kernel/hostname", "/proc/sysrq-trigger", "/tmp/ok"} {
		err := os.WriteFile(p, []byte("x"), 0o755)
		fmt.Printf("%s: %v\n", p, err)
	}
	fmt.Println("chmod /prog:", os.Chmod("/prog", 0o777))
}
