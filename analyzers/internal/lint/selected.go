package lint

import (
	"flag"
	"strconv"
	"sync/atomic"
)

// commandLine is the flag set on which the x/tools drivers (multichecker
// for the standalone perfvet, unitchecker for go vet) define one -NAME
// flag per analyzer they are given.
var commandLine = flag.CommandLine

// chosen holds the names Select was given, if it was called.
var chosen atomic.Pointer[map[string]bool]

// Select says which analyzers run, for a front end that chooses them
// itself rather than through the drivers' -NAME flags (the golangci-lint
// plugin's enable and disable settings). It holds for the process.
func Select(names []string) {
	set := make(map[string]bool, len(names))
	for _, name := range names {
		set[name] = true
	}
	chosen.Store(&set)
}

// selected reports whether the analyzer called name runs in this run:
// as Select said, or else by the rule the drivers apply to their -NAME
// flags: if any of them is set true, only those run; otherwise all but
// those set false. The directives analyzer requires every analyzer, so
// an analyzer left out still runs as its prerequisite; it then does
// nothing, and judges no directive. Where neither applies (analysistest)
// every analyzer is selected.
func selected(name string) bool {
	if set := chosen.Load(); set != nil {
		return (*set)[name]
	}
	values := make(map[string]bool)
	commandLine.Visit(func(f *flag.Flag) {
		if isAnalyzerName(f.Name) {
			if on, err := strconv.ParseBool(f.Value.String()); err == nil {
				values[f.Name] = on
			}
		}
	})
	return SelectedBy(name, values)
}

// SelectedBy reports whether the analyzer called name runs, given the
// values the drivers' -NAME flags were set to (flags not given are
// absent): the rule of the drivers of golang.org/x/tools, which the
// perfvet command's own driver applies too.
func SelectedBy(name string, values map[string]bool) bool {
	on, set := values[name]
	for _, v := range values {
		if v {
			return set && on
		}
	}
	return !set || on
}

// isAnalyzerName reports whether name is the name of an analyzer Define
// made or of the directives analyzer.
func isAnalyzerName(name string) bool {
	if name == DirectivesName {
		return true
	}
	found := false
	defined.Range(func(_, v any) bool {
		found = v.(*Analyzer).Name == name
		return !found
	})
	return found
}
