// Ssafloor is the benchmark's reference for SSA-based tools: a driver
// whose only analyzer does nothing but require buildssa, the way most
// SSA-based analyzers get their SSA. buildssa requires ctrlflow, whose
// facts make the driver load and analyse every dependency from source.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/analysis/singlechecker"
)

// noop asks for the SSA form of every package and ignores it.
var noop = &analysis.Analyzer{
	Name:     "ssafloor",
	Doc:      "ssafloor does nothing with the SSA form buildssa builds: it measures the cost of building it",
	Requires: []*analysis.Analyzer{buildssa.Analyzer},
	Run:      func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { singlechecker.Main(noop) }
