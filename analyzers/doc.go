// Package analyzers is the registry of perfvet's analyzers: All, the
// directives analyzer that checks the suppression directives of every
// package against them, and Analyzers, what the drivers (the standalone
// command, go vet, the golangci-lint plugin, the language server) run.
//
// # Adding an analyzer
//
// An analyzer is one folder, analyzers/<name>, and one line in All.
// The meta-tests (analyzers_test.go, layering_test.go) fail until each
// part is there.
//
//   - doc.go: the package comment, with a "# Analyzer <name>" section
//     whose first line is "<name>: summary" (lowercase, no final period),
//     then why the pattern is slow and a Before:/After: example. It is
//     the only home of the prose: Analyzer.Doc and
//     docs/analyzers/<name>.md (make docs) are generated from it.
//   - <name>.go: the declaration (below), then run, then helpers. Run
//     gets a lint.Pass, which gives the shared passes' results by typed
//     methods (Loops, Counts, Invariant, IR, Evidence, Directives) and
//     reports through the reporter (Report, Reportf, InLoop, or Reporter
//     to hand on): it applies the reporting scope, the suppression
//     directives and the evidence rules, and records the directives
//     used. An analyzer never reads pass.ResultOf, makes its own
//     reporter, reports through the embedded analysis.Pass, or imports
//     another analyzer; a pass it needs beyond the shared ones goes in
//     lint.Analyzer.Requires, with a typed method on lint.Pass. It does
//     not check directives: the directives analyzer judges them, for
//     every package, even one the analyzer skips early.
//   - <name>_test.go: analyzertest.Run(t, Analyzer), which also checks
//     the directives naming the analyzer as if it ran alone.
//   - testdata/src/<scenario>/: bad_*.go with // want comments, good_*.go
//     silent (one case per "must not flag" item of the spec), and a
//     .golden file per fixed file when the analyzer offers fixes.
//   - cost_test.go: a benchmark of the pattern against its fix, at
//     realistic sizes.
//
// The declaration:
//
//	//go:embed doc.go
//	var doc string
//
//	// Info is the analyzer's registry entry.
//	var Info = lint.Define(lint.Analyzer{
//		Name:  "<name>",
//		Doc:   doc,
//		Fixes: true,                 // offers suggested fixes (.golden files)
//		Tags:  []lint.Tag{lint.CPU}, // what the pattern costs
//		Flags: flags(),              // options, if any: -<name>.<option>
//		Run:   run,
//	})
//
//	// Analyzer reports ...
//	var Analyzer = Info.Analyzer
//
//	func run(p *lint.Pass) (any, error) {
//		for _, l := range p.Loops().All {
//			...
//			p.InLoop(node, l, "what is slow, why, and the remedy")
//		}
//		return nil, nil
//	}
//
// Then add the analyzer's line to All, in the order the documentation
// presents them, a case ending in "// want <name>" to testdata/golangci,
// and its row to the README's table.
package analyzers
