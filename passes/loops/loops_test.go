package loops_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/ssa"

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

// nextReporter reports, at each loop, the values that the named phis
// of its header take back from an iteration.
var nextReporter = &analysis.Analyzer{
	Name:     "nextreport",
	Doc:      "report the next values of every loop-carried variable (test only)",
	Requires: []*analysis.Analyzer{loops.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		forest := pass.ResultOf[loops.Analyzer].(*loops.Forest)
		for _, l := range forest.All {
			for _, instr := range l.Header.Instrs {
				phi, ok := instr.(*ssa.Phi)
				if !ok || phi.Comment == "" || phi.Comment == "rangeindex" {
					continue
				}
				var next []string
				l.NextValues(phi, func(v ssa.Value, from *ssa.BasicBlock) bool {
					next = append(next, describe(phi, v))
					return true
				})
				slices.Sort(next)
				pass.Reportf(l.Pos(), "%s: %s", phi.Comment, strings.Join(next, " "))
			}
		}
		return nil, nil
	},
}

// describe names v relative to the phi it comes back to: n, n+1, 0.
func describe(phi *ssa.Phi, v ssa.Value) string {
	if v == phi {
		return phi.Comment
	}
	if b, ok := v.(*ssa.BinOp); ok && b.X == phi {
		return phi.Comment + b.Op.String() + b.Y.(*ssa.Const).Value.String()
	}
	if k, ok := v.(*ssa.Const); ok {
		return k.Value.String()
	}
	return v.String()
}

func TestNextValues(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), nextReporter, "next")
}

func TestKindString(t *testing.T) {
	for k, want := range map[loops.Kind]string{loops.For: "for", loops.Range: "range", loops.Goto: "goto", loops.RangeFunc: "range-over-func"} {
		if got := fmt.Sprint(k); got != want {
			t.Errorf("Kind(%d).String() = %q, want %q", k, got, want)
		}
	}
}

// stopsReporter reports, at each call to a function named mark in a
// range-over-func body, whether every path after it stops the range
// statement and how many returns of false it reaches.
var stopsReporter = &analysis.Analyzer{
	Name:     "stopsreport",
	Doc:      "report StopsAfter at calls to mark (test only)",
	Requires: []*analysis.Analyzer{loops.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		forest := pass.ResultOf[loops.Analyzer].(*loops.Forest)
		for _, l := range forest.All {
			for _, instr := range l.Instrs() {
				call, ok := instr.(*ssa.Call)
				if !ok || call.Common().StaticCallee() == nil || call.Common().StaticCallee().Name() != "mark" {
					continue
				}
				stops, rets := l.StopsAfter(call)
				pass.Reportf(call.Pos(), "stops %v after %d returns", stops, len(rets))
			}
		}
		return nil, nil
	},
}

func TestStopsAfter(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), stopsReporter, "stops")
}

// layoutReporter reports, at each loop, how its tests read: how many
// there are and, for the first, whether it is the statement's own test,
// whether it runs at the end of an iteration, whether the builder
// guards it before the loop, and whether it is a range iteration.
var layoutReporter = &analysis.Analyzer{
	Name:     "layoutreport",
	Doc:      "report how every loop's tests are laid out (test only)",
	Requires: []*analysis.Analyzer{loops.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		forest := pass.ResultOf[loops.Analyzer].(*loops.Forest)
		for _, l := range forest.All {
			tests := l.Tests()
			if len(tests) == 0 {
				pass.Reportf(l.Pos(), "%s tests 0", l.Kind)
				continue
			}
			t := tests[0]
			_, _, iter := l.RangeIteration(t)
			pass.Reportf(l.Pos(), "%s tests %d own %v end %v guarded %v iteration %v",
				l.Kind, len(tests), l.OwnTest(t), l.AtEnd(t), l.GuardedRotated(t), iter)
		}
		return nil, nil
	},
}

func TestLayout(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), layoutReporter, "layout")
}
