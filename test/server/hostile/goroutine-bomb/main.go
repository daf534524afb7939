package main

func main() {
	block := make(chan struct{})
	for {
		go func() { <-block }()
	}
}
