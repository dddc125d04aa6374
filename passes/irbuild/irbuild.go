// Package irbuild defines an Analyzer that builds the SSA form of the
// functions of a package in which a perfvet finding is possible.
//
// It replaces golang.org/x/tools/go/analysis/passes/buildssa for perfvet's
// purposes. buildssa requires ctrlflow, whose facts force a standalone
// driver to load and analyse every dependency from source; irbuild declares
// no facts, so dependencies come from export data, and it builds bodies only
// for the functions that contain a loop (plus the same-package functions
// those call or reference, which analyzers inspect to see what a callee
// does). Every other function is created without a body, as if it were
// implemented in assembly.
package irbuild

import (
	"fmt"
	"go/ast"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// Analyzer builds the SSA form of the interesting functions of a package.
var Analyzer = &analysis.Analyzer{
	Name:       "irbuild",
	Doc:        "build SSA for the functions of a package that contain loops",
	Run:        run,
	ResultType: reflect.TypeFor[*IR](),
}

// IR is the SSA form of one package, restricted to the functions that
// perfvet analyzers look at.
type IR struct {
	// Pkg is the SSA package; nil when the package has no loops at all.
	Pkg *ssa.Package
	// Funcs lists the functions with bodies, including function
	// literals and range-over-func yield functions, in source order.
	Funcs []*ssa.Function

	byObj map[*types.Func]*ssa.Function
}

// Func returns the SSA function of a declared function or method of this
// package, or nil if it is not in the package or was built without a body.
func (ir *IR) Func(obj *types.Func) *ssa.Function {
	fn := ir.byObj[obj]
	if fn == nil || fn.Blocks == nil {
		return nil
	}
	return fn
}

func run(pass *analysis.Pass) (any, error) {
	ir := &IR{byObj: make(map[*types.Func]*ssa.Function)}
	keep := interestingFuncs(pass)
	inits := loopyInitializers(pass.TypesInfo)
	if len(keep) == 0 && len(inits) == 0 {
		return ir, nil
	}
	pkg, err := build(pass, keep, inits, referencedPackages(pass, keep, inits))
	if err != nil {
		// The builder needs a package we did not predict: build again
		// with every import, as buildssa would.
		if pkg, err = build(pass, keep, inits, pass.Pkg.Imports()); err != nil {
			return nil, err
		}
	}
	ir.Pkg = pkg
	for _, decl := range funcDecls(pass.Files) {
		obj, _ := pass.TypesInfo.Defs[decl.Name].(*types.Func)
		fn := pkg.Prog.FuncValue(obj)
		if fn == nil {
			continue
		}
		ir.byObj[obj] = fn
		if keep[decl] {
			ir.Funcs = appendWithAnons(ir.Funcs, fn)
		}
	}
	// Function literals in package-level variable initializers belong
	// to the package initializer.
	if init := pkg.Func("init"); init != nil {
		for _, anon := range init.AnonFuncs {
			ir.Funcs = appendWithAnons(ir.Funcs, anon)
		}
	}
	return ir, nil
}

// build creates and builds the SSA package with bodies for keep and the
// initializers inits, creating the given imported packages. Building
// reports, rather than crashes on, a reference to a package not created.
func build(pass *analysis.Pass, keep map[*ast.FuncDecl]bool, inits []*types.Initializer, imports []*types.Package) (pkg *ssa.Package, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("building SSA for %s: %v", pass.Pkg.Path(), r)
		}
	}()
	// BareInits: the package initializer does not call the imported
	// packages' initializers, so only referenced imports need creating.
	prog := ssa.NewProgram(pass.Fset, ssa.BareInits)
	prog.SetNoReturn(isNoReturn)
	for _, imp := range imports {
		prog.CreatePackage(imp, nil, nil, true)
	}
	info := *pass.TypesInfo
	info.InitOrder = inits
	pkg = prog.CreatePackage(pass.Pkg, stripBodies(pass.Files, keep), &info, false)
	pkg.Build()
	return pkg, nil
}

// loopyInitializers returns the package-level variable initializers that
// contain a loop (in a function literal): the only ones worth building.
func loopyInitializers(info *types.Info) []*types.Initializer {
	var inits []*types.Initializer
	for _, init := range info.InitOrder {
		if containsLoop(init.Rhs) {
			inits = append(inits, init)
		}
	}
	return inits
}

// referencedPackages returns the imported packages whose package-level
// functions or variables the bodies to build refer to. Methods are
// created on demand by the SSA builder, constants need no package.
func referencedPackages(pass *analysis.Pass, keep map[*ast.FuncDecl]bool, inits []*types.Initializer) []*types.Package {
	seen := make(map[*types.Package]bool)
	var pkgs []*types.Package
	visit := func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		obj := pass.TypesInfo.Uses[id]
		if obj == nil || obj.Pkg() == nil || obj.Pkg() == pass.Pkg || seen[obj.Pkg()] {
			return true
		}
		switch obj.(type) {
		case *types.Func, *types.Var:
			if obj.Parent() == obj.Pkg().Scope() {
				seen[obj.Pkg()] = true
				pkgs = append(pkgs, obj.Pkg())
			}
		}
		return true
	}
	for d := range keep {
		ast.Inspect(d, visit)
	}
	for _, init := range inits {
		ast.Inspect(init.Rhs, visit)
	}
	return pkgs
}

// appendWithAnons appends fn and, depth first, the functions nested in it.
func appendWithAnons(funcs []*ssa.Function, fn *ssa.Function) []*ssa.Function {
	if fn.Blocks == nil {
		return funcs
	}
	funcs = append(funcs, fn)
	for _, anon := range fn.AnonFuncs {
		funcs = appendWithAnons(funcs, anon)
	}
	return funcs
}

// funcDecls returns the function declarations of files in source order.
func funcDecls(files []*ast.File) []*ast.FuncDecl {
	var decls []*ast.FuncDecl
	for _, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name != "_" {
				decls = append(decls, fd)
			}
		}
	}
	return decls
}

// interestingFuncs returns the declarations whose bodies must be built:
// those containing a loop, and the same-package functions they refer to.
func interestingFuncs(pass *analysis.Pass) map[*ast.FuncDecl]bool {
	declOf := make(map[types.Object]*ast.FuncDecl)
	decls := funcDecls(pass.Files)
	for _, d := range decls {
		if obj := pass.TypesInfo.Defs[d.Name]; obj != nil {
			declOf[obj] = d
		}
	}
	keep := make(map[*ast.FuncDecl]bool)
	for _, d := range decls {
		if d.Body != nil && containsLoop(d.Body) {
			keep[d] = true
		}
	}
	var referenced []*ast.FuncDecl
	for d := range keep {
		ast.Inspect(d.Body, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			if callee, ok := declOf[pass.TypesInfo.Uses[id]]; ok && !keep[callee] && callee.Body != nil {
				referenced = append(referenced, callee)
			}
			return true
		})
	}
	for _, d := range referenced {
		keep[d] = true
	}
	return keep
}

// containsLoop reports whether n contains a for or range statement or a
// label (the target of a possible backward goto).
func containsLoop(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.LabeledStmt:
			found = true
		}
		return !found
	})
	return found
}

// stripBodies returns shallow copies of files in which every function
// declaration not in keep has no body, so SSA construction skips it.
func stripBodies(files []*ast.File, keep map[*ast.FuncDecl]bool) []*ast.File {
	out := make([]*ast.File, len(files))
	for i, f := range files {
		copied := *f
		copied.Decls = make([]ast.Decl, len(f.Decls))
		for j, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && !keep[fd] && fd.Body != nil {
				bodiless := *fd
				bodiless.Body = nil
				d = &bodiless
			}
			copied.Decls[j] = d
		}
		out[i] = &copied
	}
	return out
}

// isNoReturn reports whether a call to fn never returns normally, for the
// standard library functions that matter in loops. Cutting the control
// flow after them keeps "exits the loop" and "dominates the latch"
// questions precise without ctrlflow's facts.
func isNoReturn(fn *types.Func) bool {
	if fn.Pkg() == nil {
		return false
	}
	name := fn.Name()
	switch fn.Pkg().Path() {
	case "os":
		return name == "Exit"
	case "runtime":
		return name == "Goexit"
	case "log":
		switch name {
		case "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln":
			return true
		}
	case "testing":
		switch name {
		case "Fatal", "Fatalf", "FailNow", "Skip", "Skipf", "SkipNow":
			return true
		}
	}
	return false
}
