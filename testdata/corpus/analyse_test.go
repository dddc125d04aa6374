package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
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

// The -json output of perfvet (docs/usage.md): findings sorted by
// position, each file once, and the analyzers that failed.
type (
	jsonReport struct {
		Findings []jsonDiag `json:"findings"`
		Errors   []struct {
			Package  string `json:"package"`
			Analyzer string `json:"analyzer"`
			Error    string `json:"error"`
		} `json:"errors"`
	}
	jsonDiag struct {
		Analyzer string `json:"analyzer"`
		Posn     struct {
			File   string `json:"file"`
			Line   int    `json:"line"`
			Column int    `json:"column"`
		} `json:"posn"`
		Message string    `json:"message"`
		Fixes   []jsonFix `json:"fixes"`
	}
	jsonFix struct {
		Message string     `json:"message"`
		Edits   []jsonEdit `json:"edits"`
	}
	jsonEdit struct {
		Filename string `json:"file"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		New      string `json:"new"`
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
// summaryLine is the line perfvet ends its output with on standard error
// when it reports findings; anything else there is a failure.
var summaryLine = regexp.MustCompile(`(?m)^perfvet: \d+ findings?$`)

func analyse(bin, root string) (*result, error) {
	list, err := goCmd(root, "list", "./...")
	if err != nil {
		return nil, err
	}
	stdout, stderr, err := run(root, bin, "-json", "-exit-zero", "-testfiles", "-hoistfield.static", "./...")
	if err != nil || len(bytes.TrimSpace(summaryLine.ReplaceAll(stderr, nil))) > 0 {
		return nil, fmt.Errorf("perfvet -json ./... in %s: %v\n%s", root, err, tail(stderr, 60))
	}
	var report jsonReport
	if err := json.Unmarshal(stdout, &report); err != nil {
		return nil, fmt.Errorf("decoding perfvet -json output: %w", err)
	}
	res := collect(report, root)
	res.packages = len(strings.Fields(string(list)))
	return res, nil
}

// collect turns perfvet's findings and errors into the corpus's, with
// paths relative to root.
func collect(report jsonReport, root string) *result {
	res := new(result)
	for _, d := range report.Findings {
		f := finding{analyzer: d.Analyzer, message: d.Message, file: relative(root, d.Posn.File), line: d.Posn.Line, col: d.Posn.Column}
		if len(d.Fixes) > 0 {
			f.fix = &d.Fixes[0]
		}
		res.findings = append(res.findings, f)
	}
	for _, e := range report.Errors {
		res.errors = append(res.errors, e.Package+": "+e.Analyzer+": "+e.Error)
	}
	sortFindings(res.findings)
	sort.Strings(res.errors)
	return res
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
