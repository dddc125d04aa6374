package main

import (
	"cmp"
	"errors"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/perfvet/perfvet/analyzers"
)

// lspLoadMode loads the package of a file from source and its
// dependencies from export data: perfvet's analyzers and passes declare
// no facts, so nothing else needs syntax, and the go command's build
// cache keeps the export data of unchanged dependencies between runs.
const lspLoadMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedTypes | packages.NeedTypesSizes | packages.NeedSyntax |
	packages.NeedTypesInfo | packages.NeedModule

// snapshot is the state of the open documents an analysis runs on.
type snapshot struct {
	overlay  map[string][]byte // path to unsaved content of every open document
	versions map[string]int    // path to document version
}

// contentOf returns the content of path in the snapshot, or on disk.
func (s snapshot) contentOf(path string) ([]byte, error) {
	if b, ok := s.overlay[path]; ok {
		return b, nil
	}
	return os.ReadFile(path)
}

// unitResult is the outcome of analysing the package of one file.
type unitResult struct {
	files    []string                    // the files the analysis speaks for
	diags    map[string][]fileDiagnostic // by file
	problems []string                    // why the package was not (fully) analysed
	load     time.Duration
	analysis time.Duration
	reused   bool // the load reused a cached one's dependencies
}

// fileDiagnostic is a published diagnostic with the quick fixes it
// offers, kept for textDocument/codeAction.
type fileDiagnostic struct {
	lsp      lspDiagnostic
	fixes    []codeAction
	versions map[string]int // the document versions the fixes' edits apply to
}

// analyzeUnit loads the package that file belongs to, with the
// snapshot's unsaved content, and runs the analyzers on it. A _test.go
// file is analysed in its package's test variant (or external test
// package), of which the result covers only the _test.go files: the
// other files are the package's own, analysed with it.
func analyzeUnit(file string, snap snapshot, as []*analysis.Analyzer, cache *unitCache) (unitResult, error) {
	var r unitResult
	start := time.Now()
	pkg, reused, err := loadCached(file, snap, cache)
	r.load, r.reused = time.Since(start), reused
	if err != nil {
		return r, err
	}
	r.files = unitFiles(pkg, file)
	if problems := loadProblems(pkg); len(problems) > 0 {
		r.problems = problems
		if pkg.IllTyped {
			// The analyzers do not run on a package with errors.
			return r, nil
		}
	}
	start = time.Now()
	graph, err := runChecker(as, pkg, snap)
	r.analysis = time.Since(start)
	if err != nil {
		return r, err
	}
	r.diags, r.problems = convertDiagnostics(graph, pkg.Fset, r.files, snap, r.problems)
	return r, nil
}

// loadCached returns the package of file, type-checked again against
// the dependencies of its last load when that is still valid, else
// loaded in full and cached. It reports which it did.
func loadCached(file string, snap snapshot, cache *unitCache) (*packages.Package, bool, error) {
	key := unitKey(file)
	if u := cache.get(key); u != nil {
		if pkg, ok := retype(u, snap); ok {
			return pkg, true, nil
		}
	}
	pkg, err := loadUnit(file, snap)
	if err != nil {
		return nil, false, err
	}
	if cacheable(pkg) {
		cache.put(key, pkg)
	}
	return pkg, false, nil
}

// cacheable reports whether the package's dependencies loaded: a
// package whose imports the go command could not resolve must be
// loaded again once they can be.
func cacheable(pkg *packages.Package) bool {
	if len(pkg.GoFiles) == 0 {
		return false
	}
	for _, e := range pkg.Errors {
		if e.Kind == packages.ListError || e.Kind == packages.UnknownError {
			return false
		}
	}
	return true
}

// loadUnit loads the package of file: its test variant when file is a
// _test.go file.
func loadUnit(file string, snap snapshot) (*packages.Package, error) {
	test := strings.HasSuffix(file, "_test.go")
	cfg := &packages.Config{
		Mode:    lspLoadMode,
		Dir:     filepath.Dir(file),
		Tests:   test,
		Overlay: snap.overlay,
	}
	pkgs, err := packages.Load(cfg, "file="+file)
	if err != nil {
		return nil, fmt.Errorf("loading the package of %s: %w", file, err)
	}
	if pkg := pickUnit(pkgs, file, test); pkg != nil {
		return pkg, nil
	}
	return nil, fmt.Errorf("no package holds %s", file)
}

// pickUnit chooses, among the packages holding file, the package itself
// for a non-test file and the variant compiled with tests for a test
// file.
func pickUnit(pkgs []*packages.Package, file string, test bool) *packages.Package {
	var found *packages.Package
	for _, p := range pkgs {
		if !slices.Contains(p.CompiledGoFiles, file) && !slices.Contains(p.GoFiles, file) {
			continue
		}
		variant := strings.Contains(p.ID, " [")
		if variant == test {
			return p
		}
		if found == nil {
			found = p
		}
	}
	return found
}

// unitFiles lists the files whose diagnostics an analysis of pkg for
// file decides.
func unitFiles(pkg *packages.Package, file string) []string {
	test := strings.HasSuffix(file, "_test.go")
	var files []string
	for _, f := range pkg.GoFiles {
		if strings.HasSuffix(f, "_test.go") == test {
			files = append(files, f)
		}
	}
	if !slices.Contains(files, file) {
		files = append(files, file)
	}
	return files
}

// loadProblems returns the package's load, parse and type errors.
func loadProblems(pkg *packages.Package) []string {
	problems := make([]string, 0, len(pkg.Errors))
	for _, e := range pkg.Errors {
		problems = append(problems, e.Error())
	}
	return problems
}

// runChecker runs the analyzers on pkg in this goroutine, turning a
// panic of an analyzer into an error: a bug in one analysis must not end
// the editor's session.
func runChecker(as []*analysis.Analyzer, pkg *packages.Package, snap snapshot) (graph *checker.Graph, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("analysis of %s panicked: %v\n%s", pkg.PkgPath, p, debug.Stack())
		}
	}()
	// Sequential runs every action in this goroutine, where the recover
	// above sees its panics; the package is one, so little is lost.
	return checker.Analyze(withOverlayReads(as, snap), []*packages.Package{pkg}, &checker.Options{Sequential: true})
}

// withOverlayReads returns copies of as whose Pass.ReadFile returns the
// snapshot's unsaved content: the checker reads files from disk, which
// after an unsaved edit no longer match the syntax trees the fixes are
// computed on. The copies require each other as the originals do (see
// analyzers.Wrap), so no analyzer runs twice.
func withOverlayReads(as []*analysis.Analyzer, snap snapshot) []*analysis.Analyzer {
	return analyzers.Wrap(as, func(a *analysis.Analyzer, pass *analysis.Pass) (any, error) {
		p := *pass
		p.ReadFile = func(name string) ([]byte, error) {
			if b, ok := snap.overlay[name]; ok {
				return b, nil
			}
			return pass.ReadFile(name)
		}
		return a.Run(&p)
	})
}

// convertDiagnostics turns the diagnostics of the graph's root actions
// into LSP diagnostics for files, with their quick fixes, and adds
// analyzer failures to problems.
func convertDiagnostics(graph *checker.Graph, fset *token.FileSet, files []string, snap snapshot, problems []string) (map[string][]fileDiagnostic, []string) {
	conv := &converter{fset: fset, snap: snap, indexes: make(map[string]*lineIndex)}
	out := make(map[string][]fileDiagnostic)
	wanted := setOf(files)
	for _, act := range graph.Roots {
		if act.Err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", act.Analyzer.Name, act.Err))
			continue
		}
		for _, d := range act.Diagnostics {
			fd, file, err := conv.diagnostic(act.Analyzer, d)
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s: %v", act.Analyzer.Name, err))
				continue
			}
			if wanted[file] {
				out[file] = append(out[file], fd)
			}
		}
	}
	return out, problems
}

// converter converts token positions using the content the analysis
// saw, indexed once per file.
type converter struct {
	fset    *token.FileSet
	snap    snapshot
	indexes map[string]*lineIndex
}

// diagnostic converts d, reported by a, and returns the file it is in.
func (c *converter) diagnostic(a *analysis.Analyzer, d analysis.Diagnostic) (fileDiagnostic, string, error) {
	loc, err := c.location(d.Pos, d.End)
	if err != nil {
		return fileDiagnostic{}, "", err
	}
	file, _ := uriPath(loc.URI)
	ld := lspDiagnostic{
		Range:    loc.Range,
		Severity: severityWarning,
		Code:     a.Name,
		Source:   "perfvet",
		Message:  d.Message,
	}
	// The checker has resolved d.URL against the analyzer's URL.
	if href := cmp.Or(d.URL, a.URL); href != "" {
		ld.CodeDescription = &codeDescription{Href: href}
	}
	for _, rel := range d.Related {
		rloc, err := c.location(rel.Pos, rel.End)
		if err != nil {
			return fileDiagnostic{}, "", err
		}
		ld.RelatedInformation = append(ld.RelatedInformation, relatedInformation{Location: rloc, Message: rel.Message})
	}
	fd := fileDiagnostic{lsp: ld, versions: make(map[string]int)}
	for _, fix := range d.SuggestedFixes {
		action, err := c.quickFix(fix, ld)
		if err != nil {
			return fileDiagnostic{}, "", err
		}
		fd.fixes = append(fd.fixes, action)
	}
	for _, action := range fd.fixes {
		for uri := range action.Edit.Changes {
			path, _ := uriPath(uri)
			if v, open := c.snap.versions[path]; open {
				fd.versions[path] = v
			}
		}
	}
	return fd, file, nil
}

// quickFix converts a suggested fix into a quickfix code action.
func (c *converter) quickFix(fix analysis.SuggestedFix, d lspDiagnostic) (codeAction, error) {
	edit := &workspaceEdit{Changes: make(map[string][]textEdit)}
	for _, e := range fix.TextEdits {
		loc, err := c.location(e.Pos, e.End)
		if err != nil {
			return codeAction{}, err
		}
		edit.Changes[loc.URI] = append(edit.Changes[loc.URI], textEdit{Range: loc.Range, NewText: string(e.NewText)})
	}
	return codeAction{
		Title:       fix.Message,
		Kind:        codeActionQuickFix,
		Diagnostics: []lspDiagnostic{d},
		IsPreferred: true,
		Edit:        edit,
	}, nil
}

// location converts the token range [pos, end) to an LSP location; an
// absent end is pos.
func (c *converter) location(pos, end token.Pos) (lspLocation, error) {
	tf := c.fset.File(pos)
	if tf == nil {
		return lspLocation{}, errors.New("diagnostic without a position")
	}
	if !end.IsValid() {
		end = pos
	}
	x, err := c.index(tf.Name())
	if err != nil {
		return lspLocation{}, err
	}
	return lspLocation{
		URI:   fileURI(tf.Name()),
		Range: lspRange{Start: x.position(tf.Offset(pos)), End: x.position(tf.Offset(end))},
	}, nil
}

// index returns the line index of the content the analysis read for
// file.
func (c *converter) index(file string) (*lineIndex, error) {
	if x, ok := c.indexes[file]; ok {
		return x, nil
	}
	content, err := c.snap.contentOf(file)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", file, err)
	}
	x := newLineIndex(content)
	c.indexes[file] = x
	return x, nil
}
