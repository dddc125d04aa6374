package sliceedit

import (
	"go/constant"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/irutil"
)

// shape says what an edit does to its slice, independently of any loop.
type shape int

const (
	// insertion puts elements before index at: append([]T{x}, s...),
	// slices.Insert(s, i, ...), or growing s and copy(s[i+1:], s[i:]).
	insertion shape = iota
	// removal takes out the elements from index at up to end:
	// append(s[:i], s[j:]...), slices.Delete(s, i, j), or copy(s[i:],
	// s[j:]) followed by shrinking s.
	removal
)

// edit is one call that moves the elements of a slice.
type edit struct {
	call  *ssa.Call
	shape shape
	// in is the slice edited, as the call reads it.
	in ssa.Value
	// out is the value that carries the edited slice on: the call's
	// result, or for copy the slice copied within, which only becomes
	// the edited slice once it is shrunk (needShrink).
	out        ssa.Value
	needShrink bool
	// at and end bound the elements removed, or at is where elements
	// are inserted. A nil at is index 0.
	at, end ssa.Value
	// literal says an insertion prepends a slice literal:
	// append([]T{x}, s...).
	literal bool
}

// editOf recognises the calls that move every element of a slice after
// some index: the append, copy and slices idioms for inserting and
// removing.
func editOf(call *ssa.Call) (edit, bool) {
	c := call.Common()
	if irutil.IsBuiltin(c, "append") && len(c.Args) == 2 {
		return appendEdit(call)
	}
	if irutil.IsBuiltin(c, "copy") && len(c.Args) == 2 {
		return copyEdit(call)
	}
	switch slicesFunc(c) {
	case "Insert":
		if len(c.Args) != 3 || isNilConst(c.Args[2]) {
			return edit{}, false // slices.Insert(s, i) inserts nothing
		}
		return edit{call: call, shape: insertion, in: c.Args[0], out: call, at: c.Args[1]}, true
	case "Delete":
		if len(c.Args) != 3 {
			return edit{}, false
		}
		return edit{call: call, shape: removal, in: c.Args[0], out: call, at: c.Args[1], end: c.Args[2]}, true
	}
	return edit{}, false
}

// appendEdit recognises append([]T{x, ...}, s...), which prepends, and
// append(s[:i], s[j:]...), which removes s[i:j].
func appendEdit(call *ssa.Call) (edit, bool) {
	head, tail := unchange(call.Call.Args[0]), unchange(call.Call.Args[1])
	if literalLen(head) > 0 {
		if _, resliced := tail.(*ssa.Slice); !resliced {
			return edit{call: call, shape: insertion, in: tail, out: call, literal: true}, true
		}
		return edit{}, false
	}
	hs, ok1 := head.(*ssa.Slice)
	if !ok1 || !isZero(hs.Low) || hs.High == nil || hs.Max != nil {
		return edit{}, false
	}
	if at, ok := insertedAt(hs, tail); ok {
		return edit{call: call, shape: insertion, in: hs.X, out: call, at: at}, true
	}
	ts, ok2 := tail.(*ssa.Slice)
	if !ok2 || ts.Low == nil || ts.High != nil {
		return edit{}, false
	}
	if !sameSlice(hs.X, ts.X) {
		return edit{}, false
	}
	return edit{call: call, shape: removal, in: hs.X, out: call, at: hs.High, end: ts.Low}, true
}

// insertedAt recognises the tail of append(s[:i], append([]T{x},
// s[i:]...)...), which inserts x at i, and returns i.
func insertedAt(head *ssa.Slice, tail ssa.Value) (ssa.Value, bool) {
	inner, ok := tail.(*ssa.Call)
	if !ok || !irutil.IsBuiltin(inner.Common(), "append") || len(inner.Call.Args) != 2 || literalLen(unchange(inner.Call.Args[0])) == 0 {
		return nil, false
	}
	rest, ok := unchange(inner.Call.Args[1]).(*ssa.Slice)
	if !ok {
		return nil, false
	}
	if rest.High != nil || rest.Max != nil || !sameSlice(rest.X, head.X) {
		return nil, false
	}
	ra, oa := linear(head.High)
	rb, ob := linear(rest.Low)
	if ra != rb || oa != ob {
		return nil, false
	}
	return head.High, true
}

// copyEdit recognises copy(s[i:], s[j:]): for i < j it moves the tail
// of s left over s[i:j], a removal once s is shrunk; for i > j it moves
// s[j:] right to make room at j, an insertion.
func copyEdit(call *ssa.Call) (edit, bool) {
	dst, dlow := sliceFrom(call.Call.Args[0])
	src, slow := sliceFrom(call.Call.Args[1])
	if !sameSlice(dst, src) {
		return edit{}, false
	}
	switch before(dlow, slow) {
	case less:
		return edit{call: call, shape: removal, in: dst, out: dst, needShrink: true, at: dlow, end: slow}, true
	case greater:
		return edit{call: call, shape: insertion, in: dst, out: dst, at: slow}, true
	}
	return edit{}, false
}

// unchange strips the conversions between a slice type and a type
// parameter constrained to it, which keep the slice as it is.
func unchange(v ssa.Value) ssa.Value {
	for range 4 {
		c, ok := v.(*ssa.ChangeType)
		if !ok {
			break
		}
		v = c.X
	}
	return v
}

// sliceFrom splits v, s or s[i:] (with any high bound), into s and i; i
// is nil for s itself.
func sliceFrom(v ssa.Value) (ssa.Value, ssa.Value) {
	v = unchange(v)
	if s, ok := v.(*ssa.Slice); ok && s.Max == nil {
		if s.Low == nil || isZero(s.Low) {
			return s.X, nil
		}
		return s.X, s.Low
	}
	return v, nil
}

type order int

const (
	unordered order = iota
	less
	greater
)

// before compares two indices, nil meaning 0, when they are constants
// or the same value plus different constants.
func before(a, b ssa.Value) order {
	ra, oa := linear(a)
	rb, ob := linear(b)
	if ra != rb {
		return unordered
	}
	switch {
	case oa < ob:
		return less
	case oa > ob:
		return greater
	}
	return unordered
}

// linear splits an index into a root value and a constant offset: nil
// and k for the constant k, x and k for x+k (through nested additions
// and subtractions of constants).
func linear(v ssa.Value) (ssa.Value, int64) {
	var off int64
	for range 8 {
		if v == nil {
			return nil, off
		}
		if k, ok := intConst(v); ok {
			return nil, off + k
		}
		if conv, ok := v.(*ssa.Convert); ok && isInteger(conv.X.Type()) {
			v = conv.X
			continue
		}
		x, step, ok := irutil.Offset(v)
		if !ok {
			break
		}
		v, off = x, off+step
	}
	return v, off
}

func intConst(v ssa.Value) (int64, bool) {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.Int {
		return 0, false
	}
	k, exact := constant.Int64Val(c.Value)
	return k, exact
}

func isZero(v ssa.Value) bool {
	if v == nil {
		return true
	}
	k, ok := intConst(v)
	return ok && k == 0
}

func isNilConst(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.Value == nil
}

func isInteger(t types.Type) bool {
	b, ok := irutil.CoreType(t).(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}

// literalLen returns the length of a slice composite literal []T{...},
// which the builder makes by slicing a new array, or 0.
func literalLen(v ssa.Value) int64 {
	s, ok := v.(*ssa.Slice)
	if !ok || s.Low != nil || s.High != nil || s.Max != nil {
		return 0
	}
	a, ok := s.X.(*ssa.Alloc)
	if !ok || a.Comment != "slicelit" {
		return 0
	}
	arr, ok := irutil.Deref(a.Type()).Underlying().(*types.Array)
	if !ok {
		return 0
	}
	return arr.Len()
}

// slicesFunc returns the name of the function of package slices that c
// calls, or "".
func slicesFunc(c *ssa.CallCommon) string {
	fn := c.StaticCallee()
	if fn == nil {
		return ""
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Pkg() == nil || obj.Pkg().Path() != "slices" {
		return ""
	}
	return obj.Origin().Name()
}
