package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// The output formats of -format.
const (
	formatText   = "text"
	formatJSON   = "json"
	formatSARIF  = "sarif"
	formatGitHub = "github"
)

var formats = []string{formatText, formatJSON, formatSARIF, formatGitHub}

// report is what a run found, ready to render.
type report struct {
	findings []finding
	errs     []analysisError
	src      *sources
	roots    roots
}

// renderText writes findings as the driver's text output does, one line
// per finding ending with the analyzer's name, each followed by its
// related positions and, with -c, by the source around it: in file and
// position order or, when a profile gave findings a share, the highest
// share first.
func renderText(w io.Writer, r report, contextLines int) {
	for _, e := range r.errs {
		fmt.Fprintf(w, "%s: %s\n", e.Analyzer, e.Error)
	}
	findings := r.findings
	anyShare := slices.ContainsFunc(findings, func(f finding) bool { return f.Share != nil })
	if anyShare {
		findings = slices.Clone(findings)
		slices.SortStableFunc(findings, func(a, b finding) int { return -compareShare(a, b) })
	}
	for _, f := range findings {
		printPlain(w, r.src, f.Posn, f.End, f.Message+" ("+f.Analyzer+")", contextLines)
		for _, rel := range f.Related {
			printPlain(w, r.src, rel.Posn, rel.End, "\t"+rel.Message, contextLines)
		}
	}
}

// printPlain writes one position and message as the driver's text
// output does, with contextLines lines of source around it when
// contextLines is not negative.
func printPlain(w io.Writer, src *sources, posn, end position, message string, contextLines int) {
	fmt.Fprintf(w, "%s: %s\n", posn, message)
	if contextLines < 0 {
		return
	}
	last := end.Line
	if last == 0 {
		last = posn.Line
	}
	lines := src.lines(posn.File)
	for i := posn.Line - contextLines; i <= last+contextLines; i++ {
		if 1 <= i && i <= len(lines) {
			fmt.Fprintf(w, "%d\t%s\n", i, lines[i-1])
		}
	}
}

// compareShare orders findings by share, those without one lowest.
func compareShare(a, b finding) int {
	share := func(f finding) float64 {
		if f.Share == nil {
			return -1
		}
		return *f.Share
	}
	switch sa, sb := share(a), share(b); {
	case sa < sb:
		return -1
	case sa > sb:
		return 1
	}
	return 0
}

// summary is the line that ends a run's output on standard error when
// it reported findings: how many, and, when a profile gave them a
// share, the CPU time of the code they are in.
func summary(findings []finding) string {
	if slices.ContainsFunc(findings, func(f finding) bool { return f.Share != nil }) {
		return shareSummary(findings)
	}
	n := len(findings)
	return fmt.Sprintf("perfvet: %d %s\n", n, plural(n, "finding"))
}

// shareSummary is the summary of profile-ordered output: how many
// findings there are and the CPU time of the code they are in. Findings
// of one loop share a share; distinct loops are added, so overlapping
// (nested) loops make the total an upper bound.
func shareSummary(findings []finding) string {
	seen := make(map[string]bool)
	var n int
	var total float64
	for _, f := range findings {
		if f.Share == nil {
			continue
		}
		n++
		key := f.Posn.File + "\x00" + strconv.FormatFloat(*f.Share, 'f', -1, 64)
		if !seen[key] {
			seen[key] = true
			total += *f.Share
		}
	}
	return fmt.Sprintf("perfvet: %d %s in code holding up to %.1f%% of CPU time in the profile\n", n, plural(n, "finding"), min(total, 1)*100)
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// jsonReport is the document of -format=json, documented in
// docs/usage.md: a version, then the findings in position order.
type jsonReport struct {
	Version  int             `json:"version"`
	Findings []finding       `json:"findings"`
	Errors   []analysisError `json:"errors,omitempty"`
}

// jsonVersion changes only when a field changes meaning or goes away;
// adding a field keeps it.
const jsonVersion = 1

// renderJSON writes findings as perfvet's own JSON document.
func renderJSON(w io.Writer, r report) error {
	doc := jsonReport{Version: jsonVersion, Findings: r.findings, Errors: r.errs}
	if doc.Findings == nil {
		doc.Findings = []finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "\t")
	return enc.Encode(doc)
}

// renderGitHub writes each finding as a GitHub Actions workflow command,
// which the runner turns into an annotation on the file and line, and on
// the pull request's diff. Related positions go into the message, which
// the annotation shows below the title.
func renderGitHub(w io.Writer, r report) {
	for _, e := range r.errs {
		fmt.Fprintf(w, "::error title=perfvet %s::%s\n", escapeProperty(e.Analyzer), escapeData(e.Package+": "+e.Error))
	}
	for _, f := range r.findings {
		props := []string{
			"file=" + escapeProperty(r.sourcePath(f.Posn.File)),
			"line=" + strconv.Itoa(f.Posn.Line),
			"col=" + strconv.Itoa(f.Posn.Column),
		}
		if f.End.Line > 0 {
			props = append(props, "endLine="+strconv.Itoa(f.End.Line))
			if f.End.Line == f.Posn.Line {
				// GitHub takes an end column only on a one-line range.
				props = append(props, "endColumn="+strconv.Itoa(f.End.Column))
			}
		}
		props = append(props, "title="+escapeProperty("perfvet "+f.Analyzer))
		var message strings.Builder
		message.WriteString(f.Message)
		for _, rel := range f.Related {
			fmt.Fprintf(&message, "\n%s:%d:%d: %s", r.sourcePath(rel.Posn.File), rel.Posn.Line, rel.Posn.Column, rel.Message)
		}
		fmt.Fprintf(w, "::warning %s::%s\n", strings.Join(props, ","), escapeData(message.String()))
	}
}

// sourcePath returns file relative to the source root, or as it is when
// it lies outside.
func (r report) sourcePath(file string) string {
	if rel, ok := relativePath(r.roots.source, file); ok {
		return rel
	}
	return file
}

// escapeData escapes the message of a workflow command as the runner
// (actions/toolkit's command.ts) unescapes it.
var escapeData = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace

// escapeProperty escapes a property value of a workflow command, which
// also may not contain the separators of properties.
var escapeProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace
