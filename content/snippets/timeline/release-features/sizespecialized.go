//go:build goexperiment.sizespecializedmalloc

package main

func init() {
	found = append(found,
		"1.27 GOEXPERIMENT sizespecializedmalloc on")
}
