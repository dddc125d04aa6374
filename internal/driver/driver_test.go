package driver

import (
	"encoding/json"
	"go/ast"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// slowFuncs reports every function named Slow, and counts its runs.
var slowFuncs = &analysis.Analyzer{
	Name: "slow",
	Doc:  "report functions named Slow",
	Run: func(pass *analysis.Pass) (any, error) {
		runs[pass.Pkg.Path()]++
		for _, f := range pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == "Slow" {
					pass.Report(analysis.Diagnostic{Pos: fd.Name.Pos(), End: fd.Name.End(), Message: "slow function"})
				}
			}
		}
		return nil, nil
	},
}

// runs counts slowFuncs' runs per package path; tests run sequentially
// with Jobs: 1.
var runs = map[string]int{}

// writeModule writes a module of files (path to content) under a new
// directory and returns it.
func writeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["go.mod"] = "module example.com/m\n\ngo 1.22\n"
	for name, content := range files {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o777))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o666))
	}
	return dir
}

func testModule(t *testing.T) string {
	return writeModule(t, map[string]string{
		"a/a.go":      "package a\n\nfunc Slow() int { return 1 }\n\nfunc Fast() int { return 2 }\n",
		"b/b.go":      "package b\n\nfunc Slow() { var x int = \"no\"; _ = x }\n",
		"c/c.go":      "package c\n\nimport \"example.com/m/a\"\n\nfunc Slow() int { return a.Fast() }\n",
		"d/d.go":      "package d\n\nimport \"example.com/m/b\"\n\nfunc F() { b.Slow() }\n",
		"a/a_test.go": "package a\n\nimport \"testing\"\n\nfunc TestA(t *testing.T) { Slow() }\n",
	})
}

func run(t *testing.T, dir string, cache *Cache) map[string]Result {
	t.Helper()
	clear(runs)
	results, err := Run(Config{Dir: dir, Patterns: []string{"./..."}, Tests: true, Analyzers: []*analysis.Analyzer{slowFuncs}, Jobs: 1, Cache: cache})
	require.NoError(t, err)
	byID := make(map[string]Result)
	for _, r := range results {
		byID[r.ID] = r
	}
	return byID
}

func TestBrokenPackageDoesNotStopTheOthers(t *testing.T) {
	byID := run(t, testModule(t), nil)
	require.Contains(t, byID, "example.com/m/a")
	assert.Len(t, byID["example.com/m/a"].Diagnostics["slow"], 1)
	assert.Len(t, byID["example.com/m/a [example.com/m/a.test]"].Diagnostics["slow"], 1)
	assert.Len(t, byID["example.com/m/c"].Diagnostics["slow"], 1)
	assert.Contains(t, strings.Join(byID["example.com/m/b"].Problems, "\n"), "cannot use \"no\"")
	require.Len(t, byID["example.com/m/d"].Problems, 1)
	assert.Regexp(t, `^package example.com/m/d is not analysed: package example.com/m/b does not compile: .*cannot use "no"`, byID["example.com/m/d"].Problems[0])
	assert.Empty(t, byID["example.com/m/d"].Diagnostics)
	assert.NotContains(t, byID, "example.com/m/a.test", "the generated test main is no unit")
}

func TestDiagnosticJSON(t *testing.T) {
	dir := testModule(t)
	d := run(t, dir, nil)["example.com/m/a"].Diagnostics["slow"][0]
	assert.Equal(t, filepath.Join(dir, "a", "a.go")+":3:6", d.Posn)
	assert.Equal(t, filepath.Join(dir, "a", "a.go")+":3:10", d.End)
	assert.Equal(t, "slow function", d.Message)
}

func TestCacheHitIsIdentical(t *testing.T) {
	dir := testModule(t)
	cache, err := OpenCache(t.TempDir())
	require.NoError(t, err)

	first := run(t, dir, cache)
	assert.Positive(t, runs["example.com/m/a"])
	second := run(t, dir, cache)
	assert.Empty(t, runs, "a second run over unchanged code analyses nothing")
	for id, r := range second {
		if len(r.Problems) == 0 {
			assert.True(t, r.Cached, id)
		}
	}
	assert.Equal(t, treeJSON(t, first), treeJSON(t, second))
}

func TestCacheFollowsEdits(t *testing.T) {
	dir := testModule(t)
	cache, err := OpenCache(t.TempDir())
	require.NoError(t, err)
	run(t, dir, cache)

	// An edit of c, which nothing imports, re-analyses c alone.
	write(t, dir, "c/c.go", "package c\n\nimport \"example.com/m/a\"\n\nfunc Slow() int { return a.Fast() + 1 }\n")
	byID := run(t, dir, cache)
	assert.Equal(t, map[string]int{"example.com/m/c": 1}, runs)
	assert.False(t, byID["example.com/m/c"].Cached)

	// A change of a's API reaches c through a's export data.
	write(t, dir, "a/a.go", "package a\n\nfunc Slow() int { return 1 }\n\nfunc Fast() int64 { return 2 }\n")
	write(t, dir, "c/c.go", "package c\n\nimport \"example.com/m/a\"\n\nfunc Slow() int64 { return a.Fast() }\n")
	run(t, dir, cache)
	assert.Equal(t, 2, runs["example.com/m/a"], "a and its test variant")
	assert.Equal(t, 1, runs["example.com/m/c"])
}

func TestCacheKeyCoversFlagsAndInputs(t *testing.T) {
	profile := filepath.Join(t.TempDir(), "cpu.pprof")
	write(t, filepath.Dir(profile), "cpu.pprof", "one")
	cfg := Config{Analyzers: []*analysis.Analyzer{slowFuncs}, Inputs: []string{profile}}
	key := func() []byte {
		in, err := inputsDigest(cfg.Inputs)
		require.NoError(t, err)
		return newKeyer(cfg, in).common
	}
	base := key()
	write(t, filepath.Dir(profile), "cpu.pprof", "two")
	assert.NotEqual(t, base, key(), "a new profile is a new key")
	cfg.Salt = []byte("another build")
	assert.NotEqual(t, base, key())
}

func TestCacheKeyIgnoresTheNamesOfInputFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "one.pprof", "profile")
	write(t, dir, "two.pprof", "profile")
	var input string
	withInput := &analysis.Analyzer{Name: "weigh", Doc: "weigh", Run: func(*analysis.Pass) (any, error) { return nil, nil }}
	withInput.Flags.StringVar(&input, "profile", "", "")
	key := func(path string) []byte {
		input = path
		cfg := Config{Analyzers: []*analysis.Analyzer{withInput}, Inputs: []string{path}, FileFlags: []string{"weigh.profile"}}
		in, err := inputsDigest(cfg.Inputs)
		require.NoError(t, err)
		return newKeyer(cfg, in).common
	}
	assert.Equal(t, key(filepath.Join(dir, "one.pprof")), key(filepath.Join(dir, "two.pprof")),
		"the same profile under another name is the same key")
}

func TestAnalyzerPanicIsItsError(t *testing.T) {
	dir := writeModule(t, map[string]string{"a/a.go": "package a\n"})
	boom := &analysis.Analyzer{Name: "boom", Doc: "panics", Run: func(*analysis.Pass) (any, error) { panic("no") }}
	results, err := Run(Config{Dir: dir, Patterns: []string{"./..."}, Analyzers: []*analysis.Analyzer{boom}})
	require.NoError(t, err)
	require.Len(t, results, 1)
	assert.Contains(t, results[0].AnalyzerErrors["perfvet"], "panicked: no")
}

func TestTrimDropsLeastRecentlyUsed(t *testing.T) {
	cache, err := OpenCache(t.TempDir())
	require.NoError(t, err)
	r := Result{Diagnostics: map[string][]Diagnostic{"slow": {{Posn: "x.go:1:1", Message: strings.Repeat("m", 100)}}}}
	cache.put("aa01", r)
	cache.put("bb02", r)
	old := mustStat(t, cache.path("aa01")).ModTime().Add(-1e9 * 60)
	require.NoError(t, os.Chtimes(cache.path("aa01"), old, old))
	require.NoError(t, cache.Trim(mustStat(t, cache.path("bb02")).Size()))
	_, ok := cache.get("aa01")
	assert.False(t, ok, "the older entry goes")
	_, ok = cache.get("bb02")
	assert.True(t, ok)
}

func mustStat(t *testing.T, p string) os.FileInfo {
	t.Helper()
	fi, err := os.Stat(p)
	require.NoError(t, err)
	return fi
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(content), 0o666))
}

func treeJSON(t *testing.T, byID map[string]Result) string {
	t.Helper()
	var rs []Result
	for _, r := range byID {
		rs = append(rs, r)
	}
	b, err := json.Marshal(Tree(rs))
	require.NoError(t, err)
	return string(b)
}

func TestDependenciesListEveryImport(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"c/c.go": "package c\n\nfunc N() int { return 1 }\n",
		"b/b.go": "package b\n\nimport \"example.com/m/c\"\n\n// B's API mentions nothing of c, nor does an inlinable body.\n//\n//go:noinline\nfunc B() int { return c.N() + 1 }\n",
		"a/a.go": "package a\n\nimport \"example.com/m/b\"\n\nvar X = b.B()\n",
	})
	var imports []string
	probe := &analysis.Analyzer{Name: "probe", Doc: "list the imports of a's imports", Run: func(pass *analysis.Pass) (any, error) {
		if pass.Pkg.Path() == "example.com/m/a" {
			for _, imp := range pass.Pkg.Imports() {
				for _, indirect := range imp.Imports() {
					imports = append(imports, imp.Path()+" -> "+indirect.Path())
				}
			}
		}
		return nil, nil
	}}
	_, err := Run(Config{Dir: dir, Patterns: []string{"./a"}, Analyzers: []*analysis.Analyzer{probe}})
	require.NoError(t, err)
	assert.Equal(t, []string{"example.com/m/b -> example.com/m/c"}, imports,
		"b imports c although its export data never mentions it")
}

func TestExternalTestSeesTheTestVariant(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"a/a.go":           "package a\n\nfunc inner() int { return 1 }\n",
		"a/export_test.go": "package a\n\n// Inner exports inner to the external test.\nvar Inner = inner\n",
		"a/a_ext_test.go":  "package a_test\n\nimport (\n\t\"testing\"\n\n\t\"example.com/m/a\"\n)\n\nfunc TestInner(t *testing.T) { _ = a.Inner() }\n",
		"b/b.go":           "package b\n\nimport \"example.com/m/a\"\n\nvar _ = a.Slow\n",
		"a/slow.go":        "package a\n\nfunc Slow() {}\n",
	})
	results, err := Run(Config{Dir: dir, Patterns: []string{"./..."}, Tests: true, Analyzers: []*analysis.Analyzer{slowFuncs}, Jobs: 1})
	require.NoError(t, err)
	ids := make([]string, 0, len(results))
	for _, r := range results {
		assert.Empty(t, r.Problems, r.ID)
		ids = append(ids, r.ID)
	}
	// b, analysed first or not, shares the plain a; the external test
	// needs the variant with Inner.
	assert.Contains(t, ids, "example.com/m/a_test [example.com/m/a.test]")
}

// TestSkippedUnitsAreNotAnalysed checks that a unit Skip names gets an
// empty result without being analysed, while the others are analysed as
// before.
func TestSkippedUnitsAreNotAnalysed(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"a/a.go":      "package a\n\nfunc Fast() int { return 1 }\n",
		"a/a_test.go": "package a\n\nfunc Slow() {}\n",
	})
	variant := "example.com/m/a [example.com/m/a.test]"
	for _, skip := range []bool{false, true} {
		cfg := Config{Dir: dir, Patterns: []string{"./..."}, Tests: true, Analyzers: []*analysis.Analyzer{slowFuncs}, Jobs: 1}
		if skip {
			cfg.Skip = func(p *packages.Package) bool { return p.ID == variant }
		}
		clear(runs)
		results, err := Run(cfg)
		require.NoError(t, err)
		require.Len(t, results, 2)
		assert.Equal(t, "example.com/m/a", results[0].ID)
		assert.Equal(t, variant, results[1].ID)
		if skip {
			assert.Equal(t, Result{ID: variant}, results[1])
			assert.Equal(t, 1, runs["example.com/m/a"], "only the package itself is analysed")
		} else {
			assert.Len(t, results[1].Diagnostics["slow"], 1)
			assert.Equal(t, 2, runs["example.com/m/a"])
		}
	}
}
