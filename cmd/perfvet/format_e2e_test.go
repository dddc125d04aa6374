package main

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/perfvet/perfvet/analyzers"
)

// These tests run perfvet with each -format on the lint fixture module
// and parse what it prints.

func TestTextFormatIsTheDefault(t *testing.T) {
	plain := perfvet(t, lintModule, "./concat")
	text := perfvet(t, lintModule, "-format=text", "./concat")
	wantCode(t, text, exitFindings)
	wantConcatFinding(t, text.stderr, "concat/concat.go", "out += x")
	if text.stderr != plain.stderr || text.stdout != "" {
		t.Fatalf("-format=text differs from the default output:\n%s\nwant:\n%s", text, plain)
	}
	// The loop is the related position, on the line after the finding.
	loop := lineOf(t, filepath.Join(lintModule, "concat/concat.go"), "for _, x := range xs")
	if !strings.Contains(text.stderr, "concat.go:"+strconv.Itoa(loop)+":2: \tthe loop over xs\n") {
		t.Errorf("the related loop is not printed as the driver prints it:\n%s", text.stderr)
	}
}

func TestTextFormatContextLines(t *testing.T) {
	r := perfvet(t, lintModule, "-c", "1", "./concat")
	wantCode(t, r, exitFindings)
	line := lineOf(t, filepath.Join(lintModule, "concat/concat.go"), "out += x")
	for _, want := range []string{
		strconv.Itoa(line-1) + "\t\tfor _, x := range xs {\n",
		strconv.Itoa(line) + "\t\t\tout += x\n",
		strconv.Itoa(line+1) + "\t\t}\n",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("-c 1 output lacks the context line %q:\n%s", want, r.stderr)
		}
	}
}

// jsonOutput is the documented -format=json document, as a consumer
// would declare it.
type jsonOutput struct {
	Version  int `json:"version"`
	Findings []struct {
		Analyzer string  `json:"analyzer"`
		Posn     testPos `json:"posn"`
		End      testPos `json:"end"`
		Message  string  `json:"message"`
		Related  []struct {
			Posn    testPos `json:"posn"`
			End     testPos `json:"end"`
			Message string  `json:"message"`
		} `json:"related"`
		Fixes []struct {
			Message string `json:"message"`
			Edits   []struct {
				File  string `json:"file"`
				Start int    `json:"start"`
				End   int    `json:"end"`
				New   string `json:"new"`
			} `json:"edits"`
		} `json:"fixes"`
		Share *float64 `json:"share"`
	} `json:"findings"`
}

// testPos is a position in the -format=json document.
type testPos struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// parseJSONOutput decodes the -format=json output of r, rejecting
// fields the schema does not document.
func parseJSONOutput(t *testing.T, r result) jsonOutput {
	t.Helper()
	var out jsonOutput
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&out); err != nil {
		t.Fatalf("JSON output does not parse as documented: %v\n%s", err, r)
	}
	if out.Version != 1 {
		t.Fatalf("JSON output has version %d, want 1", out.Version)
	}
	return out
}

func TestJSONFormat(t *testing.T) {
	for _, flag := range []string{"-json", "-format=json"} {
		t.Run(flag, func(t *testing.T) {
			r := perfvet(t, lintModule, flag, "./concat")
			wantCode(t, r, exitFindings)
			out := parseJSONOutput(t, r)
			file := filepath.Join(lintModule, "concat/concat.go")
			line, loop := lineOf(t, file, "out += x"), lineOf(t, file, "for _, x := range xs")
			// The package's test variant holds the same file: one finding.
			if len(out.Findings) != 1 {
				t.Fatalf("want one finding, got %s", r.stdout)
			}
			f := out.Findings[0]
			if f.Analyzer != "concatloop" || filepath.Base(f.Posn.File) != "concat.go" || !filepath.IsAbs(f.Posn.File) ||
				f.Posn.Line != line || f.Posn.Column != 3 || f.End.Line != line || f.End.Column != len("\t\tout += x")+1 {
				t.Errorf("want concatloop at concat.go:%d:3 to %d:%d, got %+v", line, line, len("\t\tout += x")+1, f)
			}
			if strings.Contains(f.Message, "concatloop") || !strings.HasSuffix(f.Message, "build it with a strings.Builder") {
				t.Errorf("the message should end with the remedy, without the analyzer's name: %q", f.Message)
			}
			if len(f.Related) != 1 || f.Related[0].Posn.Line != loop || f.Related[0].Message != "the loop over xs" {
				t.Errorf("want the loop at line %d as related information, got %+v", loop, f.Related)
			}
			if len(f.Fixes) != 1 || f.Fixes[0].Message != "Use strings.Builder" || len(f.Fixes[0].Edits) == 0 || f.Share != nil {
				t.Errorf("want one fix using strings.Builder and no share, got %+v", f)
			}
		})
	}
}

func TestJSONFormatClean(t *testing.T) {
	r := perfvet(t, lintModule, "-json", "./clean")
	wantCode(t, r, exitClean)
	if out := parseJSONOutput(t, r); out.Findings == nil || len(out.Findings) != 0 {
		t.Fatalf("want an empty findings list, got %s", r)
	}
	if !strings.Contains(r.stdout, `"findings": []`) {
		t.Errorf("findings should be an empty list, not left out or null:\n%s", r.stdout)
	}
}

func TestExitZero(t *testing.T) {
	for _, format := range formats {
		r := perfvet(t, lintModule, "-format="+format, "-exit-zero", "./concat")
		wantCode(t, r, exitClean)
		if !strings.Contains(r.stdout+r.stderr, "concat.go") {
			t.Errorf("-format=%s -exit-zero: the finding is still to be reported, got %s", format, r)
		}
		wantCode(t, perfvet(t, lintModule, "-format="+format, "./concat"), exitFindings)
	}
}

func TestBadFormatIsUsageError(t *testing.T) {
	for _, args := range [][]string{{"-format=xml"}, {"-json", "-format=sarif"}, {"-baseline-update"}} {
		r := perfvet(t, lintModule, append(args, "./concat")...)
		wantCode(t, r, exitUsage)
		if strings.Count(r.stderr, "\n") != 1 || !strings.HasPrefix(r.stderr, "perfvet: ") {
			t.Errorf("perfvet %s: want one line explaining the error, got %s", strings.Join(args, " "), r)
		}
	}
}

// sarifSchema is the OASIS SARIF 2.1.0 schema (errata 01), as shipped
// in the testdata of github.com/securego/gosec/v2 v2.29.0.
const sarifSchemaFile = "testdata/sarif-schema-2.1.0.json"

// validateSARIF fails the test unless doc is valid SARIF 2.1.0.
func validateSARIF(t *testing.T, doc string) {
	t.Helper()
	if err := validateSARIFErr(doc); err != nil {
		t.Fatalf("SARIF output is not valid SARIF 2.1.0: %v\n%s", err, doc)
	}
}

// TestSARIFSchemaRejects checks that the validation can fail: a
// document without the required version, a result without a message,
// and a location whose URI is not one.
func TestSARIFSchemaRejects(t *testing.T) {
	for _, doc := range []string{
		`{"runs": []}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "perfvet"}}, "results": [{"ruleId": "x"}]}]}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "perfvet"}}, "results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a b\\c:%zz"}}}]}]}]}`,
	} {
		if err := validateSARIFErr(doc); err == nil {
			t.Errorf("the SARIF schema accepts %s", doc)
		}
	}
}

// validateSARIFErr returns why doc is not valid SARIF 2.1.0, checking
// the formats (uri, date-time) that the schema names too.
func validateSARIFErr(doc string) error {
	schemaFile, err := os.Open(sarifSchemaFile)
	if err != nil {
		return err
	}
	defer schemaFile.Close()
	schemaDoc, err := jsonschema.UnmarshalJSON(schemaFile)
	if err != nil {
		return err
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("sarif-schema-2.1.0.json", schemaDoc); err != nil {
		return err
	}
	schema, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(doc))
	if err != nil {
		return err
	}
	return schema.Validate(inst)
}

// sarifOutput is the part of perfvet's SARIF the tests check.
type sarifOutput struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Name  string `json:"name"`
				Rules []struct {
					ID               string `json:"id"`
					HelpURI          string `json:"helpUri"`
					ShortDescription struct {
						Text string `json:"text"`
					} `json:"shortDescription"`
					FullDescription struct {
						Text string `json:"text"`
					} `json:"fullDescription"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		OriginalURIBaseIDs map[string]struct {
			URI string `json:"uri"`
		} `json:"originalUriBaseIds"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Message   struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations        []sarifTestLocation `json:"locations"`
			RelatedLocations []sarifTestLocation `json:"relatedLocations"`
			Fixes            []struct {
				ArtifactChanges []struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Replacements []struct {
						DeletedRegion struct {
							ByteOffset int `json:"byteOffset"`
						} `json:"deletedRegion"`
					} `json:"replacements"`
				} `json:"artifactChanges"`
			} `json:"fixes"`
		} `json:"results"`
	} `json:"runs"`
}

type sarifTestLocation struct {
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI       string `json:"uri"`
			URIBaseID string `json:"uriBaseId"`
		} `json:"artifactLocation"`
		Region struct {
			StartLine   int `json:"startLine"`
			StartColumn int `json:"startColumn"`
			EndLine     int `json:"endLine"`
			EndColumn   int `json:"endColumn"`
		} `json:"region"`
	} `json:"physicalLocation"`
}

func TestSARIFFormat(t *testing.T) {
	// A copy outside any git work tree: URIs are relative to the module.
	dir := copyModule(t, lintModule)
	r := perfvet(t, dir, "-format=sarif", "./concat")
	wantCode(t, r, exitFindings)
	validateSARIF(t, r.stdout)
	var out sarifOutput
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Runs) != 1 {
		t.Fatalf("want one run, got %d", len(out.Runs))
	}
	run := out.Runs[0]
	var ids []string
	for _, rule := range run.Tool.Driver.Rules {
		ids = append(ids, rule.ID)
		if !strings.HasSuffix(rule.HelpURI, "/docs/analyzers/"+rule.ID+".md") || rule.ShortDescription.Text == "" ||
			!strings.HasPrefix(rule.FullDescription.Text, rule.ShortDescription.Text) || strings.Contains(rule.ShortDescription.Text, "\n") {
			t.Errorf("rule %s lacks its page or its descriptions: %+v", rule.ID, rule)
		}
	}
	for _, a := range analyzers.Analyzers() {
		if !slices.Contains(ids, a.Name) {
			t.Errorf("no SARIF rule for analyzer %s (rules: %v)", a.Name, ids)
		}
	}
	base, err := url.Parse(run.OriginalURIBaseIDs["%SRCROOT%"].URI)
	if err != nil || base.Scheme != "file" || !sameDir(t, base.Path, dir) {
		t.Errorf("%%SRCROOT%% is %q, want the module directory %s", run.OriginalURIBaseIDs["%SRCROOT%"].URI, dir)
	}
	if len(run.Results) != 1 {
		t.Fatalf("want one result, got %d", len(run.Results))
	}
	res := run.Results[0]
	line := lineOf(t, filepath.Join(dir, "concat/concat.go"), "out += x")
	loop := lineOf(t, filepath.Join(dir, "concat/concat.go"), "for _, x := range xs")
	if res.RuleID != "concatloop" || ids[res.RuleIndex] != "concatloop" || strings.Contains(res.Message.Text, "(concatloop)") {
		t.Errorf("want a concatloop result pointing at its rule, message without the name, got %+v", res)
	}
	wantSARIFPlace(t, res.Locations, "concat/concat.go", line, 3)
	wantSARIFPlace(t, res.RelatedLocations, "concat/concat.go", loop, 2)
	if len(res.Fixes) != 1 || len(res.Fixes[0].ArtifactChanges) != 1 || res.Fixes[0].ArtifactChanges[0].ArtifactLocation.URI != "concat/concat.go" ||
		len(res.Fixes[0].ArtifactChanges[0].Replacements) == 0 {
		t.Errorf("want the strings.Builder fix as replacements in concat/concat.go, got %+v", res.Fixes)
	}
}

// wantSARIFPlace fails the test unless locs is one location at line and
// column of uri, relative to %SRCROOT%.
func wantSARIFPlace(t *testing.T, locs []sarifTestLocation, uri string, line, col int) {
	t.Helper()
	if len(locs) != 1 {
		t.Fatalf("want one location, got %+v", locs)
	}
	p := locs[0].PhysicalLocation
	if p.ArtifactLocation.URI != uri || p.ArtifactLocation.URIBaseID != "%SRCROOT%" || p.Region.StartLine != line || p.Region.StartColumn != col {
		t.Errorf("want %s:%d:%d relative to %%SRCROOT%%, got %+v", uri, line, col, p)
	}
}

// sameDir reports whether a and b name the same directory.
func sameDir(t *testing.T, a, b string) bool {
	t.Helper()
	ia, err1 := os.Stat(strings.TrimSuffix(a, "/"))
	ib, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(ia, ib)
}

func TestSARIFFormatClean(t *testing.T) {
	r := perfvet(t, lintModule, "-format=sarif", "./clean")
	wantCode(t, r, exitClean)
	validateSARIF(t, r.stdout)
	if !regexp.MustCompile(`"results": \[\]`).MatchString(r.stdout) {
		t.Errorf("runs[].results must be present and empty:\n%s", r.stdout)
	}
}

// TestSARIFColumnsInUTF16 checks that a column after non-ASCII text is
// counted in UTF-16 code units, as SARIF's default columnKind says.
func TestSARIFColumnsInUTF16(t *testing.T) {
	dir := copyModule(t, lintModule)
	src := "package concat\n\nfunc Accents(xs []string) string {\n\tout := \"\"\n\tfor _, x := range xs {\n\t\t/* é */ out += x\n\t}\n\treturn out\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "concat", "accents.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	r := perfvet(t, dir, "-format=sarif", "./concat")
	validateSARIF(t, r.stdout)
	var out sarifOutput
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatal(err)
	}
	for _, res := range out.Runs[0].Results {
		if p := res.Locations[0].PhysicalLocation; p.ArtifactLocation.URI == "concat/accents.go" {
			// "\t\t/* é */ " is 11 bytes, 10 UTF-16 code units.
			if p.Region.StartColumn != 11 {
				t.Errorf("want column 11 in UTF-16 code units, got %d", p.Region.StartColumn)
			}
			return
		}
	}
	t.Fatalf("no result in accents.go:\n%s", r.stdout)
}

// annotation matches a GitHub Actions warning command.
var annotation = regexp.MustCompile(`^::warning file=([^,]*),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=([^:]*)::(.*)$`)

func TestGitHubFormat(t *testing.T) {
	dir := copyModule(t, lintModule)
	r := perfvet(t, dir, "-format=github", "./concat")
	wantCode(t, r, exitFindings)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) != 1 {
		t.Fatalf("want one annotation, got %s", r)
	}
	m := annotation.FindStringSubmatch(lines[0])
	if m == nil {
		t.Fatalf("not a warning annotation: %q", lines[0])
	}
	file := filepath.Join(dir, "concat/concat.go")
	line, loop := lineOf(t, file, "out += x"), lineOf(t, file, "for _, x := range xs")
	want := []string{"concat/concat.go", strconv.Itoa(line), "3", strconv.Itoa(line), strconv.Itoa(len("\t\tout += x") + 1), "perfvet concatloop"}
	if !slices.Equal(m[1:7], want) {
		t.Errorf("annotation properties = %q, want %q", m[1:7], want)
	}
	message := unescapeData(m[7])
	wantMessage := "build it with a strings.Builder\nconcat/concat.go:" + strconv.Itoa(loop) + ":2: the loop over xs"
	if !strings.HasSuffix(message, wantMessage) || strings.Contains(message, "(concatloop)") {
		t.Errorf("annotation message = %q, want it to end with %q", message, wantMessage)
	}
}

// unescapeData undoes the workflow command escaping, as the runner does.
func unescapeData(s string) string {
	return strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%").Replace(s)
}

func TestGitHubEscaping(t *testing.T) {
	if got, want := escapeData("50% done\r\nnext: a, b"), "50%25 done%0D%0Anext: a, b"; got != want {
		t.Errorf("escapeData = %q, want %q", got, want)
	}
	if got, want := escapeProperty("dir,1/a:b%.go\n"), "dir%2C1/a%3Ab%25.go%0A"; got != want {
		t.Errorf("escapeProperty = %q, want %q", got, want)
	}
	var buf bytes.Buffer
	renderGitHub(&buf, report{findings: []finding{{
		Analyzer: "concatloop",
		Posn:     position{File: "/src/a,b.go", Line: 3, Column: 2},
		End:      position{File: "/src/a,b.go", Line: 4, Column: 1},
		Message:  "100% of it",
	}}, roots: roots{source: "/src"}})
	if got, want := buf.String(), "::warning file=a%2Cb.go,line=3,col=2,endLine=4,title=perfvet concatloop::100%25 of it\n"; got != want {
		t.Errorf("renderGitHub = %q, want %q", got, want)
	}
}

// TestPathsFromGitRoot checks that annotations and SARIF name files
// from the top of the git work tree when the module sits in a
// subdirectory of the repository, as GitHub resolves them.
func TestPathsFromGitRoot(t *testing.T) {
	repo := t.TempDir()
	module := filepath.Join(repo, "svc")
	if err := os.CopyFS(module, os.DirFS(lintModule)); err != nil {
		t.Fatal(err)
	}
	gitRepo(t, repo)

	r := perfvet(t, module, "-format=github", "./concat")
	wantCode(t, r, exitFindings)
	if !strings.HasPrefix(r.stdout, "::warning file=svc/concat/concat.go,") {
		t.Errorf("want the annotation's file relative to the repository, got %s", r)
	}

	r = perfvet(t, module, "-format=sarif", "./concat")
	validateSARIF(t, r.stdout)
	var out sarifOutput
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Runs) != 1 || len(out.Runs[0].Results) != 1 {
		t.Fatalf("want one result, got %s", r.stdout)
	}
	wantSARIFPlace(t, out.Runs[0].Results[0].Locations, "svc/concat/concat.go", lineOf(t, filepath.Join(module, "concat/concat.go"), "out += x"), 3)
	if base, err := url.Parse(out.Runs[0].OriginalURIBaseIDs["%SRCROOT%"].URI); err != nil || !sameDir(t, base.Path, repo) {
		t.Errorf("%%SRCROOT%% should be the repository, %s; got %v", repo, out.Runs[0].OriginalURIBaseIDs)
	}
}

func TestFileURI(t *testing.T) {
	for path, want := range map[string]string{
		"/src/my module/": "file:///src/my%20module/",
		"/src/a%b.go":     "file:///src/a%25b.go",
		`C:/src/names.go`: "file:///C:/src/names.go",
	} {
		if got := fileURI(path); got != want {
			t.Errorf("fileURI(%q) = %q, want %q", path, got, want)
		}
	}
}
