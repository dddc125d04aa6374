// Package driver runs go/analysis analyzers over packages the way go vet
// does, one package at a time, but in one process and with a result
// cache.
//
// The go command lists the packages and compiles the export data of
// every package in the run (from its build cache when unchanged). Each
// package to analyse is then a unit on its own: parsed and type-checked
// from source against its dependencies' export data, analysed, and
// dropped once its diagnostics are out, so that peak memory follows the
// packages in flight rather than the size of the run. Units run in
// parallel, up to Config.Jobs at once.
//
// A unit's diagnostics are cached under a key that covers everything
// they can depend on: the contents of its files, the export data of
// every package it depends on, the analysing executable, the analyzers
// and their flag values, and the contents of any other input files
// (profiles). A hit skips parsing and type-checking the unit.
//
// A package that uses cgo is type-checked from its files as written,
// its references to package C unknown (see source.go): nothing of
// cgo's output is used.
//
// The analyzers must not need facts: a unit sees its dependencies only
// through export data.
package driver

import (
	"go/token"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// Config says what to analyse and how.
type Config struct {
	// Dir is the directory the go command runs in; "" is the current one.
	Dir string
	// Patterns are the go command's package patterns.
	Patterns []string
	// Tests says to analyse the test variants of the packages too.
	Tests bool
	// Env is the go command's environment; nil is this process's.
	Env []string
	// Analyzers run on every unit; their results and flags must not
	// change during the run.
	Analyzers []*analysis.Analyzer
	// Jobs bounds the units analysed at once; 0 is GOMAXPROCS.
	Jobs int
	// Cache stores results between runs; nil disables it.
	Cache *Cache
	// Salt is added to every cache key: whatever, beyond the analyzers'
	// names and flags, the results depend on (the executable's build).
	Salt []byte
	// Inputs are files whose contents the results depend on, such as
	// CPU profiles; their contents, not their names, enter every cache
	// key.
	Inputs []string
	// FileFlags name the analyzer flags ("pass.flag") whose values are
	// comma-separated files among Inputs: their values stay out of the
	// cache key, so that a temporary file of the same content, or a
	// renamed profile, still hits.
	FileFlags []string
	// Prepare, if set, is called with the units once they are listed,
	// before any is analysed, and returns more files to count among
	// Inputs: for settings that depend on the package graph (which
	// default.pgo applies to which package).
	Prepare func(units []*packages.Package) (inputs []string, err error)
	// Skip, if set, names the units whose findings would all be
	// dropped (say, test code when tests are not reported): they are
	// listed, and their listing problems reported, but they are neither
	// type-checked nor analysed, so their results are empty.
	Skip func(unit *packages.Package) bool
	// Progress, if set, receives one line per update, each starting
	// with a carriage return, while the run lasts.
	Progress io.Writer
}

// A Result is the outcome of analysing one unit.
type Result struct {
	// ID is the package's ID: its import path, and for a test variant
	// the variant in brackets.
	ID string
	// Diagnostics holds, per analyzer that reported, its diagnostics in
	// the JSON form of go vet -json.
	Diagnostics map[string][]Diagnostic
	// AnalyzerErrors holds, per analyzer that failed, its error.
	AnalyzerErrors map[string]string
	// Problems explains why the package could not be analysed: its
	// listing, parse or type errors, one line each. A unit with
	// problems has no diagnostics.
	Problems []string
	// Cached says the result came from the cache.
	Cached bool
}

// Run lists the packages, analyses each and returns their results in
// the order the go command listed them. Only a failure of the go
// command itself is an error, as go/packages returns it; a package that
// does not compile is a Result with Problems, and the others are still
// analysed.
func Run(cfg Config) ([]Result, error) {
	units, err := listUnits(cfg)
	if err != nil {
		return nil, err
	}
	inputPaths := cfg.Inputs
	if cfg.Prepare != nil {
		more, err := cfg.Prepare(units)
		if err != nil {
			return nil, err
		}
		inputPaths = append(slices.Clip(inputPaths), more...)
	}
	inputs, err := inputsDigest(inputPaths)
	if err != nil {
		return nil, err
	}
	k := newKeyer(cfg, inputs)
	fset := token.NewFileSet() // of the whole run, shared by the workers
	results := make([]Result, len(units))
	progress := newProgress(cfg.Progress, len(units))
	defer progress.finish()

	jobs := cfg.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(jobs, max(len(units), 1)) {
		wg.Go(func() {
			exports := newExportView(fset)
			for i := range work {
				results[i] = analyzeUnit(cfg, k, exports, units[i])
				progress.done()
			}
		})
	}
	for i := range units {
		work <- i
	}
	close(work)
	wg.Wait()
	return results, nil
}

// listUnits asks the go command for the packages matching the patterns,
// with the export data of everything they depend on, and returns the
// units to analyse.
func listUnits(cfg Config) ([]*packages.Package, error) {
	lc := &packages.Config{
		Mode:  listMode,
		Dir:   cfg.Dir,
		Env:   cfg.Env,
		Tests: cfg.Tests,
	}
	pkgs, err := packages.Load(lc, cfg.Patterns...)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(pkgs, isTestMain), nil
}

// listMode lists each package's files, imports and export data, and
// nothing that needs parsing: units parse their own files.
const listMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedDeps | packages.NeedExportFile |
	packages.NeedTypesSizes | packages.NeedModule

// isTestMain reports whether p is the generated main package of a test
// binary: a main package named after the package it tests, whose only
// source is a file the go command wrote into its build cache. It holds
// no code of the user's.
func isTestMain(p *packages.Package) bool {
	return p.Name == "main" && strings.HasSuffix(p.PkgPath, ".test") &&
		!slices.ContainsFunc(p.GoFiles, func(f string) bool { return strings.HasSuffix(f, ".go") })
}
