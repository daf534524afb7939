package main

import (
	"fmt"
	"net"
	"strings"
	"time"
)

// The test fills in the port the server listens on and the machine's own addresses.
func main() {
	targets := []string{"127.0.0.1:{{SERVER_PORT}}", "[::1]:{{SERVER_PORT}}", "localhost:{{SERVER_PORT}}"}
	for _, ip := range strings.Fields("{{HOST_ADDRS}}") {
		targets = append(targets, net.JoinHostPort(ip, "{{SERVER_PORT}}"))
	}
	for _, t := range targets {
		c, err := net.DialTimeout("tcp", t, 2*time.Second)
		if err == nil {
			c.Close()
			fmt.Printf("%s: CONNECTED\n", t)
			continue
		}
		fmt.Printf("%s: refused\n", t)
	}
	ifs, _ := net.Interfaces()
	for _, i := range ifs {
		fmt.Println("interface", i.Name)
	}
}
