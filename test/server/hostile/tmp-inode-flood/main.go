package main

import (
	"fmt"
	"os"
	"strconv"
)

// Empty files write no bytes, so no size limit stops them; their inodes are kernel memory,
// charged to the job's memory limit.
func main() {
	for i := 0; ; i++ {
		f, err := os.Create("/tmp/f" + strconv.Itoa(i))
		if err != nil {
			fmt.Println("stopped at", i, err)
			return
		}
		f.Close()
	}
}
