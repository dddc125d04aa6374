package golangci

import (
	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/analyzers"
)

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
	return analyzers.WithDiagnostics(as, func(_ *analysis.Analyzer, d *analysis.Diagnostic) {
		d.Related = nil
	})
}
