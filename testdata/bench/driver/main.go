// Driver runs every perfvet analyzer, standing in for cmd/perfvet on a
// tree that does not have it yet. Like perfvet's standalone mode, it
// sets irbuild's -dedup: the standalone driver analyses each package and
// its test variant both.
package main

import (
	"log"

	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/perfvet/perfvet/analyzers"
	"github.com/perfvet/perfvet/passes/irbuild"
)

func main() {
	if err := irbuild.Analyzer.Flags.Set("dedup", "true"); err != nil {
		log.Fatal(err)
	}
	multichecker.Main(analyzers.Analyzers()...)
}
