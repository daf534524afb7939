//go:build goexperiment.jsonv2

package main

func init() {
	found = append(found, "1.27 GOEXPERIMENT jsonv2 on")
}
