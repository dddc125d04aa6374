package intermediate

import (
	"go/ast"
	"go/types"
	"strings"
)

// purePackages are standard-library packages whose package-level
// functions compute their result from their arguments alone: they write
// nothing and run no code of the caller's (calls passing a function
// value are excluded separately), except those listed in impure.
var purePackages = map[string]bool{
	"strings": true, "bytes": true, "strconv": true, "unicode": true,
	"unicode/utf8": true, "unicode/utf16": true, "math": true, "math/bits": true,
	"cmp": true, "path": true,
}

// impure lists functions of purePackages that write memory they are
// given (the Append* family, utf8.EncodeRune) or allocate objects the
// caller then mutates through methods.
var impure = map[string]bool{
	"unicode/utf8.EncodeRune": true, "strings.NewReader": true,
	"bytes.NewReader": true, "bytes.NewBuffer": true, "bytes.NewBufferString": true,
}

// pureFuncs are other standard-library functions that are pure.
var pureFuncs = map[string]bool{
	"path/filepath.Base": true, "path/filepath.Ext": true, "path/filepath.Join": true,
	"path/filepath.Clean": true, "path/filepath.Dir": true, "path/filepath.Split": true,
	"path/filepath.IsAbs": true, "path/filepath.Rel": true, "path/filepath.ToSlash": true,
	"path/filepath.FromSlash": true, "path/filepath.Match": true,
	"slices.Contains": true, "slices.Index": true, "slices.Equal": true,
	"slices.Compare": true, "slices.Max": true, "slices.Min": true,
	"slices.BinarySearch": true, "fmt.Sprint": true, "fmt.Sprintf": true,
	"fmt.Sprintln": true,
}

// formatting lists the functions that call methods of their operands
// (String, Error, Format): pure only when every operand is of a basic
// type without methods.
var formatting = map[string]bool{"fmt.Sprint": true, "fmt.Sprintf": true, "fmt.Sprintln": true}

// pureBuiltins are the built-in functions that write nothing the program
// can observe (append writes only past the length of its operand, into
// memory no other slice of the same array has yet).
var pureBuiltins = map[string]bool{
	"append": true, "len": true, "cap": true, "min": true, "max": true,
	"make": true, "new": true, "complex": true, "real": true, "imag": true,
}

// isPureCall reports whether call is a conversion, a pure built-in or a
// pure standard-library function, none of whose arguments is a function.
func isPureCall(info *types.Info, call *ast.CallExpr) bool {
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() {
		return true
	}
	switch obj := calleeObject(info, call).(type) {
	case *types.Builtin:
		return pureBuiltins[obj.Name()]
	case *types.Func:
		sig, _ := obj.Type().(*types.Signature)
		if obj.Pkg() == nil || sig == nil || sig.Recv() != nil {
			return false
		}
		key := obj.Pkg().Path() + "." + obj.Name()
		pure := pureFuncs[key] || purePackages[obj.Pkg().Path()] && !impure[key] && !strings.HasPrefix(obj.Name(), "Append")
		if !pure {
			return false
		}
		for _, arg := range call.Args {
			t := info.TypeOf(arg)
			if t == nil {
				return false
			}
			if _, isFunc := t.Underlying().(*types.Signature); isFunc {
				return false
			}
			if formatting[key] && !plainOperand(t) {
				return false
			}
		}
		return true
	}
	return false
}

// plainOperand reports whether fmt formats a value of type t without
// calling any method of it.
func plainOperand(t types.Type) bool {
	_, basic := t.Underlying().(*types.Basic)
	return basic && types.NewMethodSet(t).Len() == 0
}

// calleeObject returns the function or built-in call calls, if it is
// named: f, pkg.F or x.M.
func calleeObject(info *types.Info, call *ast.CallExpr) types.Object {
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		return info.Uses[fun]
	case *ast.SelectorExpr:
		return info.Uses[fun.Sel]
	case *ast.IndexExpr: // an explicit instantiation
		return calleeObject(info, &ast.CallExpr{Fun: fun.X})
	case *ast.IndexListExpr:
		return calleeObject(info, &ast.CallExpr{Fun: fun.X})
	}
	return nil
}

// isFunc reports whether obj is the package-level function path.name.
func isFunc(obj types.Object, path, name string) bool {
	fn, ok := obj.(*types.Func)
	return ok && fn.Pkg() != nil && fn.Pkg().Path() == path && fn.Name() == name &&
		fn.Type().(*types.Signature).Recv() == nil
}

// isPackageLevel reports whether v is a package-level variable.
func isPackageLevel(v *types.Var) bool {
	return v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}
