// Package tagged concatenates in a loop only in a file built with the
// special tag, which perfvet analyses only with -tags=special.
package tagged

// Name is the package's name.
const Name = "tagged"
