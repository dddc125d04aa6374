package golangci

import (
	"go/token"
	"testing"

	"golang.org/x/tools/go/analysis"
)

func TestWithoutRelated(t *testing.T) {
	var seen *analysis.Pass
	a := &analysis.Analyzer{
		Name: "sample",
		Doc:  "sample: reports one finding with related information",
		Run: func(pass *analysis.Pass) (any, error) {
			seen = pass
			pass.Report(analysis.Diagnostic{
				Pos:     token.Pos(2),
				Message: "finding",
				Related: []analysis.RelatedInformation{{Pos: token.Pos(1), Message: "the loop"}},
			})
			return "result", nil
		},
	}
	var got []analysis.Diagnostic
	pass := &analysis.Pass{Report: func(d analysis.Diagnostic) { got = append(got, d) }}

	c := withoutRelated([]*analysis.Analyzer{a})[0]
	res, err := c.Run(pass)
	if err != nil || res != "result" {
		t.Fatalf("Run = %v, %v; want the wrapped analyzer's result", res, err)
	}
	if len(got) != 1 || got[0].Message != "finding" || got[0].Related != nil {
		t.Errorf("reported %+v, want the finding without related information", got)
	}
	if seen == pass {
		t.Error("the wrapped analyzer received the driver's pass, whose Report keeps related information")
	}
	if c == a || c.Name != a.Name {
		t.Error("want a copy with the analyzer's name")
	}
}
