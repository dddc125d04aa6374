package analyzers

import (
	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/analyzers/clientreuse"
	"github.com/perfvet/perfvet/analyzers/concatloop"
	"github.com/perfvet/perfvet/analyzers/deferloop"
	"github.com/perfvet/perfvet/analyzers/fanout"
	"github.com/perfvet/perfvet/analyzers/hoistcall"
	"github.com/perfvet/perfvet/analyzers/hoistfield"
	"github.com/perfvet/perfvet/analyzers/intermediate"
	"github.com/perfvet/perfvet/analyzers/internal/lint"
	"github.com/perfvet/perfvet/analyzers/internal/meta"
	"github.com/perfvet/perfvet/analyzers/membership"
	"github.com/perfvet/perfvet/analyzers/prealloc"
	"github.com/perfvet/perfvet/analyzers/recompile"
	"github.com/perfvet/perfvet/analyzers/sliceedit"
	"github.com/perfvet/perfvet/analyzers/sortloop"
	"github.com/perfvet/perfvet/passes/hotness"
	"github.com/perfvet/perfvet/passes/tripcount"
)

// All lists every perfvet analyzer with its metadata, in the order the
// documentation presents them. Adding an analyzer means adding its line.
var All = []meta.Info{
	concatloop.Info,
	prealloc.Info,
	membership.Info,
	fanout.Info,
	hoistfield.Info,
	recompile.Info,
	clientreuse.Info,
	hoistcall.Info,
	sliceedit.Info,
	sortloop.Info,
	intermediate.Info,
	deferloop.Info,
}

// Directives reports the suppression directives of every package that
// are malformed, lack a reason, name a misspelt analyzer or suppress no
// finding of the analyzers of All (see lint.Directives). It requires
// them all, and drivers run it beside them.
var Directives = lint.Directives(All)

// Analyzers returns the analyzers of All, then Directives: what drivers
// run.
func Analyzers() []*analysis.Analyzer {
	as := make([]*analysis.Analyzer, len(All), len(All)+1)
	for i, info := range All {
		as[i] = info.Analyzer
	}
	return append(as, Directives)
}

// Select says which analyzers of Analyzers run, for a front end that
// chooses them itself rather than by the drivers' -NAME flags: the
// others, which Directives still requires, then do nothing, and their
// directives are not judged.
func Select(as []*analysis.Analyzer) {
	names := make([]string, len(as))
	for i, a := range as {
		names[i] = a.Name
	}
	lint.Select(names)
}

// SelectedBy reports whether the analyzer called name runs, given the
// values the drivers' -NAME flags were set to (see lint.SelectedBy), for
// a driver that parses those flags itself.
func SelectedBy(name string, values map[string]bool) bool { return lint.SelectedBy(name, values) }

// Passes returns the shared passes whose flags the perfvet command
// exposes at top level (-tripcount.cold, ...): the driver only registers
// flags of the analyzers it is given, not of their prerequisites.
func Passes() []*analysis.Analyzer {
	return []*analysis.Analyzer{tripcount.Analyzer, hotness.Analyzer}
}
