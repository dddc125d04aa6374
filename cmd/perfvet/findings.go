package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/perfvet/perfvet/passes/hotness"
)

// A finding is one diagnostic of the analysis, as every output format
// renders it. The supervising perfvet reads findings from the driver's
// JSON, whatever format was asked for, so that each format, the
// baseline and the new-from-rev filter work on the same structured data.
type finding struct {
	Analyzer string    `json:"analyzer"`
	Posn     position  `json:"posn"`
	End      position  `json:"end"`
	Message  string    `json:"message"` // without the " (analyzer)" the text output adds
	Related  []related `json:"related"`
	Fixes    []fixInfo `json:"fixes"`
	Share    *float64  `json:"share,omitempty"` // with a profile: the fraction of CPU time of the finding's code
}

// A position is a place in a source file; Line and Column are 1-based,
// Column counts bytes, as the go command does.
type position struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// String formats p as the driver does: file:line:column.
func (p position) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
}

// related is a secondary place a finding points at, such as its loop.
type related struct {
	Posn    position `json:"posn"`
	End     position `json:"end"`
	Message string   `json:"message"`
}

// fixInfo is a suggested fix: edits applied together or not at all.
type fixInfo struct {
	Message string     `json:"message"`
	Edits   []editInfo `json:"edits"`
}

// editInfo replaces the bytes [Start, End) of File with New.
type editInfo struct {
	File  string `json:"file"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	New   string `json:"new"`
}

// analysisError is an analyzer that failed on a package instead of
// reporting findings.
type analysisError struct {
	Package  string `json:"package"`
	Analyzer string `json:"analyzer"`
	Error    string `json:"error"`
}

// driverDiagnostic is a diagnostic in the driver's JSON output
// (golang.org/x/tools/internal/analysis/driverutil.JSONDiagnostic).
type driverDiagnostic struct {
	Posn           string `json:"posn"`
	End            string `json:"end"`
	Message        string `json:"message"`
	SuggestedFixes []struct {
		Message string `json:"message"`
		Edits   []struct {
			Filename string `json:"filename"`
			Start    int    `json:"start"`
			End      int    `json:"end"`
			New      string `json:"new"`
		} `json:"edits"`
	} `json:"suggested_fixes"`
	Related []struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	} `json:"related"`
}

// parseDriverJSON reads the driver's -json output: package ID to
// analyzer name to either a list of diagnostics or an error. A package
// and its test variant share files, so the same diagnostic can appear
// under both; it is kept once, as the driver's text output keeps it.
// The findings come back sorted by position.
func parseDriverJSON(out []byte) ([]finding, []analysisError, error) {
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal(out, &tree); err != nil {
		return nil, nil, fmt.Errorf("reading the analysis output: %w", err)
	}
	var findings []finding
	var errs []analysisError
	seen := make(map[string]bool)
	for _, pkg := range sortedKeys(tree) {
		for _, name := range sortedKeys(tree[pkg]) {
			raw := tree[pkg][name]
			var failed struct {
				Error string `json:"error"`
			}
			if json.Unmarshal(raw, &failed) == nil && failed.Error != "" {
				errs = append(errs, analysisError{pkg, name, failed.Error})
				continue
			}
			var diags []driverDiagnostic
			if err := json.Unmarshal(raw, &diags); err != nil {
				return nil, nil, fmt.Errorf("reading the %s findings in %s: %w", name, pkg, err)
			}
			for _, d := range diags {
				id := strings.Join([]string{name, d.Posn, d.End, d.Message}, "\x00")
				if !seen[id] {
					seen[id] = true
					findings = append(findings, fromDriver(name, d))
				}
			}
		}
	}
	slices.SortFunc(findings, compareFindings)
	return findings, errs, nil
}

// fromDriver converts a driver diagnostic of the analyzer called name.
func fromDriver(name string, d driverDiagnostic) finding {
	f := finding{
		Analyzer: name,
		Posn:     parsePosition(d.Posn),
		End:      parsePosition(d.End),
		Message:  strings.TrimSuffix(d.Message, " ("+name+")"),
		Related:  []related{},
		Fixes:    []fixInfo{},
	}
	if share, ok := hotness.ParseSuffix(f.Message); ok {
		f.Share = &share
	}
	for _, r := range d.Related {
		f.Related = append(f.Related, related{parsePosition(r.Posn), parsePosition(r.End), r.Message})
	}
	for _, fix := range d.SuggestedFixes {
		info := fixInfo{Message: fix.Message, Edits: []editInfo{}}
		for _, e := range fix.Edits {
			info.Edits = append(info.Edits, editInfo{e.Filename, e.Start, e.End, e.New})
		}
		f.Fixes = append(f.Fixes, info)
	}
	return f
}

// parsePosition parses the driver's file:line:column. The file name may
// itself contain colons (C:\src on Windows), so the numbers are taken
// from the right. Anything else is kept whole as a file name.
func parsePosition(s string) position {
	rest, colText, ok1 := cutLast(s, ":")
	file, lineText, ok2 := cutLast(rest, ":")
	line, err1 := strconv.Atoi(lineText)
	col, err2 := strconv.Atoi(colText)
	if !ok1 || !ok2 || err1 != nil || err2 != nil {
		return position{File: s}
	}
	return position{File: file, Line: line, Column: col}
}

// cutLast is strings.Cut at the last occurrence of sep.
func cutLast(s, sep string) (before, after string, found bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

// compareFindings orders findings by file, line and column, then by
// analyzer and message, so that every format lists them in one stable
// order whatever order the driver analysed the packages in.
func compareFindings(a, b finding) int {
	return cmp.Or(
		cmp.Compare(a.Posn.File, b.Posn.File),
		cmp.Compare(a.Posn.Line, b.Posn.Line),
		cmp.Compare(a.Posn.Column, b.Posn.Column),
		cmp.Compare(a.Analyzer, b.Analyzer),
		cmp.Compare(a.Message, b.Message),
	)
}

// sortedKeys returns the keys of m in increasing order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
