// Package missing imports a package no module provides.
package missing

import "example.com/absent/dep"

// F uses the missing package.
func F() int { return dep.N }
