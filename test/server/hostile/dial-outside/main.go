package main

import (
	"fmt"
	"net"
	"net/http"
	"time"
)

func main() {
	for _, addr := range []string{"1.1.1.1:53", "8.8.8.8:443", "[2606:4700:4700::1111]:53"} {
		_, err := net.DialTimeout("tcp", addr, 2*time.Second)
		fmt.Printf("dial %s: %v\n", addr, err)
	}
	_, err := net.LookupHost("golang.org")
	fmt.Println("lookup golang.org:", err != nil)
	c := http.Client{Timeout: 2 * time.Second}
	_, err = c.Get("http://example.com/")
	fmt.Println("http get failed:", err != nil)
	u, err := net.ListenPacket("udp", "0.0.0.0:0")
	if err == nil {
		_, err = u.WriteTo([]byte("x"), &net.UDPAddr{IP: net.IPv4(8, 8, 8, 8), Port: 53})
	}
	fmt.Println("udp send:", err)
}
