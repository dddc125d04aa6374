// Package cgo uses C: perfvet analyses its files as written, without
// cgo's output.
package cgo

// #include <stdlib.h>
// static int twice(int x) { return 2 * x; }
import "C"

import "unsafe"

// total has a C type: code that uses it is unknown to perfvet.
var total C.int

// cint names a C type in Go, as cgo's users often do.
type cint = C.int

// field returns a pointer into C memory.
func field(x *cint) *cint { return x }

// Reset does not type-check without cgo's declarations (the result of
// field(&v), whose argument has a C type, cannot be indirected), though
// the compiler accepts it; the package is analysed all the same.
func Reset(n int) {
	var v cint
	for range n {
		*field(&v) = 0
	}
}

// Join uses no C, in a file that imports it: it is analysed.
func Join(xs []string) string {
	out := ""
	for _, x := range xs {
		out += x
	}
	return out
}

// Twice calls C in its loop: the types of its C values are unknown
// without cgo's output, so it is not analysed (and not misreported).
func Twice(xs []int) string {
	out := ""
	for _, x := range xs {
		p := C.CString(string(rune(C.twice(C.int(x)))))
		out += C.GoString(p)
		C.free(unsafe.Pointer(p))
		total++
	}
	return out
}

// Size returns a value of a C type: importers can hold it without
// naming the type.
func Size() C.size_t { return C.size_t(unsafe.Sizeof(total)) }
