//go:build goexperiment.greenteagc

package main

func init() {
	found = append(found, "1.26 GOEXPERIMENT greenteagc on")
}
