package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// intro takes the place, at the top of "perfvet help", of the driver's
// introduction, which describes analysis tools in general.
const intro = `perfvet reports Go performance anti-patterns: work that a hot loop
repeats on every iteration when it could be done once, or not at all.
Each finding says what it costs and how to fix it, with a suggested fix
where the rewrite provably keeps the program's behaviour.

Usage:

	perfvet [flags] [packages]                 # standalone; ./... by default
	go vet -vettool=$(which perfvet) [packages]
	go fix -fixtool=$(which perfvet) [packages]
	perfvet help [analyzer]

`

// driverListing is where the driver's help turns from its introduction
// to the list of analyzers.
const driverListing = "Registered analyzers:"

// isSummaryHelp reports whether args ask for the help on all analyzers:
// "perfvet help", with no analyzer named.
func isSummaryHelp(args []string, all []*analysis.Analyzer) bool {
	fs, _ := shadowFlagSet(all)
	return fs.Parse(args) == nil && fs.NArg() == 1 && fs.Arg(0) == "help"
}

// printHelp runs the driver's help in a child perfvet, the only way to
// have the driver list its own flags, and prints it with perfvet's
// introduction in place of the driver's.
func printHelp() int {
	self, err := os.Executable()
	if err != nil {
		fail(fmt.Errorf("finding the perfvet executable: %w", err))
	}
	child := exec.Command(self, os.Args[1:]...)
	child.Env = append(os.Environ(), childEnv+"=1")
	child.Stderr = os.Stderr
	out, err := child.Output()
	if err != nil {
		fail(fmt.Errorf("running the help: %w", err))
	}
	text := string(out)
	if _, listing, ok := strings.Cut(text, driverListing); ok {
		text = intro + driverListing + listing
	}
	os.Stdout.WriteString(text)
	return 0
}
