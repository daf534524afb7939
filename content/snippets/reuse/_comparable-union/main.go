//playbook:options go=1.21-1.27

// A "safe clear" constrained to struct types or comparable types
// does not compile: comparable (and any interface with methods)
// cannot be a term of a union. It would not be needed anyway: the
// zero value can be assigned to a variable of any type.
package main

func Clear[T ~struct{} | comparable](t *T) { // want "cannot use comparable in union"
	*t = *new(T)
}

// clear works on maps and slices only, also through a type
// parameter.
func ClearAny[T any](p *T) {
	clear(*p) // want `cannot clear \*p \(variable of type T constrained by any\): argument must be \(or constrained by\) map or slice`
}

func main() {
	n := 1
	Clear(&n)
	ClearAny(&n)
}
