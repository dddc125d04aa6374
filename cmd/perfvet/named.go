package main

import (
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/analyzers"
)

// withNames returns copies of as that append " (name)" to the message of
// every diagnostic: the driver prints only position and message, and a
// reader needs the name to look the finding up, to disable the analyzer,
// or to write a //perfvet:ignore directive.
//
// Each copy's Doc also drops the "name: " that starts perfvet's summary
// lines, because the driver's help already prints the name before the
// summary.
func withNames(as []*analysis.Analyzer) []*analysis.Analyzer {
	named := analyzers.WithDiagnostics(as, func(a *analysis.Analyzer, d *analysis.Diagnostic) {
		d.Message += " (" + a.Name + ")"
	})
	for _, a := range named {
		a.Doc = strings.TrimPrefix(a.Doc, a.Name+": ")
	}
	return named
}
