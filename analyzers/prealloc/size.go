package prealloc

import (
	"fmt"
	"go/ast"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/tripcount"
)

// Limits on the sizes the analyzer reasons about: beyond them the
// expression would be unreadable, so the loop is left alone.
const (
	maxTerms   = 4
	maxFactors = 3
)

// size is a number of elements as the code computes it: a sum of terms,
// each a constant times a product of loop trip counts (len(rows)*len(cols)).
type size []term

type term struct {
	coef    int64
	factors []factor // outermost loop first
}

// factor is the trip count of one loop, len(x) or int(n).
type factor struct {
	kind tripcount.Kind // Len or Int
	x    ssa.Value
	expr ast.Expr // the source of x; nil when the loop does not show it
}

// sizeOf returns the size k.
func sizeOf(k int64) size {
	if k == 0 {
		return nil
	}
	return size{{coef: k}}
}

// key identifies a product of factors: two loops over the same value
// count the same.
func (t term) key() string {
	var b strings.Builder
	for _, f := range t.factors {
		fmt.Fprintf(&b, "%d:%p,", f.kind, f.x)
	}
	return b.String()
}

// plus returns s + o, combining terms with the same factors.
func (s size) plus(o size) size {
	out := slices.Clone(s)
	for _, t := range o {
		if i := slices.IndexFunc(out, func(u term) bool { return u.key() == t.key() }); i >= 0 {
			out[i].coef += t.coef
			continue
		}
		out = append(out, t)
	}
	return out
}

// times returns f*s.
func (s size) times(f factor) size {
	out := make(size, len(s))
	for i, t := range s {
		out[i] = term{coef: t.coef, factors: append([]factor{f}, t.factors...)}
	}
	return out
}

// scale returns k*s.
func (s size) scale(k int64) size {
	if k == 0 {
		return nil
	}
	out := make(size, len(s))
	for i, t := range s {
		out[i] = term{coef: k * t.coef, factors: t.factors}
	}
	return out
}

// coefOf returns the coefficient of the term with key k in s, or 0.
func (s size) coefOf(k string) int64 {
	for _, t := range s {
		if t.key() == k {
			return t.coef
		}
	}
	return 0
}

// equal reports whether s and o are the same size.
func (s size) equal(o size) bool {
	return s.covers(o) && o.covers(s)
}

// covers reports whether s >= o for every value of the counts: every
// term of o appears in s with at least its coefficient. Counts are never
// negative (a loop up to a negative n runs zero times).
func (s size) covers(o size) bool {
	for _, t := range o {
		if s.coefOf(t.key()) < t.coef {
			return false
		}
	}
	return true
}

// tooBig reports whether s is past the limits the analyzer reports.
func (s size) tooBig() bool {
	if len(s) > maxTerms {
		return true
	}
	for _, t := range s {
		if len(t.factors) > maxFactors {
			return true
		}
	}
	return false
}

// amount is how many elements some code adds: exactly size, or at most
// size when exact is false (some paths add fewer).
type amount struct {
	size  size
	exact bool
}

var zero = amount{exact: true}

func (a amount) plus(b amount) amount {
	return amount{a.size.plus(b.size), a.exact && b.exact}
}

// merge combines the amounts of two paths that meet. Equal amounts stay
// exact; otherwise the larger is an upper bound, when one is larger for
// every value of the counts. It fails when neither is.
func merge(a, b amount) (amount, bool) {
	switch {
	case a.size.equal(b.size):
		return amount{a.size, a.exact && b.exact}, true
	case a.size.covers(b.size):
		return amount{a.size, false}, true
	case b.size.covers(a.size):
		return amount{b.size, false}, true
	}
	return amount{}, false
}
