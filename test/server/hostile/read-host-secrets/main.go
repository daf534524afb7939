package main

import (
	"fmt"
	"os"
)

func main() {
	for _, p := range []string{"/etc/shadow", "/etc/passwd", "/root/.ssh/id_rsa", "/home", "/var/log/syslog", "/sys/kernel/security", "/boot"} {
		_, err := os.ReadFile(p)
		fmt.Printf("%s: %v\n", p, err)
	}
}
