// Floor is the benchmark's baseline: a driver whose only analyzer does
// nothing, so its cost is what every go/analysis tool pays to load and
// type-check the packages.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/singlechecker"
)

// noop needs nothing but the type-checked package the driver hands
// every analyzer.
var noop = &analysis.Analyzer{
	Name: "floor",
	Doc:  "floor does nothing: it measures the cost of loading and type-checking",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { singlechecker.Main(noop) }
