package sizes

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/irutil"
)

// binOp is the size of arithmetic on sizes.
func (q *query) binOp(b *ssa.BinOp, depth int) Size {
	x, y := q.size(b.X, depth), q.size(b.Y, depth)
	if cyclic(x) || cyclic(y) {
		return top(b) // a value computed from itself, as a counter is
	}
	switch b.Op {
	case token.ADD:
		return Add(x, y)
	case token.MUL:
		return Mul(x, y)
	case token.SUB:
		return difference(x, y)
	case token.QUO:
		return quotient(x, y)
	case token.SHL:
		if y.Kind == Exact && y.N >= 0 && y.N < 62 {
			return Mul(x, Of(1<<y.N))
		}
	case token.SHR:
		if y.Kind == Exact && y.N >= 0 && y.N < 62 {
			return quotient(x, Of(1<<y.N))
		}
	case token.REM:
		return remainder(x, y)
	case token.AND:
		return masked(x, y)
	}
	if x.Kind == Data || y.Kind == Data {
		return Size{Kind: Data}
	}
	return top(b)
}

// difference is x-y: exact for exact operands, at most x less a
// non-negative constant y; a difference of data stays data.
func difference(x, y Size) Size {
	switch {
	case x.Kind == Exact && y.Kind == Exact:
		return Of(x.N - y.N)
	case x.bounded() && y.Kind == Exact && y.N >= 0:
		return Max(x.N - y.N)
	case x.bounded():
		return Size{Kind: Chosen} // y may be negative
	case y.Kind == Exact || x.Kind == Data:
		return x
	}
	return Size{Kind: Chosen}
}

// quotient is x/y for a positive constant y or exact operands; a share
// of data (len(x)/k chunks) is a count the program chose.
func quotient(x, y Size) Size {
	switch {
	case y.Kind == Exact && y.N > 0 && x.Kind == Exact:
		return Of(x.N / y.N)
	case y.Kind == Exact && y.N > 0 && x.bounded() && x.N >= 0:
		return Max(x.N / y.N)
	case x.Kind == CPUs && y.Kind == Exact && y.N > 0:
		return x
	}
	return Size{Kind: Chosen}
}

// remainder is x%y, smaller in magnitude than a constant y.
func remainder(x, y Size) Size {
	switch {
	case x.Kind == Exact && y.Kind == Exact && y.N != 0:
		return Of(x.N % y.N)
	case y.Kind == Exact && y.N != 0:
		return Max(max(y.N, -y.N) - 1)
	}
	return Size{Kind: Chosen}
}

// masked is x&y, at most a non-negative constant operand.
func masked(x, y Size) Size {
	switch {
	case x.Kind == Exact && y.Kind == Exact:
		return Of(x.N & y.N)
	case y.Kind == Exact && y.N >= 0:
		return Max(y.N)
	case x.Kind == Exact && x.N >= 0:
		return Max(x.N)
	}
	return Size{Kind: Chosen}
}

// call is the size of a call's result: built-in functions, the CPU
// count, and the functions of this package.
func (q *query) call(c *ssa.Call, depth int) Size {
	common := c.Common()
	if b, ok := common.Value.(*ssa.Builtin); ok {
		return q.builtin(c, b.Name(), common.Args, depth)
	}
	fn := common.StaticCallee()
	if fn == nil {
		return top(c)
	}
	if obj := fn.Object(); obj != nil && obj.Pkg() != nil && obj.Pkg().Path() == "runtime" &&
		(obj.Name() == "NumCPU" || obj.Name() == "GOMAXPROCS") {
		return Size{Kind: CPUs}
	}
	if fn.Pkg == nil || fn.Pkg.Pkg != q.s.pkg {
		return top(c)
	}
	return q.returned(c, fn, depth)
}

// returned joins the sizes of every value fn returns; a function with
// no body built, or that never returns, is unknown.
func (q *query) returned(c *ssa.Call, fn *ssa.Function, depth int) Size {
	results := irutil.Returned(fn)
	if len(results) == 0 {
		return top(c)
	}
	sz := bottom
	for _, r := range results {
		sz = join(sz, q.size(r, depth))
	}
	return sz
}

func (q *query) builtin(c *ssa.Call, name string, args []ssa.Value, depth int) Size {
	switch name {
	case "len":
		if len(args) != 1 {
			break
		}
		sz := orTop(q.size(args[0], depth), c)
		if _, isChan := args[0].Type().Underlying().(*types.Chan); isChan {
			sz = loosen(sz) // at most its capacity
		}
		return sz
	case "cap":
		if len(args) == 1 {
			return q.capacity(c, args[0], depth)
		}
	case "append":
		if len(args) == 2 {
			s, xs := q.size(args[0], depth), q.size(args[1], depth)
			if cyclic(s) || cyclic(xs) {
				return top(c)
			}
			return Add(s, xs)
		}
		if len(args) == 1 {
			return orTop(q.size(args[0], depth), c)
		}
	case "min":
		// A value met again (a counter) does not raise a minimum.
		sz := bottom
		for _, a := range args {
			if s := q.size(a, depth); !cyclic(s) {
				sz = meet(sz, s)
			}
		}
		return orTop(sz, c)
	case "max":
		sz := bottom
		for _, a := range args {
			s := q.size(a, depth)
			if cyclic(s) {
				return top(c)
			}
			if sz.Kind == Exact && s.Kind == Exact {
				sz = Of(max(sz.N, s.N)) // the larger of exact sizes is exact
				continue
			}
			sz = join(sz, s)
		}
		return orTop(sz, c)
	}
	return top(c)
}

// capacity is the size of cap(x): the capacity a slice or channel was
// made with, or an array's length. A slice's size is its length, which
// says nothing of its capacity otherwise.
func (q *query) capacity(c *ssa.Call, x ssa.Value, depth int) Size {
	if n, ok := arrayLen(x.Type()); ok {
		return Of(n)
	}
	switch x := x.(type) {
	case *ssa.MakeSlice:
		return orTop(q.size(x.Cap, depth), c)
	case *ssa.MakeChan:
		return orTop(q.size(x.Size, depth), c)
	}
	return top(c)
}

// meet is Meet with values met again as its identity.
func meet(a, b Size) Size {
	switch {
	case cyclic(a):
		return b
	case cyclic(b):
		return a
	}
	return Meet(a, b)
}
