package fuzz

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/passes/loops"
	"github.com/perfvet/perfvet/passes/tripcount"
)

// TripCount is what tripcount says of the outermost loop of one
// function.
type TripCount struct {
	Count tripcount.Count
	// Early is how many early exits the loop has.
	Early int
	// AtMost bounds the count when Bounded.
	AtMost  int64
	Bounded bool
}

func (tc TripCount) String() string {
	s := fmt.Sprintf("%s exact %v early %d", tc.Count, tc.Count.Exact, tc.Early)
	if tc.Bounded {
		s += fmt.Sprintf(" at most %d", tc.AtMost)
	}
	return s
}

// TripCounts runs tripcount on the package and returns, by the name of
// each declared function, what it says of the function's outermost
// loop.
func (p *Package) TripCounts() (map[string]TripCount, error) {
	counts := make(map[string]TripCount)
	collect := &analysis.Analyzer{
		Name:     "tripcounts",
		Doc:      "collect the trip count of every function's outermost loop",
		Requires: []*analysis.Analyzer{loops.Analyzer, tripcount.Analyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			forest := pass.ResultOf[loops.Analyzer].(*loops.Forest)
			cs := pass.ResultOf[tripcount.Analyzer].(*tripcount.Counts)
			for _, l := range forest.All {
				if l.Depth != 1 || l.Fn.Parent() != nil {
					continue
				}
				n, bounded := cs.Of(l).AtMost()
				counts[l.Fn.Name()] = TripCount{Count: cs.Of(l), Early: len(cs.EarlyExits(l)), AtMost: n, Bounded: bounded}
			}
			return nil, nil
		},
	}
	if _, err := p.Analyze([]*analysis.Analyzer{collect}); err != nil {
		return nil, err
	}
	return counts, nil
}

// Disagreement compares what tripcount says of a loop with how many
// times it ran and the value its bound had, and describes the
// contradiction, if any: a bounded count the loop exceeded, an exact
// count without early exits that the loop did not meet, or a bound
// named other than the loop's.
func Disagreement(tc TripCount, loop CountedLoop, ran, bound int64) string {
	c := tc.Count
	if tc.Bounded && ran > tc.AtMost {
		return fmt.Sprintf("ran %d times, more than the bound %d of %s", ran, tc.AtMost, tc)
	}
	switch c.Kind {
	case tripcount.Const:
		if c.Exact && tc.Early == 0 && ran != c.N {
			return fmt.Sprintf("ran %d times, but %s", ran, tc)
		}
	case tripcount.Len, tripcount.Int:
		if c.Expr == nil || loop.Bound == "" {
			return ""
		}
		if c.String() != loop.Bound {
			return fmt.Sprintf("is bounded by %s, but %s", loop.Bound, tc)
		}
		if c.Exact && tc.Early == 0 && ran != max(bound, 0) {
			return fmt.Sprintf("ran %d times with %s = %d, but %s", ran, loop.Bound, bound, tc)
		}
	}
	return ""
}
