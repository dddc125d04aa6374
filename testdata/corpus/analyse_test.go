package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/perfvet/perfvet/analyzers"
	"github.com/perfvet/perfvet/internal/textedit"
)

// finding is one diagnostic, its position relative to the corpus root.
type finding struct {
	file      string
	line, col int
	analyzer  string
	message   string
	fix       *jsonFix // the fix -fix would apply: the first one offered
}

// result is what perfvet reported on one corpus.
type result struct {
	packages int
	findings []finding // sorted, without the duplicates test variants report
	errors   []string  // "package: analyzer: error", sorted
}

// counts returns the number of findings per analyzer.
func (r *result) counts() map[string]int {
	n := make(map[string]int)
	for _, f := range r.findings {
		n[f.analyzer]++
	}
	return n
}

// The -json output of the analysis driver: package ID → analyzer name →
// either a list of diagnostics or {"error": "..."}.
type (
	jsonTree map[string]map[string]json.RawMessage

	jsonDiag struct {
		Posn           string    `json:"posn"`
		Message        string    `json:"message"`
		SuggestedFixes []jsonFix `json:"suggested_fixes"`
	}
	jsonFix struct {
		Message string     `json:"message"`
		Edits   []jsonEdit `json:"edits"`
	}
	jsonEdit struct {
		Filename string `json:"filename"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		New      string `json:"new"`
	}
	jsonError struct {
		Error string `json:"error"`
	}
)

// edit returns e without its file name.
func (e jsonEdit) edit() textedit.Edit {
	return textedit.Edit{Start: e.Start, End: e.End, New: e.New}
}

// analyse runs perfvet with -json on ./... in root, with the evidence
// rules' opt-ins on (test files, hoistfield without a profile) so that
// every analyzer's whole reach is checked. A crash, or anything on
// standard error, is an error: perfvet must analyse real code silently.
func analyse(bin, root string) (*result, error) {
	list, err := goCmd(root, "list", "./...")
	if err != nil {
		return nil, err
	}
	stdout, stderr, err := run(root, bin, "-json", "-testfiles", "-hoistfield.static", "./...")
	if err != nil || len(bytes.TrimSpace(stderr)) > 0 {
		return nil, fmt.Errorf("perfvet -json ./... in %s: %v\n%s", root, err, tail(stderr, 60))
	}
	var tree jsonTree
	if err := json.Unmarshal(stdout, &tree); err != nil {
		return nil, fmt.Errorf("decoding perfvet -json output: %w", err)
	}
	res, err := collect(tree, root)
	if err != nil {
		return nil, err
	}
	res.packages = len(strings.Fields(string(list)))
	return res, nil
}

// collect turns the JSON tree into sorted, de-duplicated findings and
// errors. A file in a package and its test variant is analysed twice.
func collect(tree jsonTree, root string) (*result, error) {
	res := new(result)
	seen := make(map[finding]bool)
	seenErr := make(map[string]bool)
	for pkg, byAnalyzer := range tree {
		pkg, _, _ = strings.Cut(pkg, " ") // "p [p.test]" is p
		for name, raw := range byAnalyzer {
			if bytes.HasPrefix(bytes.TrimSpace(raw), []byte("{")) {
				var e jsonError
				if err := json.Unmarshal(raw, &e); err != nil {
					return nil, fmt.Errorf("decoding error of %s on %s: %w", name, pkg, err)
				}
				if msg := pkg + ": " + name + ": " + e.Error; !seenErr[msg] {
					seenErr[msg] = true
					res.errors = append(res.errors, msg)
				}
				continue
			}
			var diags []jsonDiag
			if err := json.Unmarshal(raw, &diags); err != nil {
				return nil, fmt.Errorf("decoding diagnostics of %s on %s: %w", name, pkg, err)
			}
			for _, d := range diags {
				f, err := newFinding(d, name, root)
				if err != nil {
					return nil, err
				}
				key := f
				key.fix = nil
				if !seen[key] {
					seen[key] = true
					res.findings = append(res.findings, f)
				}
			}
		}
	}
	sortFindings(res.findings)
	sort.Strings(res.errors)
	return res, nil
}

// newFinding converts a diagnostic whose position is "file:line:col".
// The analyzer's name, which perfvet appends to each message, is dropped:
// the baseline line names it already.
func newFinding(d jsonDiag, analyzer, root string) (finding, error) {
	f := finding{analyzer: analyzer, message: strings.TrimSuffix(d.Message, " ("+analyzer+")")}
	rest, col, ok1 := cutLast(d.Posn)
	file, line, ok2 := cutLast(rest)
	if !ok1 || !ok2 {
		return f, fmt.Errorf("%s: diagnostic position %q is not file:line:col", analyzer, d.Posn)
	}
	f.file, f.line, f.col = relative(root, file), line, col
	if len(d.SuggestedFixes) > 0 {
		f.fix = &d.SuggestedFixes[0]
	}
	return f, nil
}

// cutLast splits "s:n" into s and the number n.
func cutLast(s string) (string, int, bool) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return s, 0, false
	}
	n, err := strconv.Atoi(s[i+1:])
	return s[:i], n, err == nil
}

// relative returns file relative to root, with forward slashes, so that
// baselines are the same on every machine. A file outside the root (a
// cgo-generated one) is named by its base name only.
func relative(root, file string) string {
	rel, err := filepath.Rel(root, file)
	if err != nil || strings.HasPrefix(rel, "..") {
		return "<outside>/" + filepath.Base(file)
	}
	return filepath.ToSlash(rel)
}

func sortFindings(fs []finding) {
	sort.Slice(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		switch {
		case a.file != b.file:
			return a.file < b.file
		case a.line != b.line:
			return a.line < b.line
		case a.col != b.col:
			return a.col < b.col
		case a.analyzer != b.analyzer:
			return a.analyzer < b.analyzer
		}
		return a.message < b.message
	})
}

// analyzerNames lists the registered analyzers, in registry order.
func analyzerNames() ([]string, error) {
	as := analyzers.Analyzers()
	names := make([]string, 0, len(as))
	for _, a := range as {
		names = append(names, a.Name)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no analyzers registered")
	}
	return names, nil
}
