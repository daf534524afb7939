package main

import "testing"

func BenchmarkForever(b *testing.B) {
	for i := 0; i < b.N; i++ {
		for {
		}
	}
}
