package loops_test

import (
	"fmt"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/passes/loops"
)

// reporter turns the loop forest into diagnostics at each loop, so the
// golden files assert kind, depth and the statement each loop maps to.
var reporter = &analysis.Analyzer{
	Name:     "loopsreport",
	Doc:      "report every loop (test only)",
	Requires: []*analysis.Analyzer{loops.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		forest := pass.ResultOf[loops.Analyzer].(*loops.Forest)
		for _, l := range forest.All {
			pass.Reportf(l.Pos(), "%s loop depth %d exits %d", l.Kind, l.Depth, len(l.Exits))
		}
		return nil, nil
	},
}

func TestLoops(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), reporter, "shapes")
}

// exitReporter reports, at each loop, the source lines of the
// instructions on its exit paths.
var exitReporter = &analysis.Analyzer{
	Name:     "exitsreport",
	Doc:      "report the instructions on every loop's exit paths (test only)",
	Requires: []*analysis.Analyzer{loops.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		forest := pass.ResultOf[loops.Analyzer].(*loops.Forest)
		for _, l := range forest.All {
			var lines []int
			for _, instr := range l.ExitPathInstrs() {
				line := pass.Fset.Position(instr.Pos()).Line
				if len(lines) == 0 || lines[len(lines)-1] != line {
					lines = append(lines, line)
				}
			}
			pass.Reportf(l.Pos(), "exit paths at lines %v", lines)
		}
		return nil, nil
	},
}

func TestExitPathInstrs(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), exitReporter, "exits")
}

func TestKindString(t *testing.T) {
	for k, want := range map[loops.Kind]string{loops.For: "for", loops.Range: "range", loops.Goto: "goto", loops.RangeFunc: "range-over-func"} {
		if got := fmt.Sprint(k); got != want {
			t.Errorf("Kind(%d).String() = %q, want %q", k, got, want)
		}
	}
}
