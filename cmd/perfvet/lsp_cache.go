package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/tools/go/packages"

	"github.com/perfvet/perfvet/internal/driver"
)

// unitCacheAge bounds how long a loaded package's metadata and
// dependencies are trusted. The server sees the edits made in the
// editor and drops what they invalidate, but not a dependency changed
// behind its back (a git checkout, a go get in a terminal).
const unitCacheAge = 2 * time.Minute

// unitCache keeps the last full load of each analysis unit, so that a
// save or an edit that leaves the package's files and imports as they
// were costs a parse and a type-check of its own files only: most of a
// load is the go command checking that every dependency is up to date
// and type-checkers reading their export data.
type unitCache struct {
	mu    sync.Mutex
	units map[string]*cachedUnit // by unitKey
}

type cachedUnit struct {
	pkg      *packages.Package
	loadedAt time.Time
	listing  []string // the .go files of the directory at load time
}

func newUnitCache() *unitCache {
	return &unitCache{units: make(map[string]*cachedUnit)}
}

// get returns the cached package of key if it is still fresh.
func (c *unitCache) get(key string) *cachedUnit {
	c.mu.Lock()
	defer c.mu.Unlock()
	u := c.units[key]
	if u == nil || time.Since(u.loadedAt) > unitCacheAge {
		return nil
	}
	return u
}

// put records a full load of key.
func (c *unitCache) put(key string, pkg *packages.Package) {
	listing, err := goFilesIn(filepath.Dir(pkg.GoFiles[0]))
	if err != nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.units[key] = &cachedUnit{pkg: pkg, loadedAt: time.Now(), listing: listing}
}

// touched drops what an edit of file may have made stale: every unit
// but the file's own, since any of them may depend on it, and all of
// them when the file is a go.mod, go.sum or go.work.
func (c *unitCache) touched(file string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch filepath.Base(file) {
	case "go.mod", "go.sum", "go.work", "go.work.sum":
		clear(c.units)
		return
	}
	own := unitKey(file)
	for key := range c.units {
		if key != own {
			delete(c.units, key)
		}
	}
}

// goFilesIn lists the .go files of dir, sorted.
func goFilesIn(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".go") && !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	return names, nil
}

// retype type-checks the files of a cached package again with the
// snapshot's content, against the dependencies of the cached load. It
// returns false when that would not be what a full load gives: the
// directory gained or lost a Go file, the package uses cgo, or the new
// source changes the package name or imports a package the cached load
// has no types for.
func retype(u *cachedUnit, snap snapshot) (*packages.Package, bool) {
	old := u.pkg
	listing, err := goFilesIn(filepath.Dir(old.GoFiles[0]))
	if err != nil || !slices.Equal(listing, u.listing) || !slices.Equal(old.CompiledGoFiles, old.GoFiles) {
		return nil, false
	}
	pkg := *old
	pkg.Errors, pkg.TypeErrors, pkg.IllTyped = nil, nil, false
	pkg.Syntax = make([]*ast.File, 0, len(old.CompiledGoFiles))
	for _, name := range old.CompiledGoFiles {
		src, err := snap.contentOf(name)
		if err != nil {
			return nil, false
		}
		f, err := parser.ParseFile(old.Fset, name, src, parser.AllErrors|parser.ParseComments)
		if f == nil || f.Name.Name != old.Name || !importsKnown(f, old) {
			return nil, false
		}
		addParseErrors(&pkg, err)
		pkg.Syntax = append(pkg.Syntax, f)
	}
	typecheck(&pkg)
	return &pkg, true
}

// importsKnown reports whether every package f imports has types in
// the cached load.
func importsKnown(f *ast.File, old *packages.Package) bool {
	for _, spec := range f.Imports {
		path, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			return false
		}
		if path != "unsafe" && old.Imports[path] == nil {
			return false
		}
	}
	return true
}

// addParseErrors records the errors of parsing a file as go/packages
// does.
func addParseErrors(pkg *packages.Package, err error) {
	if list, ok := err.(scanner.ErrorList); ok {
		for _, e := range list {
			pkg.Errors = append(pkg.Errors, packages.Error{Pos: e.Pos.String(), Msg: e.Msg, Kind: packages.ParseError})
		}
	} else if err != nil {
		pkg.Errors = append(pkg.Errors, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.ParseError})
	}
}

// typecheck type-checks pkg.Syntax with the configuration go/packages
// uses, importing the types of the cached dependencies.
func typecheck(pkg *packages.Package) {
	pkg.Types = types.NewPackage(pkg.PkgPath, pkg.Name)
	pkg.TypesInfo = driver.NewTypesInfo()
	cfg := &types.Config{
		Importer: importerFunc(func(path string) (*types.Package, error) {
			if path == "unsafe" {
				return types.Unsafe, nil
			}
			if dep := pkg.Imports[path]; dep != nil && dep.Types != nil {
				return dep.Types, nil
			}
			return nil, fmt.Errorf("no types for %s", path)
		}),
		Error: func(err error) {
			if te, ok := err.(types.Error); ok {
				pkg.TypeErrors = append(pkg.TypeErrors, te)
				pkg.Errors = append(pkg.Errors, packages.Error{Pos: te.Fset.Position(te.Pos).String(), Msg: te.Msg, Kind: packages.TypeError})
			}
		},
		Sizes: pkg.TypesSizes,
	}
	if pkg.Module != nil && pkg.Module.GoVersion != "" {
		cfg.GoVersion = "go" + pkg.Module.GoVersion
	}
	_ = types.NewChecker(cfg, pkg.Fset, pkg.Types, pkg.TypesInfo).Files(pkg.Syntax)
	pkg.IllTyped = len(pkg.Errors) > 0
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
