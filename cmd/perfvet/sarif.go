package main

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"runtime/debug"
	"strings"
	"unicode/utf16"

	"golang.org/x/tools/go/analysis"
)

// SARIF 2.1.0, the subset perfvet writes. The format is large, but a
// linter needs a handful of its objects; writing them with encoding/json
// keeps the output exactly as documented and adds no dependency. The
// end-to-end test validates the output against the OASIS schema.

const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// srcRoot names the source root in artifact locations, the name
	// GitHub code scanning and other SARIF consumers expect.
	srcRoot = "%SRCROOT%"
	// fingerprintKey names perfvet's own fingerprint among a result's
	// partial fingerprints, versioned as SARIF asks.
	fingerprintKey = "perfvet/v1"
)

type sarifLog struct {
	Version string     `json:"version"`
	Schema  string     `json:"$schema"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                   `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
	Results            []sarifResult               `json:"results"` // present even when empty, as code scanning requires
	Invocations        []sarifInvocation           `json:"invocations"`
	ColumnKind         string                      `json:"columnKind"`
}

// sarifInvocation says whether the analysis ran to the end; an analyzer
// that failed is a notification.
type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level   string       `json:"level"`
	Message sarifMessage `json:"message"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string       `json:"id"`
	Name                 string       `json:"name"`
	ShortDescription     sarifMessage `json:"shortDescription"`
	FullDescription      sarifMessage `json:"fullDescription"`
	Help                 sarifMessage `json:"help"` // what GitHub shows as the rule's help
	HelpURI              string       `json:"helpUri,omitempty"`
	DefaultConfiguration struct {
		Level string `json:"level"`
	} `json:"defaultConfiguration"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
	Properties          map[string]any    `json:"properties,omitempty"`
}

type sarifLocation struct {
	ID               *int                  `json:"id,omitempty"`
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	Message          *sarifMessage         `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
	Region           *sarifRegion     `json:"region,omitempty"`
}

type sarifArtifactLoc struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int  `json:"startLine,omitempty"`
	StartColumn int  `json:"startColumn,omitempty"`
	EndLine     int  `json:"endLine,omitempty"`
	EndColumn   int  `json:"endColumn,omitempty"`
	ByteOffset  *int `json:"byteOffset,omitempty"`
	ByteLength  *int `json:"byteLength,omitempty"`
}

type sarifFix struct {
	Description     sarifMessage          `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLoc   `json:"artifactLocation"`
	Replacements     []sarifReplacement `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion   `json:"deletedRegion"`
	InsertedContent *sarifMessage `json:"insertedContent,omitempty"`
}

// renderSARIF writes one SARIF run: every analyzer as a rule, every
// finding as a result with its region, related locations and fixes.
func renderSARIF(w io.Writer, r report, all []*analysis.Analyzer) error {
	run := sarifRun{
		Tool:       sarifTool{Driver: sarifDriverOf(all)},
		Results:    []sarifResult{},
		ColumnKind: "utf16CodeUnits",
		OriginalURIBaseIDs: map[string]sarifArtifactLoc{
			srcRoot: {URI: fileURI(r.roots.source + string(filepath.Separator))},
		},
	}
	inv := sarifInvocation{ExecutionSuccessful: len(r.errs) == 0}
	for _, e := range r.errs {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications,
			sarifNotification{Level: "error", Message: sarifMessage{e.Analyzer + " failed on " + e.Package + ": " + e.Error}})
	}
	run.Invocations = []sarifInvocation{inv}
	ruleIndex := make(map[string]int, len(run.Tool.Driver.Rules))
	for i, rule := range run.Tool.Driver.Rules {
		ruleIndex[rule.ID] = i
	}
	for _, f := range r.findings {
		run.Results = append(run.Results, r.sarifResult(f, ruleIndex[f.Analyzer]))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Version: sarifVersion, Schema: sarifSchema, Runs: []sarifRun{run}})
}

// sarifDriverOf describes perfvet and its analyzers: id and name are the
// analyzer's name, the descriptions come from its Doc (the summary line,
// then all of it), helpUri is its page.
func sarifDriverOf(all []*analysis.Analyzer) sarifDriver {
	d := sarifDriver{Name: "perfvet", InformationURI: "https://github.com/perfvet/perfvet", Rules: []sarifRule{}}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		d.Version = info.Main.Version
	}
	for _, a := range all {
		summary, _, _ := strings.Cut(a.Doc, "\n")
		rule := sarifRule{
			ID:               a.Name,
			Name:             a.Name,
			ShortDescription: sarifMessage{strings.TrimSpace(summary)},
			FullDescription:  sarifMessage{strings.TrimSpace(a.Doc)},
			Help:             sarifMessage{strings.TrimSpace(a.Doc) + "\n\nSee " + a.URL},
			HelpURI:          a.URL,
		}
		rule.DefaultConfiguration.Level = "warning"
		d.Rules = append(d.Rules, rule)
	}
	return d
}

// sarifResult converts one finding of the rule at index rule.
func (r report) sarifResult(f finding, rule int) sarifResult {
	res := sarifResult{
		RuleID:    f.Analyzer,
		RuleIndex: rule,
		Level:     "warning",
		Message:   sarifMessage{f.Message},
		Locations: []sarifLocation{{PhysicalLocation: r.sarifPlace(f.Posn, f.End)}},
	}
	for i, rel := range f.Related {
		res.RelatedLocations = append(res.RelatedLocations, sarifLocation{
			ID:               &i,
			PhysicalLocation: r.sarifPlace(rel.Posn, rel.End),
			Message:          &sarifMessage{rel.Message},
		})
	}
	for _, fix := range f.Fixes {
		if len(fix.Edits) > 0 { // SARIF requires at least one change
			res.Fixes = append(res.Fixes, r.sarifFixOf(fix))
		}
	}
	if fp := fingerprint(r.src, f); fp != "" {
		res.PartialFingerprints = map[string]string{fingerprintKey: fp}
	}
	if f.Share != nil {
		res.Properties = map[string]any{"share": *f.Share}
	}
	return res
}

// sarifPlace is the file and region from posn to end. SARIF counts
// columns in UTF-16 code units, the go command in bytes.
func (r report) sarifPlace(posn, end position) sarifPhysicalLocation {
	loc := sarifPhysicalLocation{ArtifactLocation: r.sarifArtifact(posn.File)}
	if posn.Line < 1 {
		return loc
	}
	region := &sarifRegion{StartLine: posn.Line, StartColumn: r.utf16Column(posn)}
	if end.Line >= posn.Line {
		region.EndLine, region.EndColumn = end.Line, r.utf16Column(end)
	}
	loc.Region = region
	return loc
}

// sarifArtifact names file relative to the source root, or by its
// absolute file URI when it lies outside.
func (r report) sarifArtifact(file string) sarifArtifactLoc {
	if rel, ok := relativePath(r.roots.source, file); ok {
		return sarifArtifactLoc{URI: (&url.URL{Path: rel}).String(), URIBaseID: srcRoot}
	}
	return sarifArtifactLoc{URI: fileURI(file)}
}

// fileURI is the file: URI of an absolute path; a Windows path gets the
// slash before its drive letter (file:///C:/src/).
func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// utf16Column converts the byte column of p to UTF-16 code units, or
// keeps it when the line cannot be read.
func (r report) utf16Column(p position) int {
	line := r.src.line(p.File, p.Line)
	if p.Column < 1 || p.Column-1 > len(line) {
		return max(p.Column, 1)
	}
	return len(utf16.Encode([]rune(line[:p.Column-1]))) + 1
}

// sarifFixOf converts a suggested fix; its edits address bytes, which
// SARIF regions can name directly.
func (r report) sarifFixOf(fix fixInfo) sarifFix {
	sf := sarifFix{Description: sarifMessage{fix.Message}}
	byFile := make(map[string]int)
	for _, e := range fix.Edits {
		i, ok := byFile[e.File]
		if !ok {
			i = len(sf.ArtifactChanges)
			byFile[e.File] = i
			sf.ArtifactChanges = append(sf.ArtifactChanges, sarifArtifactChange{ArtifactLocation: r.sarifArtifact(e.File)})
		}
		offset, length := e.Start, e.End-e.Start
		rep := sarifReplacement{DeletedRegion: sarifRegion{ByteOffset: &offset, ByteLength: &length}}
		if e.New != "" {
			rep.InsertedContent = &sarifMessage{e.New}
		}
		sf.ArtifactChanges[i].Replacements = append(sf.ArtifactChanges[i].Replacements, rep)
	}
	return sf
}
