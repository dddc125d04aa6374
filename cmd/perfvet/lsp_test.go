package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/format"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/sourcegraph/jsonrpc2"
)

// These tests run `perfvet lsp` (the binary TestMain builds) and drive
// it over its standard input and output as an editor would.

// lspModuleFiles is a module whose names package concatenates in a
// loop. The line with the finding has non-ASCII identifiers and strings,
// an emoji (two UTF-16 code units, four bytes) among them, so that byte
// and UTF-16 columns differ.
var lspModuleFiles = map[string]string{
	"go.mod": "module example.com/lsptest\n\ngo 1.26\n",
	"names/names.go": `package names

// Joïn concatenates the names.
func Joïn(名前 []string) string {
	結果 := "→ "
	for _, n := range 名前 {
		_ = "😀"; 結果 += "«" + n + "»"
	}
	return 結果
}
`,
}

// writeLSPModule writes lspModuleFiles into a new directory.
func writeLSPModule(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range lspModuleFiles {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// lspClient is a scripted editor connected to a perfvet lsp process.
type lspClient struct {
	t        testing.TB
	cmd      *exec.Cmd
	conn     *jsonrpc2.Conn
	stdin    io.WriteCloser
	diags    chan publishDiagnosticsParams
	messages chan showMessageParams // window/showMessage
	logs     chan string            // window/logMessage
	// unmatched receives responses to no request of the connection's:
	// the replies to rawExchange.
	unmatched chan *jsonrpc2.Response
	// lastAnalysis is the log line of the last analysis waitAnalysed saw.
	lastAnalysis string
}

// startLSP starts perfvet lsp in dir and connects to it.
func startLSP(t testing.TB, dir string) *lspClient {
	t.Helper()
	cmd := exec.Command(perfvetBin, "lsp")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off")
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &lspClient{
		t: t, cmd: cmd, stdin: stdin,
		diags:     make(chan publishDiagnosticsParams, 100),
		messages:  make(chan showMessageParams, 100),
		logs:      make(chan string, 1000),
		unmatched: make(chan *jsonrpc2.Response, 10),
	}
	stream := jsonrpc2.NewBufferedStream(readWriteCloser{stdout, stdin}, jsonrpc2.VSCodeObjectCodec{})
	c.conn = jsonrpc2.NewConn(context.Background(), stream, jsonrpc2.HandlerWithError(c.handle),
		jsonrpc2.OnRecv(func(req *jsonrpc2.Request, resp *jsonrpc2.Response) {
			if req == nil && resp != nil {
				c.unmatched <- resp
			}
		}),
		jsonrpc2.SetLogger(discardLogger{}))
	t.Cleanup(func() {
		c.conn.Close()
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	return c
}

// handle records the server's notifications.
func (c *lspClient) handle(_ context.Context, _ *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
	if req.Params == nil {
		return nil, nil
	}
	switch req.Method {
	case "textDocument/publishDiagnostics":
		var p publishDiagnosticsParams
		if err := json.Unmarshal(*req.Params, &p); err != nil {
			c.t.Errorf("publishDiagnostics params: %v", err)
		}
		c.diags <- p
	case "window/showMessage":
		var p showMessageParams
		_ = json.Unmarshal(*req.Params, &p)
		c.messages <- p
	case "window/logMessage":
		var p showMessageParams
		_ = json.Unmarshal(*req.Params, &p)
		c.logs <- p.Message
	}
	return nil, nil
}

type readWriteCloser struct {
	io.ReadCloser
	io.WriteCloser
}

func (rw readWriteCloser) Close() error {
	return errors.Join(rw.ReadCloser.Close(), rw.WriteCloser.Close())
}

// call sends a request and decodes its result into result.
func (c *lspClient) call(method string, params, result any) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	return c.conn.Call(ctx, method, params, result)
}

// notify sends a notification.
func (c *lspClient) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("sending %s: %v", method, err)
	}
}

// initialize runs the handshake with the given initializationOptions.
func (c *lspClient) initialize(root string, options any) {
	c.t.Helper()
	var res initializeResult
	params := map[string]any{"processId": nil, "rootUri": fileURI(root), "capabilities": map[string]any{}, "initializationOptions": options}
	if err := c.call("initialize", params, &res); err != nil {
		c.t.Fatalf("initialize: %v", err)
	}
	if !slices.Contains(res.Capabilities.CodeActionProvider.CodeActionKinds, codeActionQuickFix) {
		c.t.Fatalf("initialize result offers no quick fixes: %+v", res)
	}
	c.notify("initialized", map[string]any{})
}

// open opens path with its content on disk.
func (c *lspClient) open(path string) string {
	c.t.Helper()
	text, err := os.ReadFile(path)
	if err != nil {
		c.t.Fatal(err)
	}
	c.notify("textDocument/didOpen", didOpenParams{TextDocument: textDocumentItem{URI: fileURI(path), LanguageID: "go", Version: 1, Text: string(text)}})
	return string(text)
}

// waitDiagnostics returns the next diagnostics published for path.
func (c *lspClient) waitDiagnostics(path string) publishDiagnosticsParams {
	c.t.Helper()
	timeout := time.After(2 * time.Minute)
	for {
		select {
		case p := <-c.diags:
			if got, _ := uriPath(p.URI); got == path {
				return p
			}
		case <-timeout:
			c.t.Fatalf("no diagnostics for %s", path)
		}
	}
}

// shutdown shuts the server down and wants it to exit with status 0.
func (c *lspClient) shutdown() {
	c.t.Helper()
	if err := c.call("shutdown", nil, nil); err != nil {
		c.t.Fatalf("shutdown: %v", err)
	}
	c.notify("exit", nil)
	done := make(chan error, 1)
	go func() { done <- c.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			c.t.Fatalf("perfvet lsp after shutdown and exit: %v", err)
		}
	case <-time.After(time.Minute):
		c.t.Fatal("perfvet lsp did not exit")
	}
}

// utf16Col is the UTF-16 length of s, computed independently of the
// server's conversion.
func utf16Col(s string) int { return len(utf16.Encode([]rune(s))) }

// applyEdits applies LSP text edits to text, converting positions with
// its own UTF-16 arithmetic. Edits apply back to front so that earlier
// ones keep their positions.
func applyEdits(t *testing.T, text string, edits []textEdit) string {
	t.Helper()
	lines := strings.SplitAfter(text, "\n")
	offset := func(p lspPosition) int {
		n := 0
		for _, l := range lines[:p.Line] {
			n += len(l)
		}
		units := utf16.Encode([]rune(lines[p.Line]))
		return n + len(string(utf16.Decode(units[:p.Character])))
	}
	edits = slices.Clone(edits)
	slices.SortFunc(edits, func(a, b textEdit) int { return offset(b.Range.Start) - offset(a.Range.Start) })
	for _, e := range edits {
		start, end := offset(e.Range.Start), offset(e.Range.End)
		text = text[:start] + e.NewText + text[end:]
	}
	return text
}

// TestLspDiagnosticsFixAndClear opens a file with a finding, checks the
// diagnostic's range in UTF-16 and its fields, applies the quick fix,
// which must give exactly what perfvet -fix writes, sends the fixed
// buffer and sees the diagnostic go away, then shuts down.
func TestLspDiagnosticsFixAndClear(t *testing.T) {
	dir := writeLSPModule(t)
	file := filepath.Join(dir, "names", "names.go")
	c := startLSP(t, dir)
	c.initialize(dir, nil)
	text := c.open(file)

	p := c.waitDiagnostics(file)
	if len(p.Diagnostics) != 1 {
		t.Fatalf("want one diagnostic, got %+v", p.Diagnostics)
	}
	d := p.Diagnostics[0]
	lineText := strings.Split(text, "\n")[6]
	stmt := `結果 += "«" + n + "»"`
	col := strings.Index(lineText, stmt)
	wantRange := lspRange{
		Start: lspPosition{Line: 6, Character: utf16Col(lineText[:col])},
		End:   lspPosition{Line: 6, Character: utf16Col(lineText[:col+len(stmt)])},
	}
	// Two tabs, `_ = "`, the emoji as two units, `"; `.
	if wantRange.Start.Character != 12 {
		t.Fatalf("test arithmetic: the statement starts at UTF-16 column 12, not %d", wantRange.Start.Character)
	}
	if d.Range != wantRange {
		t.Errorf("range %+v, want %+v (the += statement)", d.Range, wantRange)
	}
	if d.Source != "perfvet" || d.Code != "concatloop" || d.Severity != severityWarning {
		t.Errorf("source %q code %q severity %d, want perfvet, concatloop, warning", d.Source, d.Code, d.Severity)
	}
	if d.CodeDescription == nil || !strings.HasSuffix(d.CodeDescription.Href, "/docs/analyzers/concatloop.md") {
		t.Errorf("codeDescription %+v, want the concatloop docs", d.CodeDescription)
	}
	if !strings.Contains(d.Message, "結果 grows by +=") {
		t.Errorf("message %q does not name the variable", d.Message)
	}
	if len(d.RelatedInformation) == 0 || d.RelatedInformation[0].Location.Range.Start.Line != 5 {
		t.Errorf("related information %+v, want the loop on line 6", d.RelatedInformation)
	}

	var actions []codeAction
	params := codeActionParams{
		TextDocument: textDocumentIdentifier{URI: fileURI(file)},
		Range:        lspRange{Start: d.Range.Start, End: d.Range.Start},
		Context:      codeActionContext{Diagnostics: []lspDiagnostic{d}},
	}
	if err := c.call("textDocument/codeAction", params, &actions); err != nil {
		t.Fatalf("codeAction: %v", err)
	}
	if len(actions) != 1 || actions[0].Kind != codeActionQuickFix || actions[0].Edit == nil {
		t.Fatalf("want one quickfix with an edit, got %+v", actions)
	}
	fixed := applyEdits(t, text, actions[0].Edit.Changes[fileURI(file)])

	// perfvet -fix applies the same fix by byte offsets.
	cli := writeLSPModule(t)
	wantCode(t, perfvet(t, cli, "-fix", "./names"), exitClean)
	want, err := os.ReadFile(filepath.Join(cli, "names", "names.go"))
	if err != nil {
		t.Fatal(err)
	}
	// The driver formats what it fixes; an editor leaves that to gopls.
	formatted, err := format.Source([]byte(fixed))
	if err != nil {
		t.Fatalf("quick fix applied gives code that does not parse: %v\n%s", err, fixed)
	}
	if string(formatted) != string(want) {
		t.Fatalf("quick fix applied and formatted gives\n%s\nperfvet -fix gives\n%s", formatted, want)
	}

	c.notify("textDocument/didChange", didChangeParams{
		TextDocument:   versionedTextDocumentIdentifier{URI: fileURI(file), Version: 2},
		ContentChanges: []contentChange{{Text: fixed}},
	})
	if p := c.waitDiagnostics(file); len(p.Diagnostics) != 0 {
		t.Errorf("after the fix, want the diagnostics cleared, got %+v", p.Diagnostics)
	} else if p.Version == nil || *p.Version != 2 {
		t.Errorf("cleared diagnostics for version %v, want 2", p.Version)
	}
	c.shutdown()
}

// TestLspMalformedRequests sends requests that are not JSON, lack a
// method, carry params of the wrong shape or name an unknown method:
// each gets a JSON-RPC error and the server goes on answering.
func TestLspMalformedRequests(t *testing.T) {
	dir := writeLSPModule(t)
	c := startLSP(t, dir)
	c.initialize(dir, nil)

	var actions []codeAction
	err := c.call("textDocument/codeAction", map[string]any{"textDocument": 42}, &actions)
	wantRPCError(t, err, codeInvalidParams)
	wantRPCError(t, c.call("perfvet/nonsense", map[string]any{}, nil), codeMethodNotFound)

	// Raw frames the client library would never send.
	for _, frame := range []struct {
		body string
		code int
	}{
		{`{"jsonrpc":"2.0","id":77,"method":`, codeParseError},
		{`{"jsonrpc":"2.0","id":78}`, codeInvalidRequest},
	} {
		reply := c.rawExchange(frame.body)
		if reply.Error == nil || reply.Error.Code != int64(frame.code) {
			t.Errorf("%s: want error %d, got %+v", frame.body, frame.code, reply)
		}
	}
	// Still serving.
	file := filepath.Join(dir, "names", "names.go")
	c.open(file)
	if p := c.waitDiagnostics(file); len(p.Diagnostics) != 1 {
		t.Errorf("after malformed requests, want the finding, got %+v", p.Diagnostics)
	}
	c.shutdown()
}

// wantRPCError fails unless err is a JSON-RPC error with code.
func wantRPCError(t *testing.T, err error, code int) {
	t.Helper()
	var rpcErr *jsonrpc2.Error
	if !errors.As(err, &rpcErr) || rpcErr.Code != int64(code) {
		t.Errorf("want JSON-RPC error %d, got %v", code, err)
	}
}

// rawExchange writes one frame straight to the server, bypassing the
// client library, which cannot send invalid JSON, and returns the
// response the server sends back.
func (c *lspClient) rawExchange(body string) *jsonrpc2.Response {
	c.t.Helper()
	if _, err := fmt.Fprintf(c.stdin, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		c.t.Fatal(err)
	}
	select {
	case r := <-c.unmatched:
		return r
	case <-time.After(time.Minute):
		c.t.Fatalf("no reply to %s", body)
	}
	return nil
}

type discardLogger struct{}

func (discardLogger) Printf(string, ...any) {}

// waitAnalysed waits for the log line saying that an analysis of the
// unit of file finished, and returns the diagnostics published for
// file before it (nil if none were).
func (c *lspClient) waitAnalysed(file string) *publishDiagnosticsParams {
	c.t.Helper()
	var last *publishDiagnosticsParams
	timeout := time.After(2 * time.Minute)
	for {
		select {
		case p := <-c.diags:
			if got, _ := uriPath(p.URI); got == file {
				last = &p
			}
		case msg := <-c.logs:
			// LSPDEBUG=1 shows the server's log, with each analysis's
			// timings, in the test output.
			if os.Getenv("LSPDEBUG") != "" {
				c.t.Logf("log: %s", msg)
			}
			if strings.HasPrefix(msg, "perfvet: analysed "+unitKey(file)+" in ") {
				c.lastAnalysis = msg
				// Notifications arrive in order: any diagnostics of
				// this analysis are already in c.diags.
				for {
					select {
					case p := <-c.diags:
						if got, _ := uriPath(p.URI); got == file {
							last = &p
						}
					default:
						return last
					}
				}
			}
		case <-timeout:
			c.t.Fatalf("no analysis of %s", file)
		}
	}
}

// configure sends workspace/didChangeConfiguration with settings under
// the "perfvet" key, as editors nest them.
func (c *lspClient) configure(settings any) {
	c.t.Helper()
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"perfvet": settings}})
}

// countOf is the number of diagnostics in p, 0 when none were published.
func countOf(p *publishDiagnosticsParams) int {
	if p == nil {
		return 0
	}
	return len(p.Diagnostics)
}

// TestLspSettings turns analyzers and options on and off through
// initializationOptions and didChangeConfiguration. The cold package's
// loop runs 5 times, under the default cold threshold of 8: only
// tripcount.cold=2 with concatloop on reports it, and removing the
// option again clears the diagnostic.
func TestLspSettings(t *testing.T) {
	root, err := filepath.Abs(lintModule)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(root, "cold", "cold.go")
	c := startLSP(t, root)
	c.initialize(root, map[string]any{"analyzers": map[string]bool{"concatloop": false}, "options": map[string]any{"tripcount.cold": 2}})
	c.open(file)
	if p := c.waitAnalysed(file); countOf(p) != 0 {
		t.Fatalf("concatloop off: want no diagnostics, got %+v", p)
	}

	c.configure(map[string]any{"options": map[string]any{"tripcount.cold": 2}})
	if p := c.waitAnalysed(file); countOf(p) != 1 || p.Diagnostics[0].Code != "concatloop" {
		t.Fatalf("concatloop on, tripcount.cold=2: want the concatloop diagnostic, got %+v", p)
	}

	c.configure(map[string]any{})
	if p := c.waitAnalysed(file); p == nil || len(p.Diagnostics) != 0 {
		t.Fatalf("default settings: want the diagnostic cleared, got %+v", p)
	}

	c.configure(map[string]any{"options": map[string]any{"nosuch.flag": 1}, "analyzers": map[string]bool{"nosuch": true}})
	select {
	case m := <-c.messages:
		if m.Type != messageWarning || !strings.Contains(m.Message, `unknown option "nosuch.flag"`) || !strings.Contains(m.Message, "unknown analyzers in settings: nosuch") {
			t.Errorf("want a warning naming the unknown option and analyzer, got %+v", m)
		}
	case <-time.After(time.Minute):
		t.Fatal("no message about unknown settings")
	}
	c.shutdown()
}

// TestLspTestFiles checks the testFiles setting: findings in _test.go
// files are reported only with it, as with -testfiles.
func TestLspTestFiles(t *testing.T) {
	root, err := filepath.Abs(lintModule)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(root, "testfiles", "testfiles_test.go")
	c := startLSP(t, root)
	c.initialize(root, nil)
	c.open(file)
	if p := c.waitAnalysed(file); countOf(p) != 0 {
		t.Fatalf("without testFiles: want no diagnostics, got %+v", p)
	}
	c.configure(map[string]any{"testFiles": true})
	p := c.waitAnalysed(file)
	if countOf(p) != 1 || p.Diagnostics[0].Range.Start.Line != 8 {
		t.Fatalf("with testFiles: want the += on line 9, got %+v", p)
	}
	c.shutdown()
}

// TestLspProfileShare checks that with a profile configured, relative
// to the workspace root, a finding's message keeps its share of CPU
// time, and that the hot setting filters by that share.
func TestLspProfileShare(t *testing.T) {
	profile := hotProfile(t)
	root, err := filepath.Abs(hotModule)
	if err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(root, profile)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(root, "work", "work.go")
	c := startLSP(t, root)
	c.initialize(root, map[string]any{"profile": rel})
	c.open(file)
	p := c.waitAnalysed(file)
	// The hot loop of Join and the regexp of Numeric, hot in the profile.
	if countOf(p) != 2 {
		t.Fatalf("want the two hot findings, got %+v", p)
	}
	for _, d := range p.Diagnostics {
		if !regexp.MustCompile(`\(\d+\.\d% of CPU time in the profile\)$`).MatchString(d.Message) {
			t.Fatalf("want each hot finding with its share, got %+v", p)
		}
	}
	// No loop holds all of the CPU time.
	c.configure(map[string]any{"profile": rel, "hot": 100})
	if p := c.waitAnalysed(file); p == nil || len(p.Diagnostics) != 0 {
		t.Fatalf("hot=100: want the finding cleared, got %+v", p)
	}
	c.shutdown()
}

// TestLspTypeErrors opens a package that does not type-check: the
// server says so in a message instead of failing, publishes nothing for
// it, and analyses the buffer once an edit repairs it.
func TestLspTypeErrors(t *testing.T) {
	dir := writeLSPModule(t)
	file := filepath.Join(dir, "names", "names.go")
	good, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(good), "return 結果", "return 結果 + undefinedName", 1)
	if err := os.WriteFile(file, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	c := startLSP(t, dir)
	c.initialize(dir, nil)
	c.open(file)
	if p := c.waitAnalysed(file); countOf(p) != 0 {
		t.Fatalf("package with a type error: want no diagnostics, got %+v", p)
	}
	select {
	case m := <-c.messages:
		if m.Type != messageWarning || !strings.Contains(m.Message, "undefinedName") {
			t.Errorf("want a warning naming the type error, got %+v", m)
		}
	case <-time.After(time.Minute):
		t.Fatal("no message about the type error")
	}
	c.notify("textDocument/didChange", didChangeParams{
		TextDocument:   versionedTextDocumentIdentifier{URI: fileURI(file), Version: 2},
		ContentChanges: []contentChange{{Text: string(good)}},
	})
	if p := c.waitDiagnostics(file); len(p.Diagnostics) != 1 {
		t.Fatalf("repaired buffer: want the finding, got %+v", p)
	}
	c.shutdown()
}

// BenchmarkLspSave measures what a save costs on a warm server: from
// didSave to the end of the analysis of the package, here perfvet's own
// command (some thirty files). The log line of each analysis splits the
// time into loading (go list and type-checking) and analysis.
func BenchmarkLspSave(b *testing.B) {
	root, err := filepath.Abs("../..")
	if err != nil {
		b.Fatal(err)
	}
	file, err := filepath.Abs("main.go")
	if err != nil {
		b.Fatal(err)
	}
	c := startLSP(b, root)
	c.initialize(root, nil)
	c.open(file)
	c.waitAnalysed(file) // the cold start: export data, profile of the build cache
	b.ResetTimer()
	for range b.N {
		c.notify("textDocument/didSave", didSaveParams{TextDocument: textDocumentIdentifier{URI: fileURI(file)}})
		c.waitAnalysed(file)
	}
	b.StopTimer()
	b.Log(c.lastAnalysis)
	c.shutdown()
}

// TestLspDependencyEdit checks that a package type-checked against its
// cached dependencies sees a dependency change made in the editor: the
// names package calls dep.Sep, whose result type changes from string to
// int, which the next save of names.go must report as a type error.
func TestLspDependencyEdit(t *testing.T) {
	dir := writeLSPModule(t)
	file := filepath.Join(dir, "names", "names.go")
	depFile := filepath.Join(dir, "dep", "dep.go")
	if err := os.MkdirAll(filepath.Dir(depFile), 0o755); err != nil {
		t.Fatal(err)
	}
	depSource := "package dep\n\n// Sep separates names.\nfunc Sep() string { return \",\" }\n"
	if err := os.WriteFile(depFile, []byte(depSource), 0o644); err != nil {
		t.Fatal(err)
	}
	names, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	withDep := strings.Replace(string(names), "package names\n", "package names\n\nimport \"example.com/lsptest/dep\"\n", 1)
	withDep = strings.Replace(withDep, `"«" + n + "»"`, `"«" + n + "»" + dep.Sep()`, 1)
	if err := os.WriteFile(file, []byte(withDep), 0o644); err != nil {
		t.Fatal(err)
	}

	c := startLSP(t, dir)
	c.initialize(dir, nil)
	c.open(file)
	if p := c.waitAnalysed(file); countOf(p) != 1 {
		t.Fatalf("want the finding, got %+v", p)
	}
	// A save on a warm server reuses the dependencies.
	c.notify("textDocument/didSave", didSaveParams{TextDocument: textDocumentIdentifier{URI: fileURI(file)}})
	c.waitAnalysed(file)
	if !strings.Contains(c.lastAnalysis, "cached dependencies") {
		t.Fatalf("a save of an unchanged package loaded it again: %s", c.lastAnalysis)
	}

	c.open(depFile)
	c.waitAnalysed(depFile)
	changed := strings.Replace(depSource, `func Sep() string { return "," }`, `func Sep() int { return 0 }`, 1)
	c.notify("textDocument/didChange", didChangeParams{
		TextDocument:   versionedTextDocumentIdentifier{URI: fileURI(depFile), Version: 2},
		ContentChanges: []contentChange{{Text: changed}},
	})
	c.waitAnalysed(depFile)
	c.notify("textDocument/didSave", didSaveParams{TextDocument: textDocumentIdentifier{URI: fileURI(file)}})
	if p := c.waitAnalysed(file); p == nil || len(p.Diagnostics) != 0 {
		t.Fatalf("names no longer type-checks: want its diagnostics cleared, got %+v", p)
	}
	if strings.Contains(c.lastAnalysis, "cached dependencies") {
		t.Errorf("after a dependency changed, the package was checked against the old one: %s", c.lastAnalysis)
	}
	c.shutdown()
}

// TestLspStaleQuickFix checks that a quick fix computed on one version
// of a buffer is not offered once the buffer has changed: its edit
// would land on the wrong bytes.
func TestLspStaleQuickFix(t *testing.T) {
	dir := writeLSPModule(t)
	file := filepath.Join(dir, "names", "names.go")
	c := startLSP(t, dir)
	c.initialize(dir, nil)
	text := c.open(file)
	d := c.waitDiagnostics(file).Diagnostics[0]
	params := codeActionParams{
		TextDocument: textDocumentIdentifier{URI: fileURI(file)},
		Range:        d.Range,
		Context:      codeActionContext{Diagnostics: []lspDiagnostic{d}},
	}
	var actions []codeAction
	if err := c.call("textDocument/codeAction", params, &actions); err != nil || len(actions) != 1 {
		t.Fatalf("current buffer: want the quick fix, got %+v, %v", actions, err)
	}
	// A comment line above shifts everything; the reply to the next
	// request comes before the debounced analysis of the change.
	c.notify("textDocument/didChange", didChangeParams{
		TextDocument:   versionedTextDocumentIdentifier{URI: fileURI(file), Version: 2},
		ContentChanges: []contentChange{{Text: "// moved\n" + text}},
	})
	if err := c.call("textDocument/codeAction", params, &actions); err != nil || len(actions) != 0 {
		t.Fatalf("changed buffer: want no quick fix until it is analysed again, got %+v, %v", actions, err)
	}
	if p := c.waitDiagnostics(file); len(p.Diagnostics) != 1 || p.Diagnostics[0].Range.Start.Line != d.Range.Start.Line+1 {
		t.Fatalf("changed buffer: want the diagnostic a line lower, got %+v", p.Diagnostics)
	}
	c.shutdown()
}

// TestLspCloseAnalysesDisk checks that closing a buffer with unsaved
// edits publishes the diagnostics of the file as it is on disk.
func TestLspCloseAnalysesDisk(t *testing.T) {
	dir := writeLSPModule(t)
	file := filepath.Join(dir, "names", "names.go")
	c := startLSP(t, dir)
	c.initialize(dir, nil)
	text := c.open(file)
	c.waitDiagnostics(file)
	clean := strings.Replace(text, `結果 += "«" + n + "»"`, `_ = n`, 1)
	c.notify("textDocument/didChange", didChangeParams{
		TextDocument:   versionedTextDocumentIdentifier{URI: fileURI(file), Version: 2},
		ContentChanges: []contentChange{{Text: clean}},
	})
	if p := c.waitDiagnostics(file); len(p.Diagnostics) != 0 {
		t.Fatalf("unsaved clean buffer: want no diagnostics, got %+v", p.Diagnostics)
	}
	c.notify("textDocument/didClose", didCloseParams{TextDocument: textDocumentIdentifier{URI: fileURI(file)}})
	if p := c.waitDiagnostics(file); len(p.Diagnostics) != 1 || p.Version != nil {
		t.Fatalf("closed: want the finding on disk, without a version, got %+v", p)
	}
	c.shutdown()
}

// TestLspLifecycle checks the protocol's order: requests before
// initialize and after shutdown are errors, and exit without shutdown
// ends the server with status 1.
func TestLspLifecycle(t *testing.T) {
	dir := writeLSPModule(t)
	c := startLSP(t, dir)
	var actions []codeAction
	wantRPCError(t, c.call("textDocument/codeAction", codeActionParams{}, &actions), codeServerNotInitialized)
	c.initialize(dir, nil)
	if err := c.call("shutdown", nil, nil); err != nil {
		t.Fatal(err)
	}
	wantRPCError(t, c.call("textDocument/codeAction", codeActionParams{}, &actions), codeInvalidRequest)
	c.notify("exit", nil)
	if err := c.cmd.Wait(); err != nil {
		t.Fatalf("exit after shutdown: %v", err)
	}

	c = startLSP(t, dir)
	c.initialize(dir, nil)
	c.notify("exit", nil)
	var exit *exec.ExitError
	if err := c.cmd.Wait(); !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("exit without shutdown: want status 1, got %v", err)
	}
}

// TestLspDefaultPGO checks that without a profile setting, a default.pgo
// beside a main package weighs the findings of a package it imports, as
// go build -pgo=auto and the perfvet command find it.
func TestLspDefaultPGO(t *testing.T) {
	profile, err := os.ReadFile(hotProfile(t))
	if err != nil {
		t.Fatal(err)
	}
	root := copyModule(t, hotModule)
	if err := os.WriteFile(filepath.Join(root, "default.pgo"), profile, 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(root, "work", "work.go")
	c := startLSP(t, root)
	c.initialize(root, nil)
	c.open(file)
	p := c.waitAnalysed(file)
	if countOf(p) != 2 || !strings.HasSuffix(p.Diagnostics[0].Message, "% of CPU time in the profile)") {
		t.Fatalf("want the two hot findings weighed by default.pgo, got %+v", p)
	}
	c.shutdown()
}
