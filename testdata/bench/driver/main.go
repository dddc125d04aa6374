// Driver runs every perfvet analyzer, standing in for cmd/perfvet on a
// tree that does not have it yet.
package main

import (
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/perfvet/perfvet/analyzers"
)

func main() { multichecker.Main(analyzers.Analyzers()...) }
