package recompile

import (
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/analyzers/internal/repeated"
)

// kind classifies a compilation call.
type kind int

const (
	// compile is regexp.Compile, MustCompile and their POSIX forms.
	compile kind = iota
	// match is regexp.Match, MatchString and MatchReader, which compile
	// their pattern and throw it away.
	match
	// tmpl parses a fresh template: template.New(...).Parse, or
	// template.ParseFiles, ParseGlob, ParseFS.
	tmpl
)

// site is a call that compiles a regexp or parses a template.
type site struct {
	call *ssa.Call
	kind kind
	// name is the callee as messages show it: regexp.MustCompile,
	// template.New(...).Parse.
	name string
	// must is true for MustCompile and MustCompilePOSIX.
	must bool
	// posix is true for the POSIX forms.
	posix bool
	// inputs are the values the compiled result depends on: the
	// pattern, the template text, the file names.
	inputs []ssa.Value
	// config are the other values a template is built with: the
	// arguments of Funcs, Delims and Option.
	config []ssa.Value
}

// movable reports whether the compilation could move to package level:
// it depends only on constants.
func (s site) movable() bool {
	for _, v := range append(slices.Clip(s.inputs), s.config...) {
		if sl, ok := v.(*ssa.Slice); ok {
			if elems, ok := repeated.Elements(sl); ok && allConst(elems) {
				continue
			}
		}
		if !allConst([]ssa.Value{v}) {
			return false
		}
	}
	return true
}

func allConst(vs []ssa.Value) bool {
	for _, v := range vs {
		if _, ok := v.(*ssa.Const); !ok {
			return false
		}
	}
	return true
}

// constant returns the pattern of a regexp compilation when it is a
// constant.
func (s site) constant() (string, bool) {
	if s.kind == tmpl || len(s.inputs) != 1 {
		return "", false
	}
	return repeated.IsConst(s.inputs[0])
}

var regexpFuncs = map[string]kind{
	"Compile": compile, "MustCompile": compile, "CompilePOSIX": compile, "MustCompilePOSIX": compile,
	"Match": match, "MatchString": match, "MatchReader": match,
}

// siteOf returns the compilation call is, if it is one.
func siteOf(call *ssa.Call) (site, bool) {
	c := call.Common()
	fn := callee(c)
	if fn == nil || len(c.Args) == 0 {
		return site{}, false
	}
	path, name := fn.Pkg().Path(), fn.Name()
	if path == "regexp" && fn.Signature().Recv() == nil {
		k, ok := regexpFuncs[name]
		if !ok {
			return site{}, false
		}
		return site{
			call: call, kind: k, name: "regexp." + name,
			must:   name == "MustCompile" || name == "MustCompilePOSIX",
			posix:  name == "CompilePOSIX" || name == "MustCompilePOSIX",
			inputs: c.Args[:1],
		}, true
	}
	if path != "text/template" && path != "html/template" {
		return site{}, false
	}
	if fn.Signature().Recv() == nil {
		switch name {
		case "ParseFiles", "ParseGlob", "ParseFS":
			return site{call: call, kind: tmpl, name: "template." + name, inputs: c.Args}, true
		}
		return site{}, false
	}
	switch name {
	case "Parse", "ParseFiles", "ParseGlob", "ParseFS":
		if config, ok := fresh(c.Args[0], 0); ok {
			return site{call: call, kind: tmpl, name: "template.New(...)." + name, inputs: c.Args[1:], config: config}, true
		}
	}
	return site{}, false
}

// fresh reports whether t is a template just made by template.New,
// configured by Funcs, Delims or Option: parsing into it builds a new
// template rather than adding to one kept elsewhere. It returns the
// values the configuring calls pass.
func fresh(t ssa.Value, depth int) ([]ssa.Value, bool) {
	call, ok := t.(*ssa.Call)
	if !ok || depth > 8 {
		return nil, false
	}
	fn := callee(call.Common())
	if fn == nil {
		return nil, false
	}
	if path := fn.Pkg().Path(); path != "text/template" && path != "html/template" {
		return nil, false
	}
	if fn.Signature().Recv() == nil {
		return nil, fn.Name() == "New"
	}
	switch fn.Name() {
	case "Funcs", "Delims", "Option":
		config, ok := fresh(call.Common().Args[0], depth+1)
		return append(config, call.Common().Args[1:]...), ok
	}
	return nil, false
}

// callee returns the function or method c statically calls, if it
// belongs to a package. Methods of imported packages are created on
// demand, without an SSA package, so the answer comes from types.
func callee(c *ssa.CallCommon) *types.Func {
	fn := c.StaticCallee()
	if fn == nil {
		return nil
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Pkg() == nil {
		return nil
	}
	return obj
}
