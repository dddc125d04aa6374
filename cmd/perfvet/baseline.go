package main

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
)

// A baseline records the findings a codebase already has, so that a CI
// job adopting perfvet fails only on new ones. A finding is matched by
// its analyzer, its file relative to the module root and a fingerprint
// of its code, not by line number: editing code above a finding moves
// it without making it new.
type baseline struct {
	Version  int             `json:"version"`
	Findings []baselineEntry `json:"findings"`
}

// baselineEntry is one recorded finding. Message is for the reader of
// the file; matching ignores it, because a profile's share changes it
// from run to run.
type baselineEntry struct {
	Analyzer    string `json:"analyzer"`
	File        string `json:"file"`
	Fingerprint string `json:"fingerprint"`
	Message     string `json:"message"`
}

const baselineVersion = 1

// key is what two findings must share to be the same finding.
func (e baselineEntry) key() string {
	return e.Analyzer + "\x00" + e.File + "\x00" + e.Fingerprint
}

// fingerprint hashes the code around a finding: its line and the line
// on either side, each with its indentation and trailing space trimmed.
// The neighbours tell apart the same statement in two places, trimming
// keeps the fingerprint when code is re-indented, and the line number
// is left out so that the fingerprint survives lines added or removed
// elsewhere. It is "" when the file cannot be read.
func fingerprint(src *sources, f finding) string {
	lines := src.lines(f.Posn.File)
	if lines == nil || f.Posn.Line < 1 {
		return ""
	}
	h := sha256.New()
	for n := f.Posn.Line - 1; n <= f.Posn.Line+1; n++ {
		h.Write([]byte(strings.TrimSpace(src.line(f.Posn.File, n))))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// baselineEntryOf records finding f.
func (r report) baselineEntryOf(f finding) baselineEntry {
	file := f.Posn.File
	if rel, ok := relativePath(r.roots.module, file); ok {
		file = rel
	}
	return baselineEntry{Analyzer: f.Analyzer, File: file, Fingerprint: fingerprint(r.src, f), Message: f.Message}
}

// readBaseline reads the baseline at path; exists is false if there is
// no file.
func readBaseline(path string) (b baseline, exists bool, err error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return baseline{}, false, nil
	}
	if err != nil {
		return baseline{}, false, fmt.Errorf("reading baseline: %w", err)
	}
	if err := json.Unmarshal(data, &b); err != nil {
		return baseline{}, true, fmt.Errorf("reading baseline %s: %w", path, err)
	}
	if b.Version != baselineVersion {
		return baseline{}, true, fmt.Errorf("baseline %s has version %d; this perfvet reads version %d (write it again with -baseline-update)", path, b.Version, baselineVersion)
	}
	return b, true, nil
}

// writeBaseline records every finding of r at path, sorted so that the
// file changes only where the findings do.
func writeBaseline(path string, r report) error {
	b := baseline{Version: baselineVersion, Findings: []baselineEntry{}}
	for _, f := range r.findings {
		b.Findings = append(b.Findings, r.baselineEntryOf(f))
	}
	slices.SortFunc(b.Findings, func(x, y baselineEntry) int {
		return cmp.Or(cmp.Compare(x.File, y.File), cmp.Compare(x.Analyzer, y.Analyzer),
			cmp.Compare(x.Fingerprint, y.Fingerprint), cmp.Compare(x.Message, y.Message))
	})
	data, err := json.MarshalIndent(b, "", "\t")
	if err != nil {
		return fmt.Errorf("writing baseline %s: %w", path, err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("writing baseline: %w", err)
	}
	return nil
}

// notInBaseline returns the findings of r that b does not record. The
// match counts: a baseline holding a fingerprint twice absorbs two
// identical findings, and a third is new.
func notInBaseline(r report, b baseline) []finding {
	known := make(map[string]int)
	for _, e := range b.Findings {
		known[e.key()]++
	}
	var fresh []finding
	for _, f := range r.findings {
		k := r.baselineEntryOf(f).key()
		if known[k] > 0 {
			known[k]--
			continue
		}
		fresh = append(fresh, f)
	}
	return fresh
}
