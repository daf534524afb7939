package main

import (
	"fmt"
	"os/exec"
	"syscall"
)

func main() {
	for _, sh := range []string{"/bin/sh", "/usr/bin/bash", "/bin/busybox", "/usr/bin/env"} {
		out, err := exec.Command(sh, "-c", "id; cat /etc/shadow").CombinedOutput()
		fmt.Printf("%s: %q %v\n", sh, out, err)
	}
	fmt.Println("execve:", syscall.Exec("/bin/sh", []string{"sh"}, nil))
}
