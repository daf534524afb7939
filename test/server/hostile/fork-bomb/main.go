package main

import (
	"fmt"
	"os"
	"os/exec"
	"time"
)

// Every copy starts two more copies of itself.
func main() {
	self, _ := os.Executable()
	for i := 0; i < 2; i++ {
		cmd := exec.Command(self)
		cmd.Stdout = os.Stdout
		if err := cmd.Start(); err != nil {
			fmt.Println("start failed:", err)
		}
	}
	time.Sleep(time.Hour)
}
