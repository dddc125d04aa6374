package sizes

import (
	"fmt"
	"math"
)

// Kind classifies a size, from the most to the least informative.
type Kind int

const (
	// Exact is a size of exactly N.
	Exact Kind = iota
	// AtMost is a size of at most N.
	AtMost
	// CPUs is a size bounded by the machine rather than by the input: a
	// small multiple of runtime.NumCPU or GOMAXPROCS.
	CPUs
	// Chosen is an integer the program picks, of unknown value but not
	// derived from the length of data: a parameter, a flag, a field, the
	// result of another package's function, len(x)/k.
	Chosen
	// Data is a size that grows with the input: the length of a
	// collection the analysis cannot bound, and sums or products of it.
	Data
)

// Size is the lattice element of one value: for a slice, array, string
// or map, its length; for an integer, its value. Sizes are ordered by
// Kind, and bounded sizes (Exact, AtMost) by N.
type Size struct {
	Kind Kind
	// N is the size (Exact) or its upper bound (AtMost).
	N int64
}

// Of returns the size n exactly.
func Of(n int64) Size { return Size{Kind: Exact, N: n} }

// Max returns the size at most n.
func Max(n int64) Size { return Size{Kind: AtMost, N: n} }

// Bound returns the upper bound of a bounded size (Exact or AtMost).
func (s Size) Bound() (int64, bool) {
	return s.N, s.Kind == Exact || s.Kind == AtMost
}

// Below reports whether s is bounded by a number smaller than n.
func (s Size) Below(n int) bool {
	b, ok := s.Bound()
	return ok && b < int64(n)
}

func (s Size) String() string {
	switch s.Kind {
	case Exact:
		return fmt.Sprintf("exact(%d)", s.N)
	case AtMost:
		return fmt.Sprintf("atmost(%d)", s.N)
	case CPUs:
		return "cpus"
	case Chosen:
		return "chosen"
	}
	return "data"
}

// bounded reports whether s is Exact or AtMost.
func (s Size) bounded() bool { return s.Kind == Exact || s.Kind == AtMost }

// Join is the size of a value that is either a or b (a phi, max): the
// least size above both.
func Join(a, b Size) Size {
	if a.bounded() && b.bounded() {
		if a == b {
			return a
		}
		return Max(max(a.N, b.N))
	}
	return Size{Kind: max(a.Kind, b.Kind)}
}

// Meet is the size of a value known to be at most both a and b (min, a
// value on the edge where it compared below another).
func Meet(a, b Size) Size {
	switch {
	case a.bounded() && b.bounded():
		if a.Kind == Exact && b.Kind == Exact {
			return Of(min(a.N, b.N))
		}
		return Max(min(a.N, b.N))
	case a.bounded():
		return Max(a.N)
	case b.bounded():
		return Max(b.N)
	}
	return Size{Kind: min(a.Kind, b.Kind)}
}

// Add is the size of a+b, for sizes (non-negative).
func Add(a, b Size) Size {
	if a.bounded() && b.bounded() {
		n, ok := addChecked(a.N, b.N)
		return arith(a, b, n, ok)
	}
	return unbounded(a, b)
}

// Mul is the size of a*b.
func Mul(a, b Size) Size {
	if a == Of(0) || b == Of(0) {
		return Of(0)
	}
	if a.bounded() && b.bounded() {
		n, ok := mulChecked(a.N, b.N)
		return arith(a, b, n, ok)
	}
	return unbounded(a, b)
}

// Sub is the size of a-b, for b non-negative: at most a.
func Sub(a, b Size) Size {
	switch {
	case a.Kind == Exact && b.Kind == Exact:
		return Of(a.N - b.N)
	case a.bounded():
		return Max(a.N)
	}
	return a
}

// Quo is the size of a/b, for b positive. A share of data (len(x)/k
// chunks) is a count the program chose.
func Quo(a, b Size) Size {
	switch {
	case a.Kind == Exact && b.Kind == Exact && b.N > 0:
		return Of(a.N / b.N)
	case a.bounded():
		return Max(a.N)
	case a.Kind == Data:
		return Size{Kind: Chosen}
	}
	return a
}

// arith combines two bounded operands whose result is n, ok.
func arith(a, b Size, n int64, ok bool) Size {
	switch {
	case !ok:
		return Size{Kind: Chosen}
	case a.Kind == Exact && b.Kind == Exact:
		return Of(n)
	}
	return Max(n)
}

// unbounded combines operands of which at least one is unbounded: data
// dominates, and a constant scaling of the CPU count stays one.
func unbounded(a, b Size) Size {
	if a.bounded() {
		return b
	}
	if b.bounded() {
		return a
	}
	return Size{Kind: max(a.Kind, b.Kind)}
}

func addChecked(a, b int64) (int64, bool) {
	if b > 0 && a > math.MaxInt64-b || b < 0 && a < math.MinInt64-b {
		return 0, false
	}
	return a + b, true
}

func mulChecked(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	p := a * b
	if p/b != a || a == -1 && b == math.MinInt64 || b == -1 && a == math.MinInt64 {
		return 0, false
	}
	return p, true
}
