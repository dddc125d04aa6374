package analyzers

import "golang.org/x/tools/go/analysis"

// WithDiagnostics returns copies of as whose diagnostics pass through
// rewrite before they are reported: how a front end adapts perfvet's
// findings to what it prints. Each copy keeps its analyzer's name,
// prerequisites, flags and result type, so it stands in for the
// original in the driver's analysis graph and shares its options.
func WithDiagnostics(as []*analysis.Analyzer, rewrite func(a *analysis.Analyzer, d *analysis.Diagnostic)) []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, len(as))
	for i, a := range as {
		out[i] = withDiagnostics(a, rewrite)
	}
	return out
}

func withDiagnostics(a *analysis.Analyzer, rewrite func(*analysis.Analyzer, *analysis.Diagnostic)) *analysis.Analyzer {
	c := *a
	c.Run = func(pass *analysis.Pass) (any, error) {
		p := *pass
		p.Report = func(d analysis.Diagnostic) {
			rewrite(a, &d)
			pass.Report(d)
		}
		return a.Run(&p)
	}
	return &c
}
