package main

import (
	"strings"

	"golang.org/x/tools/go/analysis"
)

// withNames returns copies of as adapted to how the driver presents
// analyzers; see withName.
func withNames(as []*analysis.Analyzer) []*analysis.Analyzer {
	named := make([]*analysis.Analyzer, len(as))
	for i, a := range as {
		named[i] = withName(a)
	}
	return named
}

// withName returns a copy of a that appends " (name)" to the message of
// every diagnostic it reports: the driver prints only position and
// message, and a reader needs the name to look the finding up, to
// disable the analyzer, or to write a //perfvet:ignore directive.
//
// The copy's Doc also drops the "name: " that starts perfvet's summary
// lines, because the driver's help already prints the name before the
// summary. The copy keeps a's requirements and flags, so results and
// options are shared with the original.
func withName(a *analysis.Analyzer) *analysis.Analyzer {
	named := *a
	named.Doc = strings.TrimPrefix(a.Doc, a.Name+": ")
	suffix := " (" + a.Name + ")"
	named.Run = func(pass *analysis.Pass) (any, error) {
		report := pass.Report
		pass.Report = func(d analysis.Diagnostic) {
			d.Message += suffix
			report(d)
		}
		return a.Run(pass)
	}
	return &named
}
