package invariant_test

import (
	"go/token"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/invariant"
	"github.com/perfvet/perfvet/passes/loops"
)

// pathReporter reports, at each load that ends a path in a loop, the path
// and whether it is invariant in each loop enclosing the load, outermost
// first, and whether the innermost loop's exit paths write it, so the
// golden files assert the alias model directly.
var pathReporter = &analysis.Analyzer{
	Name:     "pathreport",
	Doc:      "report loop-invariant load paths (test only)",
	Requires: []*analysis.Analyzer{loops.Analyzer, invariant.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		forest := pass.ResultOf[loops.Analyzer].(*loops.Forest)
		oracle := pass.ResultOf[invariant.Analyzer].(*invariant.Oracle)
		for _, l := range forest.All {
			for _, b := range l.Blocks() {
				if forest.Innermost(b.Instrs[0]) != l {
					continue
				}
				for _, instr := range b.Instrs {
					ld, ok := instr.(*ssa.UnOp)
					if !ok || ld.Op != token.MUL || !endsPath(ld) {
						continue
					}
					p, ok := invariant.PathOf(ld, l)
					if !ok || !position(p).IsValid() {
						continue // no path, or one the builder made up
					}
					written := ""
					if oracle.PathWrittenOnExit(p, l) {
						written = " (written on exit)"
					}
					pass.Reportf(position(p), "%s: %s%s", p, verdicts(oracle, ld, l), written)
				}
			}
		}
		return nil, nil
	},
}

// endsPath reports whether ld is used other than as the base of a
// further field selection or load.
func endsPath(ld *ssa.UnOp) bool {
	for _, ref := range *ld.Referrers() {
		switch ref := ref.(type) {
		case *ssa.FieldAddr:
		case *ssa.UnOp:
			if ref.Op != token.MUL {
				return true
			}
		default:
			return true
		}
	}
	return false
}

// verdicts says, for l and each loop enclosing it, outermost first,
// whether the path ld ends is invariant there.
func verdicts(oracle *invariant.Oracle, ld *ssa.UnOp, l *loops.Loop) string {
	var vs []string
	for ; l != nil; l = l.Parent {
		v := "varies"
		if p, ok := invariant.PathOf(ld, l); ok && oracle.PathInvariant(p, l) {
			v = "invariant"
		}
		vs = append(vs, v)
	}
	slices.Reverse(vs)
	return strings.Join(vs, ", ")
}

// position is where the path's last field is selected, or its load.
func position(p invariant.Path) token.Pos {
	last := p.Steps[len(p.Steps)-1]
	if n := len(last.Fields); n > 0 && last.Fields[n-1].Pos().IsValid() {
		return last.Fields[n-1].Pos()
	}
	return last.Load.Pos()
}

func TestPaths(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), pathReporter, "paths")
}
