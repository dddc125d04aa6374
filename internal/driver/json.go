package driver

import (
	"cmp"
	"go/token"

	"golang.org/x/tools/go/analysis"
)

// A Diagnostic is an analysis.Diagnostic in the JSON form go vet -json
// and the analysis drivers of golang.org/x/tools print: positions as
// file:line:column, fix edits as byte offsets.
type Diagnostic struct {
	Category       string    `json:"category,omitempty"`
	Posn           string    `json:"posn"`
	End            string    `json:"end"`
	Message        string    `json:"message"`
	SuggestedFixes []Fix     `json:"suggested_fixes,omitempty"`
	Related        []Related `json:"related,omitempty"`
}

// A Fix is a suggested fix: edits applied together or not at all.
type Fix struct {
	Message string `json:"message"`
	Edits   []Edit `json:"edits"`
}

// An Edit replaces the bytes [Start, End) of Filename with New.
type Edit struct {
	Filename string `json:"filename"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	New      string `json:"new"`
}

// Related is a secondary position of a diagnostic.
type Related struct {
	Posn    string `json:"posn"`
	End     string `json:"end"`
	Message string `json:"message"`
}

// jsonDiagnostics converts diagnostics to their JSON form.
func jsonDiagnostics(fset *token.FileSet, diags []analysis.Diagnostic) []Diagnostic {
	out := make([]Diagnostic, 0, len(diags))
	for _, d := range diags {
		jd := Diagnostic{
			Category: d.Category,
			Posn:     fset.Position(d.Pos).String(),
			End:      fset.Position(cmp.Or(d.End, d.Pos)).String(),
			Message:  d.Message,
		}
		for _, fix := range d.SuggestedFixes {
			jf := Fix{Message: fix.Message, Edits: make([]Edit, 0, len(fix.TextEdits))}
			for _, e := range fix.TextEdits {
				start, end := fset.Position(e.Pos), fset.Position(cmp.Or(e.End, e.Pos))
				jf.Edits = append(jf.Edits, Edit{Filename: start.Filename, Start: start.Offset, End: end.Offset, New: string(e.NewText)})
			}
			jd.SuggestedFixes = append(jd.SuggestedFixes, jf)
		}
		for _, rel := range d.Related {
			jd.Related = append(jd.Related, Related{
				Posn:    fset.Position(rel.Pos).String(),
				End:     fset.Position(cmp.Or(rel.End, rel.Pos)).String(),
				Message: rel.Message,
			})
		}
		out = append(out, jd)
	}
	return out
}

// Tree arranges results as go vet -json prints them: package ID to
// analyzer name to its diagnostics, or to {"error": ...} when it failed.
// Units with problems are left out; their problems are the caller's to
// report.
func Tree(results []Result) map[string]map[string]any {
	tree := make(map[string]map[string]any)
	for _, r := range results {
		if len(r.Diagnostics) == 0 && len(r.AnalyzerErrors) == 0 {
			continue
		}
		m := make(map[string]any)
		for name, diags := range r.Diagnostics {
			m[name] = diags
		}
		for name, msg := range r.AnalyzerErrors {
			m[name] = struct {
				Error string `json:"error"`
			}{msg}
		}
		tree[r.ID] = m
	}
	return tree
}
