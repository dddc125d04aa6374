package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/sourcegraph/jsonrpc2"
	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/passes/hotness"
	"github.com/perfvet/perfvet/passes/scope"
)

// lspDebounce is how long perfvet lsp waits after the last change to an
// unsaved buffer before analysing it: long enough not to analyse every
// keystroke, short enough to feel live.
const lspDebounce = 300 * time.Millisecond

// runLSP is the lsp subcommand: a language server on standard input and
// output, meant to run beside gopls. It returns the exit status.
func runLSP(args []string, all []*analysis.Analyzer) int {
	if len(args) > 0 {
		log.Printf("lsp takes no arguments; settings come from the editor (see docs/editors.md)")
		return 2
	}
	// A test variant then builds SSA only for its _test.go code, the
	// package's own code being analysed with the package (see unitFiles).
	if err := scope.Analyzer.Flags.Set("dedup", "true"); err != nil {
		log.Print(err)
		return 1
	}
	return serveLSP(context.Background(), os.Stdin, os.Stdout, all, lspDebounce)
}

// serveLSP serves one client over r and w until it exits or hangs up,
// and returns the exit status the protocol asks for: 0 after shutdown
// then exit, 1 otherwise.
func serveLSP(ctx context.Context, r io.Reader, w io.Writer, all []*analysis.Analyzer, debounce time.Duration) int {
	s := &server{
		config:     newAnalyzerConfig(all),
		debounce:   debounce,
		docs:       make(map[string]*document),
		results:    make(map[string][]fileDiagnostic),
		published:  make(map[string]bool),
		problems:   make(map[string]string),
		jobs:       newJobQueue(),
		cache:      newUnitCache(),
		pgoCleanup: func() {},
	}
	s.enabled = s.config.all
	conn := jsonrpc2.NewConn(ctx, newLSPStream(r, w), jsonrpc2.HandlerWithError(s.handle))
	s.setConn(conn)
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		s.work(done)
		s.pgoCleanup()
		close(stopped)
	}()
	<-conn.DisconnectNotify()
	close(done)
	<-stopped
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.exitCode < 0 {
		return 1 // the client hung up without exit
	}
	return s.exitCode
}

// server is the state of one LSP session. The fields under mu are
// shared by the connection's reader, which handles messages in order,
// and the analysis worker; settings and the analyzer flags belong to the
// worker alone.
type server struct {
	conn     *jsonrpc2.Conn
	config   *analyzerConfig
	debounce time.Duration
	jobs     *jobQueue
	cache    *unitCache

	// The worker's own.
	enabled    []*analysis.Analyzer
	pgoCleanup func() // removes the default.pgo assignments file

	mu          sync.Mutex
	initialized bool
	shutdown    bool
	exitCode    int // -1 until exit
	root        string
	docs        map[string]*document        // open documents by path
	results     map[string][]fileDiagnostic // last diagnostics by path
	published   map[string]bool             // paths with diagnostics shown
	problems    map[string]string           // last problem shown, by unit
}

// document is an open text document.
type document struct {
	uri     string // as the client spells it
	version int
	text    []byte
}

// handle answers one request or notification. jsonrpc2 turns a
// returned *jsonrpc2.Error into the error response; notifications get
// no response, so their errors are only logged.
func (s *server) handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
	// The connection reads and handles its first messages before
	// NewConn returns to serveLSP.
	s.setConn(conn)
	s.mu.Lock()
	initialized, shutdown := s.initialized, s.shutdown
	s.mu.Unlock()
	switch {
	case req.Method == "exit":
		s.exit(conn)
		return nil, nil
	case shutdown && !req.Notif:
		return nil, &jsonrpc2.Error{Code: codeInvalidRequest, Message: "the server is shutting down"}
	case !initialized && req.Method != "initialize":
		if req.Notif {
			return nil, nil
		}
		return nil, &jsonrpc2.Error{Code: codeServerNotInitialized, Message: "initialize first"}
	}
	switch req.Method {
	case "initialize":
		return call(req, s.initialize)
	case "initialized":
		return nil, nil
	case "shutdown":
		s.mu.Lock()
		s.shutdown = true
		s.mu.Unlock()
		return nil, nil
	case "textDocument/didOpen":
		return call(req, s.didOpen)
	case "textDocument/didChange":
		return call(req, s.didChange)
	case "textDocument/didSave":
		return call(req, s.didSave)
	case "textDocument/didClose":
		return call(req, s.didClose)
	case "textDocument/codeAction":
		return call(req, s.codeAction)
	case "workspace/didChangeConfiguration":
		return call(req, s.didChangeConfiguration)
	}
	if req.Notif {
		return nil, nil // unknown notifications, $/ ones included, may be ignored
	}
	return nil, &jsonrpc2.Error{Code: codeMethodNotFound, Message: "method not supported: " + req.Method}
}

// call decodes the request's params into P and calls f with them; a
// params object that does not decode is an invalid-params error.
func call[P, R any](req *jsonrpc2.Request, f func(P) (R, error)) (any, error) {
	var params P
	if req.Params == nil {
		return nil, &jsonrpc2.Error{Code: codeInvalidParams, Message: req.Method + " needs params"}
	}
	if err := json.Unmarshal(*req.Params, &params); err != nil {
		return nil, &jsonrpc2.Error{Code: codeInvalidParams, Message: fmt.Sprintf("%s params: %v", req.Method, err)}
	}
	return f(params)
}

// exit ends the session on conn as the client asks.
func (s *server) exit(conn *jsonrpc2.Conn) {
	s.mu.Lock()
	s.exitCode = 1
	if s.shutdown {
		s.exitCode = 0
	}
	s.mu.Unlock()
	conn.Close()
}

// setConn records the session's connection, the first time it is known.
func (s *server) setConn(conn *jsonrpc2.Conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conn == nil {
		s.conn = conn
	}
}

func (s *server) initialize(p initializeParams) (initializeResult, error) {
	settings, err := parseSettings(p.InitializationOptions)
	if err != nil {
		return initializeResult{}, &jsonrpc2.Error{Code: codeInvalidParams, Message: err.Error()}
	}
	root := ""
	if len(p.WorkspaceFolders) > 0 {
		root, _ = uriPath(p.WorkspaceFolders[0].URI)
	} else if p.RootURI != "" {
		root, _ = uriPath(p.RootURI)
	}
	s.mu.Lock()
	s.initialized, s.root, s.exitCode = true, root, -1
	s.mu.Unlock()
	s.jobs.push(job{settings: &settings})
	return initializeResult{
		Capabilities: serverCapabilities{
			TextDocumentSync:   textDocumentSyncOptions{OpenClose: true, Change: syncFull, Save: saveOptions{IncludeText: false}},
			CodeActionProvider: codeActionOptions{CodeActionKinds: []string{codeActionQuickFix}},
		},
		ServerInfo: serverInfo{Name: "perfvet", Version: moduleVersion()},
	}, nil
}

// moduleVersion is perfvet's module version as the build recorded it.
func moduleVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		return versionOf(info)
	}
	return ""
}

func (s *server) didOpen(p didOpenParams) (any, error) {
	path, err := uriPath(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.docs[path] = &document{uri: p.TextDocument.URI, version: p.TextDocument.Version, text: []byte(p.TextDocument.Text)}
	s.mu.Unlock()
	if onDisk, err := os.ReadFile(path); err != nil || string(onDisk) != p.TextDocument.Text {
		// Only a buffer that differs from the file changes what
		// other packages see of it.
		s.cache.touched(path)
	}
	if isGoFile(path) {
		s.jobs.push(job{file: path, explain: true})
	}
	return nil, nil
}

func (s *server) didChange(p didChangeParams) (any, error) {
	path, err := uriPath(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	doc := s.docs[path]
	if doc == nil {
		s.mu.Unlock()
		return nil, fmt.Errorf("change to %s, which is not open", p.TextDocument.URI)
	}
	text, err := applyChanges(doc.text, p.ContentChanges)
	if err == nil {
		doc.text, doc.version = text, p.TextDocument.Version
	}
	s.mu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("applying a change to %s: %w", p.TextDocument.URI, err)
	}
	s.cache.touched(path)
	if isGoFile(path) {
		s.jobs.pushAfter(job{file: path}, s.debounce)
	}
	return nil, nil
}

// applyChanges applies content changes in order: a change without a
// range replaces the whole text.
func applyChanges(text []byte, changes []contentChange) ([]byte, error) {
	for _, c := range changes {
		if c.Range == nil {
			text = []byte(c.Text)
			continue
		}
		x := newLineIndex(text)
		start, err := x.offset(c.Range.Start)
		if err != nil {
			return nil, err
		}
		end, err := x.offset(c.Range.End)
		if err != nil {
			return nil, err
		}
		if end < start {
			return nil, fmt.Errorf("change range ends before it starts")
		}
		text = append(append(append([]byte(nil), text[:start]...), c.Text...), text[end:]...)
	}
	return text, nil
}

func (s *server) didSave(p didSaveParams) (any, error) {
	path, err := uriPath(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	if p.Text != nil {
		s.mu.Lock()
		if doc := s.docs[path]; doc != nil {
			doc.text = []byte(*p.Text)
		}
		s.mu.Unlock()
	}
	s.cache.touched(path)
	if isGoFile(path) {
		s.jobs.push(job{file: path, explain: true})
	}
	return nil, nil
}

// didClose forgets the buffer and analyses the file as it is on disk,
// which is what the package is once the unsaved edits are gone.
func (s *server) didClose(p didCloseParams) (any, error) {
	path, err := uriPath(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	delete(s.docs, path)
	s.mu.Unlock()
	s.cache.touched(path)
	if isGoFile(path) {
		s.jobs.push(job{file: path})
	}
	return nil, nil
}

// didChangeConfiguration replaces the settings. A notification without
// settings, which some clients send to say only that something changed,
// keeps them.
func (s *server) didChangeConfiguration(p didChangeConfigurationParams) (any, error) {
	if raw := bytes.TrimSpace(p.Settings); len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	settings, err := parseSettings(p.Settings)
	if err != nil {
		s.showMessage(messageError, "perfvet: "+err.Error())
		return nil, err
	}
	s.jobs.push(job{settings: &settings})
	return nil, nil
}

// codeAction offers the quick fixes of the diagnostics that touch the
// requested range, provided the documents they edit are still the
// versions the fixes were computed on: a stale edit would corrupt the
// buffer.
func (s *server) codeAction(p codeActionParams) ([]codeAction, error) {
	actions := []codeAction{}
	if !wantsQuickFix(p.Context.Only) {
		return actions, nil
	}
	path, err := uriPath(p.TextDocument.URI)
	if err != nil {
		return nil, &jsonrpc2.Error{Code: codeInvalidParams, Message: err.Error()}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.results[path] {
		if !rangesTouch(d.lsp.Range, p.Range) || !s.versionsCurrent(d.versions) {
			continue
		}
		actions = append(actions, d.fixes...)
	}
	return actions, nil
}

// wantsQuickFix reports whether a codeAction request's only filter
// admits quickfix actions.
func wantsQuickFix(only []string) bool {
	if len(only) == 0 {
		return true
	}
	for _, kind := range only {
		if kind == codeActionQuickFix || kind == "" {
			return true
		}
	}
	return false
}

// versionsCurrent reports whether each open document in versions is
// still at that version. The caller holds s.mu.
func (s *server) versionsCurrent(versions map[string]int) bool {
	for path, v := range versions {
		if doc := s.docs[path]; doc != nil && doc.version != v {
			return false
		}
	}
	return true
}

// rangesTouch reports whether two ranges overlap or meet, so that a
// cursor at either end of a diagnostic still finds it.
func rangesTouch(a, b lspRange) bool {
	return !positionLess(a.End, b.Start) && !positionLess(b.End, a.Start)
}

func positionLess(a, b lspPosition) bool {
	return a.Line < b.Line || (a.Line == b.Line && a.Character < b.Character)
}

// isGoFile reports whether path is Go source perfvet analyses.
func isGoFile(path string) bool {
	return strings.HasSuffix(path, ".go")
}

// work runs jobs one at a time until done: analyses share the analyzer
// flags and would only compete for the same cores.
func (s *server) work(done <-chan struct{}) {
	for {
		select {
		case <-done:
			s.jobs.stop()
			return
		case <-s.jobs.wake:
		}
		for _, j := range s.batch(s.jobs.take()) {
			s.analyze(j)
		}
	}
}

// batch applies the settings among jobs and returns the analyses to
// run, one per unit: those asked for and, after new settings, one for
// every open file.
func (s *server) batch(jobs []job) []job {
	var analyses []job
	index := make(map[string]int) // unit to its place in analyses
	add := func(j job) {
		if i, ok := index[unitKey(j.file)]; ok {
			analyses[i].explain = analyses[i].explain || j.explain
			return
		}
		index[unitKey(j.file)] = len(analyses)
		analyses = append(analyses, j)
	}
	for len(jobs) > 0 {
		applied := false
		for _, j := range jobs {
			if j.settings == nil {
				add(j)
				continue
			}
			s.applySettings(*j.settings)
			applied = true
		}
		if !applied {
			break
		}
		for _, path := range s.openGoFiles() {
			add(job{file: path})
		}
		// Applying settings can take a while (it looks for
		// default.pgo files); what was asked for meanwhile is
		// answered by the same analyses.
		jobs = s.jobs.take()
	}
	return analyses
}

// applySettings applies settings and says what it could not apply.
func (s *server) applySettings(settings lspSettings) {
	s.mu.Lock()
	root := s.root
	s.mu.Unlock()
	enabled, errs := s.config.apply(settings, root)
	s.enabled = enabled
	if settings.Profile == "" {
		if err := s.assignDefaultPGO(root); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		s.showMessage(messageWarning, joinErrors(errs))
	}
}

// assignDefaultPGO finds the default.pgo files that apply to the
// workspace's packages, as the command does without -profile: a
// default.pgo beside a main package applies to everything it imports.
// It runs when settings are applied, so a default.pgo added later is
// found on the next change of settings.
func (s *server) assignDefaultPGO(root string) error {
	s.pgoCleanup()
	s.pgoCleanup = func() {}
	if root == "" {
		return nil
	}
	// The command's search lists packages from the current directory.
	if err := os.Chdir(root); err != nil {
		return fmt.Errorf("finding default.pgo files: %w", err)
	}
	flags, cleanup, err := assignDefaultPGO([]string{"./..."}, true)
	if err != nil {
		return fmt.Errorf("finding default.pgo files: %w", err)
	}
	s.pgoCleanup = cleanup
	for _, f := range flags {
		if name, value, ok := strings.Cut(strings.TrimPrefix(f, "-"), "="); ok && name == "hotness.pgomap" {
			hotness.PGOMap = value
		}
	}
	return nil
}

// openGoFiles lists the open Go documents, sorted.
func (s *server) openGoFiles() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var open []string
	for path := range s.docs {
		if isGoFile(path) {
			open = append(open, path)
		}
	}
	slices.Sort(open)
	return open
}

func setOf(xs []string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// analyze analyses the package of the job's file and publishes the
// diagnostics of its files.
func (s *server) analyze(j job) {
	defer func() {
		// runChecker already contains the analyzers' panics; this is
		// for the server's own code around them, which must not end
		// the session either.
		if p := recover(); p != nil {
			s.logMessage(fmt.Sprintf("perfvet: analysing %s panicked: %v\n%s", j.file, p, debug.Stack()))
			s.showMessage(messageError, fmt.Sprintf("perfvet: analysing %s failed: %v", j.file, p))
		}
	}()
	snap := s.snapshot()
	r, err := analyzeUnit(j.file, snap, s.enabled, s.cache)
	unit := unitKey(j.file)
	if err != nil {
		// The package could not be loaded at all: nothing perfvet said
		// about the file still holds.
		r.files = []string{j.file}
		r.problems = []string{err.Error()}
	}
	s.publish(r, snap)
	how := "loaded"
	if r.reused {
		how = "type-checked against the cached dependencies"
	}
	s.logMessage(fmt.Sprintf("perfvet: analysed %s in %v (%s in %v, analysis %v), %d files with findings",
		unit, (r.load + r.analysis).Round(time.Millisecond), how, r.load.Round(time.Millisecond), r.analysis.Round(time.Millisecond), len(r.diags)))
	s.explain(unit, r.problems, j.explain)
}

// unitKey names the analysis unit of a file: its directory, and whether
// it is test code.
func unitKey(file string) string {
	if strings.HasSuffix(file, "_test.go") {
		return filepath.Dir(file) + " (tests)"
	}
	return filepath.Dir(file)
}

// snapshot copies the open documents' content and versions.
func (s *server) snapshot() snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	snap := snapshot{overlay: make(map[string][]byte, len(s.docs)), versions: make(map[string]int, len(s.docs))}
	for path, doc := range s.docs {
		snap.overlay[path] = doc.text
		snap.versions[path] = doc.version
	}
	return snap
}

// publish sends the diagnostics of each file of r, including an empty
// list for a file whose diagnostics went away.
func (s *server) publish(r unitResult, snap snapshot) {
	for _, file := range r.files {
		diags := r.diags[file]
		s.mu.Lock()
		was := s.published[file]
		s.results[file] = diags
		s.published[file] = len(diags) > 0
		uri := fileURI(file)
		if doc := s.docs[file]; doc != nil {
			uri = doc.uri
		}
		s.mu.Unlock()
		if len(diags) == 0 && !was {
			continue
		}
		params := publishDiagnosticsParams{URI: uri, Diagnostics: []lspDiagnostic{}}
		if v, open := snap.versions[file]; open {
			params.Version = &v
		}
		for _, d := range diags {
			params.Diagnostics = append(params.Diagnostics, d.lsp)
		}
		s.notify("textDocument/publishDiagnostics", params)
	}
}

// explain reports why a unit was not analysed, or not fully: always in
// the log, and in a message shown to the user on open and save when the
// reason is new. While the user types, code that does not compile is
// the normal state, and gopls already shows the errors.
func (s *server) explain(unit string, problems []string, show bool) {
	if len(problems) == 0 {
		s.mu.Lock()
		delete(s.problems, unit)
		s.mu.Unlock()
		return
	}
	msg := "perfvet: " + unit + ": " + problems[0]
	if len(problems) > 1 {
		msg += fmt.Sprintf(" (and %d more)", len(problems)-1)
	}
	s.logMessage(msg + "\n" + strings.Join(problems, "\n"))
	s.mu.Lock()
	isNew := s.problems[unit] != msg
	s.problems[unit] = msg
	s.mu.Unlock()
	if show && isNew {
		s.showMessage(messageWarning, msg)
	}
}

func (s *server) showMessage(typ int, msg string) {
	s.notify("window/showMessage", showMessageParams{Type: typ, Message: msg})
}

func (s *server) logMessage(msg string) {
	s.notify("window/logMessage", showMessageParams{Type: messageLog, Message: msg})
}

// notify sends a notification; a client that has gone away is not an
// error worth more than a log line.
func (s *server) notify(method string, params any) {
	s.mu.Lock()
	conn := s.conn
	s.mu.Unlock()
	if err := conn.Notify(context.Background(), method, params); err != nil && err != jsonrpc2.ErrClosed {
		log.Printf("sending %s: %v", method, err)
	}
}
