package irbuild

import (
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
)

// invalidTypes finds the code whose types are unknown in a package
// type-checked from its files as written, without cgo's output
// (types.Config.FakeImportC, as the standalone driver does): every name
// of package C, and whatever is declared with a type made from one, has
// an invalid type, which the SSA builder cannot translate; so do values
// of such types that another package so checked returns. Code that
// refers to such a name is not built, so consumers see it as they see
// any body not built: unknown. A nil *invalidTypes finds nothing.
type invalidTypes struct {
	info *types.Info
	// invalid memoizes whether a type is or contains an invalid type.
	invalid map[types.Type]bool
}

// cgoInvalidTypes returns the finder for pass, or nil when no file of
// the package imports "C" under FakeImportC: in a package type-checked
// with cgo's output, C's names are cgo's declarations and all types are
// known.
func cgoInvalidTypes(pass *analysis.Pass) *invalidTypes {
	fake := slices.ContainsFunc(pass.Pkg.Imports(), func(p *types.Package) bool { return p.Path() == "C" })
	if !fake {
		return nil
	}
	return newInvalidTypes(pass)
}

// newInvalidTypes returns the finder for pass whatever it imports: a
// package that imports none of C's names can still hold values of
// unknown type that another package returns. Looking costs a walk of
// every body to build, so it is done only once a build has failed.
func newInvalidTypes(pass *analysis.Pass) *invalidTypes {
	return &invalidTypes{info: pass.TypesInfo, invalid: make(map[types.Type]bool)}
}

// unknown reports whether n names package C, or an object whose type
// is or contains an invalid type.
func (c *invalidTypes) unknown(n ast.Node) bool {
	if c == nil || n == nil {
		return false
	}
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			obj := c.info.Uses[id]
			if obj == nil {
				obj = c.info.Defs[id]
			}
			switch obj := obj.(type) {
			case *types.PkgName:
				found = obj.Imported().Path() == "C"
			case *types.Var, *types.Const, *types.Func, *types.TypeName:
				// (Builtins and labels have no type: not these.)
				found = c.containsInvalid(obj.Type())
			}
		}
		return !found
	})
	return found
}

// containsInvalid reports whether t is the invalid type or is built
// from it: an element, field, parameter or result of invalid type.
func (c *invalidTypes) containsInvalid(t types.Type) bool {
	if t == nil {
		return false
	}
	if v, ok := c.invalid[t]; ok {
		return v
	}
	c.invalid[t] = false // a recursive type is as valid as its other parts
	v := false
	switch t := t.(type) {
	case *types.Basic:
		v = t.Kind() == types.Invalid
	case *types.Named:
		v = c.containsInvalid(t.Underlying())
	case *types.Alias:
		v = c.containsInvalid(types.Unalias(t))
	case *types.Pointer:
		v = c.containsInvalid(t.Elem())
	case *types.Slice:
		v = c.containsInvalid(t.Elem())
	case *types.Array:
		v = c.containsInvalid(t.Elem())
	case *types.Chan:
		v = c.containsInvalid(t.Elem())
	case *types.Map:
		v = c.containsInvalid(t.Key()) || c.containsInvalid(t.Elem())
	case *types.Struct:
		for f := range t.Fields() {
			v = v || c.containsInvalid(f.Type())
		}
	case *types.Tuple:
		for f := range t.Variables() {
			v = v || c.containsInvalid(f.Type())
		}
	case *types.Signature:
		v = c.containsInvalid(t.Params()) || c.containsInvalid(t.Results())
	}
	c.invalid[t] = v
	return v
}
