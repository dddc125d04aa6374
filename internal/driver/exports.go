package driver

import (
	"fmt"
	"go/token"
	"go/types"
	"maps"
	"os"
	"slices"

	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"
)

// An exportView holds the types of the packages units import, read
// lazily from the export data the go command compiled, by path, so that
// types are identical across the imports of a unit. Each worker of a run
// keeps one view for the units it analyses one after the other, so that
// a package is read about once per worker rather than once per unit,
// and no two goroutines ever touch one view. A unit that depends on a
// test variant (a package compiled again with the tests of one it
// imports, under the same import path) gets a view of its own, so that
// no variant's types mix with the package's.
//
// Positions go to the file set of the whole run, shared by every unit.
type exportView struct {
	fset *token.FileSet
	pkgs map[string]*types.Package
}

// newExportView returns an empty view whose positions go to fset.
func newExportView(fset *token.FileSet) *exportView {
	return &exportView{fset: fset, pkgs: make(map[string]*types.Package)}
}

// forUnit returns the view unit p imports through: v, or a view of its
// own if p depends on a test variant.
func (v *exportView) forUnit(p *packages.Package) *exportView {
	if dependsOnVariant(p) {
		return newExportView(v.fset)
	}
	return v
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

// importer returns the importer of unit p, which resolves import paths
// as p's source spells them (vendoring included).
func (v *exportView) importer(p *packages.Package) types.Importer {
	return importerFunc(func(path string) (*types.Package, error) {
		if path == "unsafe" {
			return types.Unsafe, nil
		}
		dep := p.Imports[path]
		if dep == nil {
			return nil, fmt.Errorf("%s does not import %q", p.ID, path)
		}
		if tp := v.pkgs[dep.PkgPath]; tp != nil && tp.Complete() {
			return tp, nil
		}
		if dep.ExportFile == "" {
			return v.fromSource(dep)
		}
		return readExport(v.fset, v.pkgs, dep)
	})
}

// completeImports gives every package unit p depends on the imports the
// go command listed for it. Export data records only the packages a
// package's API mentions, so that without this, Imports of a dependency
// would depend on what its export data happens to mention, and an
// analyzer asking whether the unit already depends on a package (to add
// an import without a cycle) would get a narrower answer than from
// source. Packages no export data mentioned are created empty: they
// stand in the graph only. It runs after type-checking p, since reading
// export data sets a package's imports to those it names.
func (v *exportView) completeImports(p *packages.Package) {
	packages.Visit(slices.Collect(maps.Values(p.Imports)), nil, func(dep *packages.Package) {
		if dep.PkgPath == "unsafe" {
			return // types.Unsafe is shared by every view, and imports nothing
		}
		imports := make([]*types.Package, 0, len(dep.Imports))
		for _, path := range slices.Sorted(maps.Keys(dep.Imports)) {
			imports = append(imports, v.get(dep.Imports[path]))
		}
		v.get(dep).SetImports(imports)
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
