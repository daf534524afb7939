// Command formatter is the playground's Format button and the Go Playground's /fmt: each Go file
// as gofmt prints it (go/format), or with imports as goimports leaves it (golang.org/x/tools/imports,
// standard-library packages only), and each go.mod as the go command writes it
// (golang.org/x/mod/modfile). The ecosystem's own libraries, so the answer is exactly what
// gofmt and goimports give, never an imitation.
//
// It reads one JSON request on stdin and writes one JSON answer on stdout. The server runs it in
// the sandbox, with the limits of a job: it parses whatever a client sent.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"go/format"
	"go/scanner"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"

	"golang.org/x/mod/modfile"
	"golang.org/x/tools/imports"
)

type request struct {
	Files []file `json:"files"`
	// Imports: add missing and remove unused imports, as goimports does.
	Imports bool `json:"imports"`
}

type file struct {
	Name string `json:"name"`
	Data string `json:"data"`
}

type result struct {
	Name string `json:"name"`
	// Data is the file formatted, or as sent when it could not be.
	Data string `json:"data"`
	// Error is what kept the file from being formatted, in the Go Playground's words
	// ("prog.go:3:1: expected ..."); empty when it was formatted.
	Error    string    `json:"error,omitempty"`
	Problems []problem `json:"problems,omitempty"`
}

// problem is one error of a file at its position (1-based; 0 when it has none).
type problem struct {
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

type answer struct {
	Files []result `json:"files"`
}

func main() {
	os.Exit(run())
}

// run formats the request's files; its result is the exit code: 3 when the request could not be
// read, formatted or answered for a reason that is the server's, never the files' (a crash of the
// Go runtime is 2).
func run() int {
	// A file nested deeply enough recurses deeply in the printer: a stack overflow is then a
	// clean crash well inside the sandbox's memory limit, not a slow climb to it.
	debug.SetMaxStack(64 << 20)
	var req request
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		fmt.Fprintf(os.Stderr, "formatter: reading the request: %v\n", err)
		return 3
	}
	dir, err := siblings(req)
	if err != nil {
		fmt.Fprintf(os.Stderr, "formatter: %v\n", err)
		return 3
	}
	if dir != "" {
		defer os.RemoveAll(dir)
	}
	out := answer{Files: make([]result, 0, len(req.Files))}
	for _, f := range req.Files {
		r, err := formatFile(f, req.Imports, dir)
		if err != nil {
			fmt.Fprintf(os.Stderr, "formatter: %s: %v\n", f.Name, err)
			return 3
		}
		out.Files = append(out.Files, r)
	}
	enc := json.NewEncoder(os.Stdout)
	// The answer is source text: "<" stays "<", not "\u003c".
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		fmt.Fprintf(os.Stderr, "formatter: writing the answer: %v\n", err)
		return 3
	}
	return 0
}

// siblings writes the Go files into a directory of their own when imports are fixed: goimports
// reads a file's siblings in its directory, so a name another file of the package declares or
// imports is not taken for a package to import. "" when imports are not fixed.
func siblings(req request) (string, error) {
	if !req.Imports {
		return "", nil
	}
	dir, err := os.MkdirTemp("", "pkg")
	if err != nil {
		return "", err
	}
	for _, f := range req.Files {
		if path.Ext(f.Name) != ".go" {
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f.Name)), []byte(f.Data), 0o600); err != nil {
			return "", err
		}
	}
	return dir, nil
}

// formatFile formats one file. A problem with the file is in the result; the error is a failure
// that is not the file's (goimports could not run the go command, say).
func formatFile(f file, fixImports bool, dir string) (result, error) {
	r := result{Name: f.Name, Data: f.Data}
	var out []byte
	var err error
	switch {
	case path.Ext(f.Name) == ".go" && fixImports:
		out, err = imports.Process(filepath.Join(dir, filepath.Base(f.Name)), []byte(f.Data), &imports.Options{Comments: true, TabIndent: true, TabWidth: 8})
	case path.Ext(f.Name) == ".go":
		out, err = format.Source([]byte(f.Data))
	case path.Base(f.Name) == "go.mod":
		out, err = formatGoMod(f.Name, []byte(f.Data))
	default:
		return r, nil
	}
	if err != nil {
		var ok bool
		r.Error, r.Problems, ok = describe(f.Name, err)
		if !ok {
			return r, err
		}
		return r, nil
	}
	r.Data = string(out)
	return r, nil
}

func formatGoMod(name string, data []byte) ([]byte, error) {
	mf, err := modfile.Parse(name, data, nil)
	if err != nil {
		return nil, err
	}
	return mf.Format()
}

// describe gives an error of the file as the Go Playground words it and as problems at their
// positions; ok is false when it is no error of the file's text (a syntax error, or a go.mod
// the go command would refuse). The message is built from the file's own name, never from the
// path the parser was given (a directory inside the sandbox).
func describe(name string, err error) (msg string, problems []problem, ok bool) {
	var list scanner.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		for _, e := range list {
			problems = append(problems, problem{Line: e.Pos.Line, Column: e.Pos.Column, Message: e.Msg})
		}
		first := list[0]
		msg = fmt.Sprintf("%s:%d:%d: %s", name, first.Pos.Line, first.Pos.Column, first.Msg)
		if len(list) > 1 {
			msg += fmt.Sprintf(" (and %d more errors)", len(list)-1)
		}
		return msg, problems, true
	}
	var modErrs modfile.ErrorList
	if errors.As(err, &modErrs) && len(modErrs) > 0 {
		for _, e := range modErrs {
			problems = append(problems, modProblem(e))
		}
		return err.Error(), problems, true
	}
	var modErr *modfile.Error
	if errors.As(err, &modErr) {
		return err.Error(), []problem{modProblem(*modErr)}, true
	}
	if path.Base(name) == "go.mod" {
		// modfile's other errors are about the text too (a version it cannot read, say).
		return fmt.Sprintf("%s: %v", name, err), []problem{{Message: err.Error()}}, true
	}
	return "", nil, false
}

func modProblem(e modfile.Error) problem {
	msg := e.Err.Error()
	if e.ModPath != "" {
		msg = fmt.Sprintf("%s %s: %s", e.Verb, e.ModPath, msg)
	} else if e.Verb != "" {
		msg = fmt.Sprintf("%s: %s", e.Verb, msg)
	}
	return problem{Line: e.Pos.Line, Column: e.Pos.LineRune, Message: msg}
}
