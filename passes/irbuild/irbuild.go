// Package irbuild defines an Analyzer that builds the SSA form of the
// functions of a package in which a perfvet finding is possible, and of
// everything they call in the package.
//
// It replaces golang.org/x/tools/go/analysis/passes/buildssa for perfvet's
// purposes. buildssa requires ctrlflow, whose facts force a standalone
// driver to load and analyse every dependency from source; irbuild declares
// no facts, so dependencies come from export data.
//
// # Which bodies are built
//
// The roots are the functions in which a finding can be reported: in
// reported code (see package scope), those that contain a loop or an
// HTTP handler, and the package-level variable initializers that contain
// a loop; or, when a CPU profile applies to the package, the functions
// it shows hot, and nothing else (see roots). irbuild
// builds the bodies of the roots and of the whole transitive
// same-package closure of what they call or refer to (a function named
// in a built body, as a call or as a value). So every function of the
// package that a built body can call statically is built too, and an
// answer about a function never depends on whether unrelated code
// happens to make one of its callees a root.
//
// The closure has no depth limit. Measured on the standard-library slice
// of the benchmark (tests excluded from the roots, as they are not
// reported): 998 roots; 2,145 bodies with the callees one reference away,
// 2,663 at two, 2,926 at three, 3,046 at four, 3,186 at eight, and the
// complete closure, 3,339, at sixteen. Findings on that slice are the same
// at every depth; wall time and peak memory of the complete closure are
// within the noise of depth two (1.30x against 1.35x the floor's wall
// time, 1.16x against 1.15x its peak memory). A limit would only bring
// back answers that change with unrelated code, at the frontier.
//
// In a package that imports "C" and was type-checked from its files as
// written (types.Config.FakeImportC, as the standalone driver does, so
// that nothing of cgo runs), code that names C, or a value whose type is
// made from one of C's, has unknown types: it is never built, and is
// unknown to consumers like any body not built.
//
// Every other function of the package is not created at all (the
// builder creates a method it needs for a method set from type
// information, without a body), and imported packages are created with
// only the functions and variables the built bodies refer to: the
// checker keeps every package's result until the run ends, so whatever
// is created here adds to the peak memory of the whole run.
//
// # The contract for consumers
//
// State says, for any function, whether its body was built, is out of
// scope (same package, not built) or belongs to another package. One rule
// holds for every consumer: a body that is not built is unknown. A
// consumer may know an API of another package by name, but must never
// read "no body" as "does nothing", nor follow calls to a depth of its
// own: what is built is the limit.
//
// Bodies carry no debug information (ssa.GlobalDebug is off, as no
// consumer maps source expressions to values): they contain no
// ssa.DebugRef instructions.
package irbuild

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/perfvet/perfvet/passes/hotness"
	"github.com/perfvet/perfvet/passes/scope"
)

// Analyzer builds the SSA form of the interesting functions of a package.
var Analyzer = &analysis.Analyzer{
	Name:       "irbuild",
	Doc:        "build SSA for the functions of a package that contain loops, and what they call",
	Run:        run,
	Requires:   []*analysis.Analyzer{hotness.Analyzer, scope.Analyzer},
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
	// unbuilt holds the functions of the package that have a body in
	// the source but were created without one.
	unbuilt map[*types.Func]bool
}

// State is what is known of a function's body.
type State int

const (
	// Built: the function's SSA body exists (Blocks is not nil).
	Built State = iota
	// OutOfScope: a function of this package whose body was not built:
	// no root refers to it, directly or through built bodies. What it
	// does is unknown.
	OutOfScope
	// Foreign: a function of another package, or one whose body is not
	// Go source (assembly, a linkname): irbuild never builds it. What it
	// does is unknown, unless the consumer knows the API by name.
	Foreign
)

// State returns what is known of fn's body. An instantiation of a
// generic function has the state of its origin (without
// ssa.InstantiateGenerics, the builder gives an instance of another
// package's generic function a body of its own, which is not that
// function's code).
func (ir *IR) State(fn *ssa.Function) State {
	if fn == nil {
		return Foreign
	}
	if fn.Origin() != nil {
		fn = fn.Origin()
	}
	if fn.Blocks != nil {
		return Built
	}
	if obj, ok := fn.Object().(*types.Func); ok && ir.unbuilt[obj] {
		return OutOfScope
	}
	return Foreign
}

// Body returns the SSA function whose body a call to fn runs: fn, or
// the generic function it instantiates, when its state is Built; nil
// otherwise (see State: nil means unknown, not empty).
func (ir *IR) Body(fn *ssa.Function) *ssa.Function {
	if fn == nil {
		return nil
	}
	if fn.Origin() != nil {
		fn = fn.Origin()
	}
	if fn.Blocks == nil {
		return nil
	}
	return fn
}

// Func returns the SSA function of a declared function or method of this
// package, or nil if it is not in the package or was built without a body.
func (ir *IR) Func(obj *types.Func) *ssa.Function {
	return ir.Body(ir.byObj[obj])
}

func run(pass *analysis.Pass) (any, error) {
	ir := &IR{byObj: make(map[*types.Func]*ssa.Function), unbuilt: make(map[*types.Func]bool)}
	sc := pass.ResultOf[scope.Analyzer].(*scope.Scope)
	rs, loopy := roots(pass, sc), loopyInitializers(pass, sc)
	keep, inits := closure(pass, rs, loopy, cgoInvalidTypes(pass))
	if len(keep) == 0 && len(inits) == 0 {
		return ir, nil
	}
	pkg, err := build(pass, keep, inits, referencedMembers(pass, keep, inits).create, pruneDecls)
	if err != nil {
		// The builder needs a member we did not predict, or met a value
		// of unknown type (from a package of C's names, see invalidTypes):
		// build again with every import whole and every declaration, as
		// buildssa would, leaving out any body that uses such a value.
		keep, inits = closure(pass, rs, loopy, newInvalidTypes(pass))
		if pkg, err = build(pass, keep, inits, wholeImports(pass.Pkg.Imports()), stripBodies); err != nil {
			return nil, err
		}
	}
	ir.Pkg = pkg
	for _, decl := range funcDecls(pass.Files) {
		obj, _ := pass.TypesInfo.Defs[decl.Name].(*types.Func)
		if !keep[decl] && decl.Body != nil {
			ir.unbuilt[obj] = true
		}
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
// initializers inits, after createImports has created the imported
// packages, from the declarations decls leaves. Building reports, rather than crashes on, a reference to a
// member not created.
func build(pass *analysis.Pass, keep map[*ast.FuncDecl]bool, inits []*types.Initializer, createImports func(*ssa.Program), decls func([]*ast.File, map[*ast.FuncDecl]bool) []*ast.File) (pkg *ssa.Package, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("building SSA for %s: %v", pass.Pkg.Path(), r)
		}
	}()
	// BareInits: the package initializer does not call the imported
	// packages' initializers, so only referenced imports need creating.
	prog := ssa.NewProgram(pass.Fset, ssa.BareInits)
	prog.SetNoReturn(isNoReturn)
	createImports(prog)
	info := *pass.TypesInfo
	info.InitOrder = inits
	pkg = prog.CreatePackage(pass.Pkg, decls(pass.Files, keep), &info, false)
	pkg.Build()
	return pkg, nil
}

// loopyInitializers returns the package-level variable initializers that
// contain a loop (in a function literal): the only ones worth building;
// none under a profile, which weighs package-level code as run once.
func loopyInitializers(pass *analysis.Pass, sc *scope.Scope) []*types.Initializer {
	if pass.ResultOf[hotness.Analyzer].(*hotness.Evidence).Profiled() {
		return nil
	}
	var inits []*types.Initializer
	for _, init := range pass.TypesInfo.InitOrder {
		if containsLoop(init.Rhs) && sc.Reported(init.Rhs.Pos()) {
			inits = append(inits, init)
		}
	}
	return inits
}

// imports lists the package-level functions and variables of imported
// packages that the bodies to build refer to, by package in order of
// first reference: the only members of imported packages the SSA
// builder looks up. Methods are created on demand by the builder,
// constants and types need no member.
type imports struct {
	pkgs    []*types.Package
	members map[*types.Package][]types.Object
}

// referencedMembers returns the imported members that keep and inits
// refer to.
func referencedMembers(pass *analysis.Pass, keep map[*ast.FuncDecl]bool, inits []*types.Initializer) *imports {
	refs := &imports{members: make(map[*types.Package][]types.Object)}
	seen := make(map[types.Object]bool)
	visit := func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		obj := pass.TypesInfo.Uses[id]
		if obj == nil || obj.Pkg() == nil || obj.Pkg() == pass.Pkg || seen[obj] || !isPackageLevelValue(obj) {
			return true
		}
		seen[obj] = true
		if refs.members[obj.Pkg()] == nil {
			refs.pkgs = append(refs.pkgs, obj.Pkg())
		}
		refs.members[obj.Pkg()] = append(refs.members[obj.Pkg()], obj)
		return true
	}
	for _, d := range funcDecls(pass.Files) {
		if keep[d] {
			ast.Inspect(d, visit)
		}
	}
	for _, init := range inits {
		ast.Inspect(init.Rhs, visit)
	}
	return refs
}

// isPackageLevelValue reports whether obj is a package-level function or
// variable, which the SSA builder looks up as a member of its package.
func isPackageLevelValue(obj types.Object) bool {
	switch obj.(type) {
	case *types.Func, *types.Var:
		return obj.Parent() == obj.Pkg().Scope()
	}
	return false
}

// create creates each imported package with only the referenced members.
//
// Created from type information alone, a package gets a member for
// every function, method and variable it declares: across the packages
// of one run that is hundreds of thousands of functions (net/http alone
// has 2,000), most of them never referenced, all kept until the run
// ends. Created from syntax, a package gets a member per declaration;
// so the package is given one bodiless declaration per referenced
// member, bound to the real object. Functions created this way have
// that stand-in declaration as their Syntax, and no body, like
// functions created from type information.
func (refs *imports) create(prog *ssa.Program) {
	for _, pkg := range refs.pkgs {
		file, info := declarations(pkg, refs.members[pkg])
		prog.CreatePackage(pkg, []*ast.File{file}, info, true)
	}
}

// declarations returns a file declaring objs, which belong to pkg,
// without bodies or initializers, and the type information that binds
// each declared name to its object.
func declarations(pkg *types.Package, objs []types.Object) (*ast.File, *types.Info) {
	file := &ast.File{Name: ast.NewIdent(pkg.Name())}
	info := &types.Info{Defs: make(map[*ast.Ident]types.Object, len(objs))}
	for _, obj := range objs {
		id := ast.NewIdent(obj.Name())
		info.Defs[id] = obj
		if _, ok := obj.(*types.Func); ok {
			file.Decls = append(file.Decls, &ast.FuncDecl{Name: id, Type: &ast.FuncType{}})
		} else {
			spec := &ast.ValueSpec{Names: []*ast.Ident{id}}
			file.Decls = append(file.Decls, &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{spec}})
		}
	}
	return file, info
}

// wholeImports returns a function that creates each of pkgs with all of
// its members, as buildssa does.
func wholeImports(pkgs []*types.Package) func(*ssa.Program) {
	return func(prog *ssa.Program) {
		for _, pkg := range pkgs {
			prog.CreatePackage(pkg, nil, nil, true)
		}
	}
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

// roots returns the declarations in reported code in which a finding can
// be reported: without a profile, those that contain a loop or an HTTP
// handler; with one, those the profile shows hot, loop or not. (Under a
// profile a finding is reported only if its loop's share, or its
// function's, reaches the threshold, and a loop's share is at most its
// function's: nothing in a function below it can be reported.)
func roots(pass *analysis.Pass, sc *scope.Scope) []*ast.FuncDecl {
	evidence := pass.ResultOf[hotness.Analyzer].(*hotness.Evidence)
	var out []*ast.FuncDecl
	for _, d := range funcDecls(pass.Files) {
		if d.Body != nil && sc.Reported(d.Pos()) && mayReportIn(pass, evidence, d) {
			out = append(out, d)
		}
	}
	return out
}

// mayReportIn reports whether a finding in d can be reported, by the
// rule roots documents.
func mayReportIn(pass *analysis.Pass, evidence *hotness.Evidence, d *ast.FuncDecl) bool {
	if evidence.Profiled() {
		return evidence.HotFunction(d)
	}
	return containsLoop(d.Body) || servesHTTP(pass.TypesInfo, d)
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

// servesHTTP reports whether d, or a function literal in it, has the
// signature of an HTTP handler, func(http.ResponseWriter, *http.Request):
// it runs on every request, so work in it repeats as in a loop.
func servesHTTP(info *types.Info, d *ast.FuncDecl) bool {
	if obj, ok := info.Defs[d.Name].(*types.Func); ok && IsHandler(obj.Type().(*types.Signature)) {
		return true
	}
	found := false
	ast.Inspect(d.Body, func(n ast.Node) bool {
		if lit, ok := n.(*ast.FuncLit); ok {
			if sig, ok := info.TypeOf(lit).(*types.Signature); ok && IsHandler(sig) {
				found = true
			}
		}
		return !found
	})
	return found
}

// IsHandler reports whether sig, its receiver aside, is the signature of
// an HTTP handler: func(http.ResponseWriter, *http.Request).
func IsHandler(sig *types.Signature) bool {
	if sig.Params().Len() != 2 || sig.Results().Len() != 0 {
		return false
	}
	w, ok := sig.Params().At(0).Type().(*types.Named)
	if !ok || !isNetHTTP(w.Obj(), "ResponseWriter") {
		return false
	}
	ptr, ok := sig.Params().At(1).Type().(*types.Pointer)
	if !ok {
		return false
	}
	req, ok := ptr.Elem().(*types.Named)
	return ok && isNetHTTP(req.Obj(), "Request")
}

func isNetHTTP(obj *types.TypeName, name string) bool {
	return obj.Pkg() != nil && obj.Pkg().Path() == "net/http" && obj.Name() == name
}

// pruneDecls returns shallow copies of files without the function
// declarations that have a body but are not in keep: those functions are
// not created at all. A function created without a body costs as much
// memory as a small built one, and across a package most functions are
// not built; no built body refers to them (keep is closed under
// reference), and the builder creates a method it needs for a method set
// from type information. Init functions stay, bodiless, as the package
// initializer calls them.
func pruneDecls(files []*ast.File, keep map[*ast.FuncDecl]bool) []*ast.File {
	out := make([]*ast.File, len(files))
	for i, f := range files {
		copied := *f
		copied.Decls = make([]ast.Decl, 0, len(f.Decls))
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && !keep[fd] && fd.Body != nil {
				if fd.Recv != nil || fd.Name.Name != "init" {
					continue
				}
				bodiless := *fd
				bodiless.Body = nil
				d = &bodiless
			}
			copied.Decls = append(copied.Decls, d)
		}
		out[i] = &copied
	}
	return out
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
