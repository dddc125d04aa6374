package main

import "golang.org/x/tools/go/analysis"

// withNames returns copies of as whose diagnostics end with the
// analyzer's name in parentheses, "(concatloop)". The driver prints
// only position and message, and a reader needs the name to look the
// finding up, to disable the analyzer, or to write a //perfvet:ignore
// directive. The copies keep the originals' requirements, flags and
// documentation, so results, options and help are unchanged.
func withNames(as []*analysis.Analyzer) []*analysis.Analyzer {
	named := make([]*analysis.Analyzer, len(as))
	for i, a := range as {
		named[i] = withName(a)
	}
	return named
}

// withName returns a copy of a that appends " (name)" to the message of
// every diagnostic it reports.
func withName(a *analysis.Analyzer) *analysis.Analyzer {
	named := *a
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
