package main

import (
	"fmt"
	"os"
	"strconv"
	"syscall"
)

func main() {
	server, _ := strconv.Atoi("{{SERVER_PID}}")
	fmt.Println("pid", os.Getpid(), "ppid", os.Getppid())
	fmt.Println("kill ppid:", syscall.Kill(os.Getppid(), syscall.SIGKILL))
	fmt.Println("kill -1:", syscall.Kill(-1, syscall.SIGKILL))
	fmt.Println("kill server:", syscall.Kill(server, syscall.SIGKILL))
	fmt.Println("still running")
}
