package driver

import (
	"fmt"
	"go/token"
	"go/types"
	"maps"
	"os"
	"slices"
	"sync"

	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"
)

// An exportStore holds the types of the packages units import, read
// from the export data the go command compiled, and the file set of the
// whole run, in which both the units' files and the imported objects
// have their positions.
//
// Most units import the packages themselves: for them one set of
// packages, shared by the run, is read once, as go/packages reads it
// for a whole load. A unit that depends on a test variant (a package
// compiled again with the tests of one it imports, under the same
// import path) gets packages of its own, read for it alone, so that no
// variant's types mix with the package's.
type exportStore struct {
	fset *token.FileSet

	mu        sync.Mutex // guards shared, completed and every read into shared
	shared    map[string]*types.Package
	completed map[string]bool // shared packages whose imports are set
}

// newExportStore returns the empty store of a run.
func newExportStore() *exportStore {
	return &exportStore{
		fset:      token.NewFileSet(),
		shared:    make(map[string]*types.Package),
		completed: make(map[string]bool),
	}
}

// importer returns the importer of unit p: it resolves import paths as
// p's source spells them (vendoring included) and gives every
// dependency its whole import list (see completeImports).
func (s *exportStore) importer(p *packages.Package) types.Importer {
	if dependsOnVariant(p) {
		view := &exportView{fset: s.fset, pkgs: make(map[string]*types.Package), completed: make(map[string]bool)}
		return importerFunc(func(path string) (*types.Package, error) { return view.importFor(p, path) })
	}
	view := &exportView{fset: s.fset, pkgs: s.shared, completed: s.completed}
	return importerFunc(func(path string) (*types.Package, error) {
		s.mu.Lock()
		defer s.mu.Unlock()
		return view.importFor(p, path)
	})
}

// dependsOnVariant reports whether a package p depends on, directly or
// not, is a test variant, whose ID differs from its import path.
func dependsOnVariant(p *packages.Package) bool {
	found := false
	packages.Visit(slices.Collect(maps.Values(p.Imports)), func(dep *packages.Package) bool {
		found = found || dep.ID != dep.PkgPath
		return !found
	}, nil)
	return found
}

// An exportView is a set of packages read from export data, by path,
// in which types are identical across the imports that share it.
type exportView struct {
	fset      *token.FileSet
	pkgs      map[string]*types.Package
	completed map[string]bool
}

// importFor imports the package that p imports as path.
func (v *exportView) importFor(p *packages.Package, path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	dep := p.Imports[path]
	if dep == nil {
		return nil, fmt.Errorf("%s does not import %q", p.ID, path)
	}
	tp := v.pkgs[dep.PkgPath]
	if tp == nil || !tp.Complete() {
		if dep.ExportFile == "" {
			return nil, fmt.Errorf("no export data for %s", dep.ID)
		}
		var err error
		if tp, err = readExport(v.fset, v.pkgs, dep); err != nil {
			return nil, err
		}
		// Reading sets dep's imports to those its export data names.
		delete(v.completed, dep.PkgPath)
	}
	v.completeImports(dep)
	return tp, nil
}

// completeImports gives dep and every package it depends on the imports
// the go command listed for it, once each. Export data records only the
// packages a package's API mentions, so that without this, Imports of a
// dependency would depend on what its export data happens to mention,
// and an analyzer asking whether the unit already depends on a package
// (to add an import without a cycle) would get a narrower answer than
// from source. Packages no export data mentioned are created empty:
// they stand in the graph only.
func (v *exportView) completeImports(dep *packages.Package) {
	packages.Visit([]*packages.Package{dep}, func(d *packages.Package) bool {
		return !v.completed[d.PkgPath]
	}, func(d *packages.Package) {
		imports := make([]*types.Package, 0, len(d.Imports))
		for _, path := range slices.Sorted(maps.Keys(d.Imports)) {
			imports = append(imports, v.get(d.Imports[path]))
		}
		v.get(d).SetImports(imports)
		v.completed[d.PkgPath] = true
	})
}

// get returns the view's package for d, created empty if no export data
// mentioned it yet.
func (v *exportView) get(d *packages.Package) *types.Package {
	if d.PkgPath == "unsafe" {
		return types.Unsafe
	}
	tp := v.pkgs[d.PkgPath]
	if tp == nil {
		tp = types.NewPackage(d.PkgPath, d.Name)
		v.pkgs[d.PkgPath] = tp
	}
	return tp
}

// readExport reads the export data of dep into pkgs.
func readExport(fset *token.FileSet, pkgs map[string]*types.Package, dep *packages.Package) (*types.Package, error) {
	f, err := os.Open(dep.ExportFile)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Go 1.26's go list -export names compiler archives, which only
	// NewReader opens; its replacement reads the cmd/export files of
	// later releases.
	//lint:ignore SA1019 the go command of this Go release writes archives
	r, err := gcexportdata.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("reading export data of %s: %w", dep.ID, err)
	}
	return gcexportdata.Read(r, fset, pkgs, dep.PkgPath)
}

// importerFunc adapts a function to types.Importer.
type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
