// Package other keeps a registry of its own, grown by Register.
package other

// Registry holds the registered names.
type Registry struct{ List []string }

// Reg is the package's registry.
var Reg Registry

// Count counts calls to Touch.
var Count int

// Register adds k to Reg.
func Register(k string) { Reg.List = append(Reg.List, k) }

// Touch counts a call.
func Touch() { Count++ }
