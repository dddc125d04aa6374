// Perfvet reports Go performance anti-patterns: work repeated on every
// iteration of a hot loop that could be done once, or not at all.
//
// Usage:
//
//	perfvet [flags] [packages]                 # standalone; ./... by default
//	go vet -vettool=$(which perfvet) [packages]
//	go fix -fixtool=$(which perfvet) [packages]
//	perfvet help [analyzer or pass]            # perfvet help tripcount
//	perfvet lsp                                # language server for editors, beside gopls
//	perfvet -version
//
// Standalone, perfvet runs the analysis in a child process, which
// analyses each package on its own through a result cache
// (internal/driver) and explains each broken package in one line; the
// parent renders the findings in the format asked for. See
// docs/usage.md for the flags, the cache, the suppression directive and
// the exit codes.
package main

import (
	"flag"
	"log"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/perfvet/perfvet/analyzers"
	"github.com/perfvet/perfvet/internal/thresholds"
	"github.com/perfvet/perfvet/passes/scope"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("perfvet: ")
	// Before any front end sets an option: the command line, the
	// configuration file and the language server's settings.
	thresholds.Guard(append(analyzers.Analyzers(), analyzers.Passes()...))

	if isVersionRequest(os.Args[1:]) {
		printVersion(os.Stdout)
		return
	}
	if len(os.Args) > 1 && os.Args[1] == "lsp" {
		os.Exit(runLSP(os.Args[2:], analyzers.Analyzers()))
	}
	installUsage()
	registerPassFlags(flag.CommandLine)
	registerEvidenceFlags(flag.CommandLine)
	if !isVetProtocol(os.Args[1:]) {
		registerOutputFlags(flag.CommandLine)
		registerCacheFlag(flag.CommandLine)
	}
	all := withNames(analyzers.Analyzers())
	if !isChild() && isSummaryHelp(os.Args[1:], all) {
		os.Exit(printHelp())
	}
	if isTopicHelp(os.Args[1:], all) {
		os.Exit(printTopicHelp(os.Args[1:], all))
	}
	os.Args = append(os.Args[:1], withDefaultPattern(os.Args[1:], all)...)
	if _, _, ok := standalonePatterns(os.Args[1:], all); ok && !isChild() {
		applyConfig(all)
	}
	optInSelected(os.Args[1:], all)
	if patterns, tests, ok := standalonePatterns(os.Args[1:], all); ok {
		if !isChild() {
			os.Exit(supervise(patterns, tests, all))
		}
		dedupTestVariants()
		if isStreamable(os.Args[1:], all) {
			os.Exit(runStreaming(all))
		}
	}
	// multichecker parses the flags again, then either runs as a vet
	// tool (one .cfg argument) or loads and analyses the patterns.
	multichecker.Main(all...)
}

// dedupTestVariants tells the scope pass that this driver analyses each package
// and also its test variant (the package compiled with its in-package
// tests), so the test variant need not build the package's own code
// again: a quarter less SSA on the standard library. go vet analyses
// only the test variant, so the vet-tool mode leaves it off.
func dedupTestVariants() {
	if err := scope.Analyzer.Flags.Set("dedup", "true"); err != nil {
		fail(err)
	}
}

// fail prints each line of err with the program's prefix and exits with
// status 1, the driver's status for anything that stopped the analysis.
func fail(err error) {
	for _, line := range strings.Split(err.Error(), "\n") {
		log.Print(line)
	}
	os.Exit(1)
}
