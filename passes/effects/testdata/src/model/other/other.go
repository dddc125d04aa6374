// Package other has variables of its own, written by its functions.
package other

type Registry struct{ List []string }

var Reg Registry

func Register(k string) { Reg.List = append(Reg.List, k) }

func Upper(s string) string { return s + "!" }

// Box is a struct of this package holding a slice.
type Box struct{ names []string }

func (b *Box) Put(s string) { b.names = append(b.names, s) }
