package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/analyzers"
	"github.com/perfvet/perfvet/internal/thresholds"
	"github.com/perfvet/perfvet/passes/hotness"
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
	perfvet help [analyzer or pass]            # perfvet help tripcount

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
	os.Stdout.WriteString(withoutHiddenFlags(text))
	return 0
}

// isTopicHelp reports whether args ask for the help on named analyzers
// or shared passes (perfvet help tripcount), which perfvet prints
// itself: the driver knows only the analyzers.
func isTopicHelp(args []string, all []*analysis.Analyzer) bool {
	fs, _ := shadowFlagSet(all)
	return fs.Parse(args) == nil && fs.NArg() >= 2 && fs.Arg(0) == "help"
}

// printTopicHelp prints the help on each analyzer or pass named after
// "help" in args, in the driver's format, and returns the exit status.
func printTopicHelp(args []string, all []*analysis.Analyzer) int {
	fs, _ := shadowFlagSet(all)
	fs.Parse(args)
	for i, name := range fs.Args()[1:] {
		if i > 0 {
			fmt.Println()
		}
		if a := findAnalyzer(all, name); a != nil {
			printAnalyzerHelp(os.Stdout, a, "Analyzer flags:", "")
			continue
		}
		if p := findAnalyzer(analyzers.Passes(), name); p != nil {
			printAnalyzerHelp(os.Stdout, p, "Flags, shared by every analyzer:", passNote(p))
			continue
		}
		usageError(fmt.Errorf("no analyzer or shared pass is called %s (perfvet help lists the analyzers)", name))
	}
	return exitClean
}

// printAnalyzerHelp writes a's summary, its flags under heading, note,
// and the rest of its documentation, as the driver's help does.
func printAnalyzerHelp(w io.Writer, a *analysis.Analyzer, heading, note string) {
	paras := strings.Split(a.Doc, "\n\n")
	fmt.Fprintf(w, "%s: %s\n", a.Name, paras[0])
	flags := flag.NewFlagSet(a.Name, flag.ContinueOnError)
	a.Flags.VisitAll(func(f *flag.Flag) {
		if name := shownFlagName(a, f.Name); name != "" {
			flags.Var(thresholds.Unwrap(f.Value), name, f.Usage)
			flags.Lookup(name).DefValue = f.DefValue
		}
	})
	var listing strings.Builder
	flags.SetOutput(&listing)
	flags.PrintDefaults()
	if listing.Len() > 0 {
		fmt.Fprintf(w, "\n%s\n\n%s", heading, listing.String())
	}
	if note != "" {
		fmt.Fprintf(w, "\n%s\n", note)
	}
	if len(paras) > 1 {
		fmt.Fprintf(w, "\n%s\n", strings.Join(paras[1:], "\n\n"))
	}
}

// evidenceFlagName returns the short name perfvet gives a's flag name
// (-profile for -hotness.profile), or "".
func evidenceFlagName(a *analysis.Analyzer, name string) string {
	if a == hotness.Analyzer && slices.Contains(evidenceFlags, name) {
		return name
	}
	return ""
}

// passNote says where else a pass's options are set: the same keys
// hold in the configuration file, the golangci-lint plugin and the
// language server.
func passNote(p *analysis.Analyzer) string {
	var keys []string
	p.Flags.VisitAll(func(f *flag.Flag) {
		if shownFlagName(p, f.Name) != "" {
			keys = append(keys, f.Name)
		}
	})
	if len(keys) == 0 {
		return ""
	}
	return fmt.Sprintf("A shared pass: its options apply to every analyzer. The configuration file\n"+
		"(%s) and the golangci-lint plugin set them under options: {%s: {%s: ...}},\n"+
		"the language server as \"%s.%s\".", configName, p.Name, keys[0], p.Name, keys[0])
}

// shownFlagName returns the name under which perfvet lists a's flag
// name, -analyzer.name or an evidence flag's short name, or "" if it
// is hidden.
func shownFlagName(a *analysis.Analyzer, name string) string {
	shown := a.Name + "." + name
	if short := evidenceFlagName(a, name); short != "" {
		shown = short
	}
	if hiddenFlags[shown] {
		return ""
	}
	return shown
}

// findAnalyzer returns the analyzer of as called name, or nil.
func findAnalyzer(as []*analysis.Analyzer, name string) *analysis.Analyzer {
	for _, a := range as {
		if a.Name == name {
			return a
		}
	}
	return nil
}
