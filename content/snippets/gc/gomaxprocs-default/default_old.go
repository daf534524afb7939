//go:build !go1.25

package main

func resetDefault(int) string {
	return "no SetDefaultGOMAXPROCS before Go 1.25"
}
