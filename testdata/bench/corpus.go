package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
)

// corpus is a set of packages every tool is run on.
type corpus struct {
	Name  string
	Title string
	// Dir is where the tools run; Patterns name the packages.
	Dir      string
	Patterns []string
	Size     corpusSize
}

// corpusSize is how much Go a corpus holds, tests included.
type corpusSize struct {
	Packages int
	Files    int
	Lines    int
}

// stdlibSlice is the standard-library slice of the performance target.
var stdlibSlice = []string{"./net/...", "./encoding/...", "./go/...", "./text/...", "./strings/...", "./bytes/..."}

// prepareCorpus makes the named corpus ready to run on and measures it.
func prepareCorpus(name, work, xtoolsVersion string) (corpus, error) {
	var c corpus
	var err error
	switch name {
	case "stdlib":
		c, err = stdlibCorpus(stdlibSlice)
	case "xtools":
		c, err = xtoolsCorpus(work, xtoolsVersion)
	default:
		return corpus{}, fmt.Errorf("unknown corpus %q (want stdlib or xtools)", name)
	}
	if err != nil {
		return corpus{}, err
	}
	c.Size, err = measureSize(c.Dir, c.Patterns)
	return c, err
}

// stdlibCorpus is the given subtrees of the standard library, run from
// $GOROOT/src as the standard library's own module.
func stdlibCorpus(patterns []string) (corpus, error) {
	out, err := goOutput(".", "env", "GOROOT")
	if err != nil {
		return corpus{}, err
	}
	return corpus{
		Name:     "stdlib",
		Title:    "standard library: `" + strings.Join(patterns, " ") + "`",
		Dir:      filepath.Join(strings.TrimSpace(string(out)), "src"),
		Patterns: patterns,
	}, nil
}

// xtoolsCorpus copies the golang.org/x/tools module that perfvet depends
// on out of the module cache (whose files are read-only, and which the
// go command refuses to treat as a main module) and downloads its own
// dependencies.
func xtoolsCorpus(work, version string) (corpus, error) {
	out, err := goOutput(".", "mod", "download", "-json", "golang.org/x/tools@"+version)
	if err != nil {
		return corpus{}, err
	}
	var mod struct{ Dir string }
	if err := json.Unmarshal(out, &mod); err != nil || mod.Dir == "" {
		return corpus{}, fmt.Errorf("reading the location of golang.org/x/tools@%s from go mod download: %v", version, err)
	}
	dir := filepath.Join(work, "xtools")
	log.Printf("copying %s to %s", mod.Dir, dir)
	if err := os.CopyFS(dir, os.DirFS(mod.Dir)); err != nil {
		return corpus{}, fmt.Errorf("copying golang.org/x/tools: %w", err)
	}
	if err := goCommand(dir, []string{"GOFLAGS=-mod=mod"}, "mod", "download"); err != nil {
		return corpus{}, fmt.Errorf("downloading the dependencies of golang.org/x/tools: %w", err)
	}
	return corpus{
		Name:     "xtools",
		Title:    "golang.org/x/tools " + version + ": `./...`",
		Dir:      dir,
		Patterns: []string{"./..."},
	}, nil
}

// measureSize counts the packages, files and lines the patterns match,
// counting every file the tools analyse: sources, cgo sources and both
// kinds of test files, for the current platform.
func measureSize(dir string, patterns []string) (corpusSize, error) {
	const format = `{{$d := .Dir}}{{range .GoFiles}}{{$d}}/{{.}}
{{end}}{{range .CgoFiles}}{{$d}}/{{.}}
{{end}}{{range .TestGoFiles}}{{$d}}/{{.}}
{{end}}{{range .XTestGoFiles}}{{$d}}/{{.}}
{{end}}@package
`
	out, err := goOutput(dir, append([]string{"list", "-e", "-f", format}, patterns...)...)
	if err != nil {
		return corpusSize{}, err
	}
	var size corpusSize
	for _, line := range strings.Split(string(out), "\n") {
		switch {
		case line == "@package":
			size.Packages++
		case line != "":
			data, err := os.ReadFile(line)
			if err != nil {
				return corpusSize{}, err
			}
			size.Files++
			size.Lines += bytes.Count(data, []byte("\n"))
		}
	}
	return size, nil
}
