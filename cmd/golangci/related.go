package golangci

import "golang.org/x/tools/go/analysis"

// withoutRelated returns copies of as that report their diagnostics
// without related information.
//
// golangci-lint turns each related position into an issue of its own,
// so every perfvet finding would be shown twice, the second time at the
// loop header; and a //nolint:perfvet directive on the finding's line
// would leave the loop-header issue standing. perfvet's messages already
// name the loop ("on every iteration of the loop over names"), so the
// related information adds nothing under golangci-lint.
func withoutRelated(as []*analysis.Analyzer) []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, len(as))
	for i, a := range as {
		out[i] = dropRelated(a)
	}
	return out
}

// dropRelated returns a copy of a whose Run strips related information
// from every diagnostic. The copy has a's name, prerequisites and
// result type, so it stands in for a in golangci-lint's analysis graph.
func dropRelated(a *analysis.Analyzer) *analysis.Analyzer {
	c := *a
	c.Run = func(pass *analysis.Pass) (any, error) {
		p := *pass
		p.Report = func(d analysis.Diagnostic) {
			d.Related = nil
			pass.Report(d)
		}
		return a.Run(&p)
	}
	return &c
}
