// A deferred call runs when the function returns, not at the end of
// the loop iteration it was deferred in. Deferred in the loop, every
// file stays open until processAll returns; deferred in a function
// called once per file, each closes before the next opens.
package main

import "fmt"

type file struct{ name string }

var open int // files open right now

func openFile(name string) *file {
	open++
	return &file{name}
}

func (f *file) Close() {
	open--
	fmt.Println("  close", f.name)
}

func processAll(names []string) {
	for _, name := range names {
		f := openFile(name)
		defer f.Close()
		fmt.Println("  process", name, "open:", open)
	}
	fmt.Println("  processAll returns")
}

func processOne(name string) {
	f := openFile(name)
	defer f.Close()
	fmt.Println("  process", name, "open:", open)
}

func main() {
	names := []string{"a", "b", "c"}
	fmt.Println("defer in the loop:")
	processAll(names)
	fmt.Println("defer in a helper:")
	for _, name := range names {
		processOne(name)
	}
	// Output:
	// defer in the loop:
	//   process a open: 1
	//   process b open: 2
	//   process c open: 3
	//   processAll returns
	//   close c
	//   close b
	//   close a
	// defer in a helper:
	//   process a open: 1
	//   close a
	//   process b open: 1
	//   close b
	//   process c open: 1
	//   close c
}
