package driver

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// keyVersion changes whenever the cached form of a result does.
const keyVersion = "perfvet-driver-1"

// A keyer computes the cache keys of a run's units. What is common to
// all of them (analyzers, flags, salt, inputs) is hashed once; the
// digest of each file is computed once, however many units read it.
type keyer struct {
	common []byte
	mu     sync.Mutex
	files  map[string][]byte // path to the digest of its content
	deps   map[string][]byte // package ID to its depDigest
}

// newKeyer returns the keyer of a run.
func newKeyer(cfg Config, inputs []byte) *keyer {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%x\n%x\n", keyVersion, cfg.Salt, inputs)
	for _, a := range closure(cfg.Analyzers) {
		fmt.Fprintf(h, "analyzer %s\n", a.Name)
		a.Flags.VisitAll(func(f *flag.Flag) {
			if name := a.Name + "." + f.Name; !slices.Contains(cfg.FileFlags, name) {
				fmt.Fprintf(h, "flag %s=%s\n", name, f.Value)
			}
		})
	}
	for _, a := range cfg.Analyzers {
		fmt.Fprintf(h, "reports %s\n", a.Name)
	}
	return &keyer{common: h.Sum(nil), files: make(map[string][]byte), deps: make(map[string][]byte)}
}

// closure returns the analyzers and everything they require, each once,
// in a stable order.
func closure(roots []*analysis.Analyzer) []*analysis.Analyzer {
	var out []*analysis.Analyzer
	seen := make(map[*analysis.Analyzer]bool)
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		for _, r := range a.Requires {
			visit(r)
		}
		out = append(out, a)
	}
	for _, a := range roots {
		visit(a)
	}
	return out
}

// key returns the cache key of unit p: the run's common part, p's
// identity, build configuration and files, and the export data of every
// package it depends on, directly or not (an analyzer may look through
// a dependency's types at a package further down), through the digests
// of its imports.
func (k *keyer) key(p *packages.Package) (string, error) {
	h := sha256.New()
	h.Write(k.common)
	fmt.Fprintf(h, "unit %s %s %s %v\n", p.ID, p.PkgPath, goVersion(p), p.TypesSizes)
	if err := k.hashFiles(h, p.GoFiles); err != nil {
		return "", err
	}
	for _, path := range slices.Sorted(maps.Keys(p.Imports)) {
		d, err := k.depDigest(p.Imports[path])
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "import %s %x\n", path, d)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// depDigest returns the digest of dep and everything it depends on: its
// export data and, recursively, its imports' digests. Memoized by
// package, it costs each package of the run once, however many units
// depend on it.
func (k *keyer) depDigest(dep *packages.Package) ([]byte, error) {
	k.mu.Lock()
	d, ok := k.deps[dep.ID]
	k.mu.Unlock()
	if ok {
		return d, nil
	}
	h := sha256.New()
	fmt.Fprintf(h, "dep %s\n", dep.ID)
	if dep.ExportFile != "" {
		id, err := exportIdentity(dep.ExportFile)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(h, "export %s\n", id)
	} else {
		// Type-checked from source (see exportView.fromSource).
		if err := k.hashFiles(h, dep.GoFiles); err != nil {
			return nil, err
		}
	}
	for _, path := range slices.Sorted(maps.Keys(dep.Imports)) {
		d, err := k.depDigest(dep.Imports[path])
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(h, "import %s %x\n", path, d)
	}
	d = h.Sum(nil)
	k.mu.Lock()
	k.deps[dep.ID] = d
	k.mu.Unlock()
	return d, nil
}

// exportIdentity identifies the content of an export data file by its
// path, size and modification time, without reading it. The go command
// writes each output to its build cache once, under a name derived from
// its content, and never rewrites it in place: a change of export data
// is a new file. Hashing the contents instead read every dependency's
// export data on every run, a sixth of a cold run on x/tools.
func exportIdentity(path string) (string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s %d %d", path, fi.Size(), fi.ModTime().UnixNano()), nil
}

// hashFiles writes the name and content digest of each of files to h.
func (k *keyer) hashFiles(h io.Writer, files []string) error {
	for _, f := range files {
		d, err := k.digest(f)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "file %s %x\n", f, d)
	}
	return nil
}

// digest returns the SHA-256 of the file's content, computed once.
func (k *keyer) digest(path string) ([]byte, error) {
	k.mu.Lock()
	d, ok := k.files[path]
	k.mu.Unlock()
	if ok {
		return d, nil
	}
	d, err := FileDigest(path)
	if err != nil {
		return nil, err
	}
	k.mu.Lock()
	k.files[path] = d
	k.mu.Unlock()
	return d, nil
}

// FileDigest returns the SHA-256 of the file's content.
func FileDigest(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	return h.Sum(nil), nil
}

// inputsDigest hashes the contents of the run's input files, in a
// stable order.
func inputsDigest(paths []string) ([]byte, error) {
	var digests []string
	for _, p := range paths {
		d, err := FileDigest(p)
		if err != nil {
			return nil, err
		}
		digests = append(digests, hex.EncodeToString(d))
	}
	slices.Sort(digests)
	h := sha256.New()
	for _, d := range digests {
		fmt.Fprintf(h, "%s\n", d)
	}
	return h.Sum(nil), nil
}
