package analyzers

import "golang.org/x/tools/go/analysis"

// WithDiagnostics returns copies of as whose diagnostics pass through
// rewrite before they are reported: how a front end adapts perfvet's
// findings to what it prints. See Wrap for what the copies keep.
func WithDiagnostics(as []*analysis.Analyzer, rewrite func(a *analysis.Analyzer, d *analysis.Diagnostic)) []*analysis.Analyzer {
	return Wrap(as, func(a *analysis.Analyzer, pass *analysis.Pass) (any, error) {
		p := *pass
		p.Report = func(d analysis.Diagnostic) {
			rewrite(a, &d)
			pass.Report(d)
		}
		return a.Run(&p)
	})
}

// Wrap returns copies of as whose Run is run(a, pass), for run to adapt
// the pass and call a.Run. Each copy keeps its analyzer's name, flags
// and result type, and requires the copies of those of as it required
// (Directives requires every analyzer): so the copies stand in for the
// originals in the driver's analysis graph, and no analyzer runs twice,
// once as a copy and once as a prerequisite.
func Wrap(as []*analysis.Analyzer, run func(a *analysis.Analyzer, pass *analysis.Pass) (any, error)) []*analysis.Analyzer {
	copies := make(map[*analysis.Analyzer]*analysis.Analyzer, len(as))
	out := make([]*analysis.Analyzer, len(as))
	for i, a := range as {
		c := *a
		c.Run = func(pass *analysis.Pass) (any, error) { return run(a, pass) }
		copies[a] = &c
		out[i] = &c
	}
	for _, c := range out {
		reqs := make([]*analysis.Analyzer, len(c.Requires))
		for i, r := range c.Requires {
			if rc, ok := copies[r]; ok {
				r = rc
			}
			reqs[i] = r
		}
		c.Requires = reqs
	}
	return out
}
