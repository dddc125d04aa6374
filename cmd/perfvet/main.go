// Perfvet reports Go performance anti-patterns: work repeated on every
// iteration of a hot loop that could be done once, or not at all.
//
// Usage:
//
//	perfvet [flags] [packages]                 # standalone
//	go vet -vettool=$(which perfvet) [packages]
//	go fix -fixtool=$(which perfvet) [packages]
//	perfvet help [analyzer]
//
// Standalone, perfvet loads the packages itself and checks that they
// build before analysing them, so that a broken package is reported in
// one line rather than as a cascade of errors. See docs/usage.md for the
// flags, the suppression directive and the exit codes.
package main

import (
	"flag"
	"log"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/perfvet/perfvet/analyzers"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("perfvet: ")

	registerPassFlags(flag.CommandLine)
	all := withNames(analyzers.Analyzers())
	if patterns, tests, ok := standalonePatterns(os.Args[1:], all); ok {
		if err := checkPackages(patterns, tests); err != nil {
			fail(err)
		}
	}
	// multichecker parses the flags again, then either runs as a vet
	// tool (one .cfg argument) or loads and analyses the patterns.
	multichecker.Main(all...)
}

// fail prints each line of err with the program's prefix and exits with
// status 1, the driver's status for anything that stopped the analysis.
func fail(err error) {
	for _, line := range strings.Split(err.Error(), "\n") {
		log.Print(line)
	}
	os.Exit(1)
}
