package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/analyzers"
	"github.com/perfvet/perfvet/passes/hotness"
)

// lspSettings are perfvet lsp's settings, from initializationOptions
// and workspace/didChangeConfiguration (either bare or under a
// "perfvet" key). They mirror the command line: docs/editors.md lists
// them.
type lspSettings struct {
	// Analyzers turns analyzers on and off by name, as -name and
	// -name=false do: when any is on, only those run.
	Analyzers map[string]bool `json:"analyzers"`
	// Options sets analyzer and pass flags by their command-line names
	// without the dash ("tripcount.cold", "hoistfield.static").
	Options map[string]any `json:"options"`
	// Profile is -profile: comma-separated CPU profiles, relative to
	// the workspace root.
	Profile string `json:"profile"`
	// Hot is -hot, in percent.
	Hot *float64 `json:"hot"`
	// TestFiles is -testfiles.
	TestFiles bool `json:"testFiles"`
}

// parseSettings reads settings from raw JSON; null or absent is the
// defaults.
func parseSettings(raw json.RawMessage) (lspSettings, error) {
	var s lspSettings
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return s, nil
	}
	var wrapped struct {
		Perfvet *json.RawMessage `json:"perfvet"`
	}
	if err := json.Unmarshal(raw, &wrapped); err == nil && wrapped.Perfvet != nil {
		raw = *wrapped.Perfvet
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		return lspSettings{}, fmt.Errorf("reading perfvet settings: %w", err)
	}
	return s, nil
}

// analyzerConfig holds the analyzers perfvet lsp may run and applies
// settings to their flags. The flags are package variables shared by
// every analysis, so the server applies settings only between runs.
type analyzerConfig struct {
	all      []*analysis.Analyzer // the registry, in its order
	passes   []*analysis.Analyzer // shared passes with flags
	defaults map[*flag.Flag]string
}

// newAnalyzerConfig records the default of every flag so that a setting
// removed later goes back to it.
func newAnalyzerConfig(all []*analysis.Analyzer) *analyzerConfig {
	c := &analyzerConfig{all: all, passes: analyzers.Passes(), defaults: make(map[*flag.Flag]string)}
	for _, a := range c.flagged() {
		a.Flags.VisitAll(func(f *flag.Flag) { c.defaults[f] = f.Value.String() })
	}
	return c
}

// flagged returns the analyzers and passes whose flags settings reach.
func (c *analyzerConfig) flagged() []*analysis.Analyzer {
	return slices.Concat(c.all, c.passes)
}

// apply resets every flag to its default, sets those s names, and
// returns the analyzers to run. Settings that cannot be applied are
// skipped and returned as errors, so that one typo does not turn perfvet
// off.
func (c *analyzerConfig) apply(s lspSettings, root string) ([]*analysis.Analyzer, []error) {
	for f, def := range c.defaults {
		_ = f.Value.Set(def) // the default was a valid value
	}
	var errs []error
	enabled, err := c.enabled(s.Analyzers)
	if err != nil {
		errs = append(errs, err)
	}
	c.optInSelected(s.Analyzers)
	analyzers.Select(enabled)
	errs = append(errs, c.setOptions(s.Options)...)
	errs = append(errs, applyEvidence(s, root)...)
	return enabled, errs
}

// enabled selects analyzers as the driver's -name flags do: the ones
// set true if any is, else all but the ones set false.
func (c *analyzerConfig) enabled(on map[string]bool) ([]*analysis.Analyzer, error) {
	known := make(map[string]bool, len(c.all))
	for _, a := range c.all {
		known[a.Name] = true
	}
	var unknown []string
	for name := range on {
		if !known[name] {
			unknown = append(unknown, name)
		}
	}
	anyOn := false
	for _, v := range on {
		anyOn = anyOn || v
	}
	var out []*analysis.Analyzer
	for _, a := range c.all {
		v, named := on[a.Name]
		if (anyOn && named && v) || (!anyOn && !(named && !v)) {
			out = append(out, a)
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		return out, fmt.Errorf("unknown analyzers in settings: %s", strings.Join(unknown, ", "))
	}
	return out, nil
}

// optInSelected turns on reports without a profile for an opt-in
// analyzer (one with a -static flag) that the settings turn on by name,
// as the command line does for -hoistfield.
func (c *analyzerConfig) optInSelected(on map[string]bool) {
	for _, a := range c.all {
		if on[a.Name] && a.Flags.Lookup("static") != nil {
			_ = a.Flags.Set("static", "true")
		}
	}
}

// setOptions sets "analyzer.flag" options.
func (c *analyzerConfig) setOptions(options map[string]any) []error {
	var errs []error
	for _, key := range sortedKeys(options) {
		name, flagName, ok := strings.Cut(key, ".")
		i := slices.IndexFunc(c.flagged(), func(a *analysis.Analyzer) bool { return a.Name == name })
		if !ok || i < 0 || c.flagged()[i].Flags.Lookup(flagName) == nil {
			errs = append(errs, fmt.Errorf("unknown option %q in settings", key))
			continue
		}
		value := optionString(options[key])
		if err := c.flagged()[i].Flags.Set(flagName, value); err != nil {
			errs = append(errs, fmt.Errorf("option %s=%s: %w", key, value, err))
		}
	}
	return errs
}

// optionString spells a JSON option value as its flag would take it.
func optionString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// applyEvidence sets the hotness pass's settings. A profile path is
// taken relative to the workspace root, and a profile that does not
// load is dropped with an error instead of failing every analysis.
func applyEvidence(s lspSettings, root string) []error {
	var errs []error
	if s.Hot != nil {
		hotness.Threshold = *s.Hot
	}
	hotness.TestFiles = s.TestFiles
	if s.Profile == "" {
		return nil
	}
	paths := strings.Split(s.Profile, ",")
	for i, p := range paths {
		if !filepath.IsAbs(p) && root != "" {
			paths[i] = filepath.Join(root, p)
		}
	}
	if _, err := hotness.Load(paths); err != nil {
		return append(errs, fmt.Errorf("profile setting ignored: %w", err))
	}
	hotness.Profiles = strings.Join(paths, ",")
	return errs
}

// joinErrors formats setting errors as one message.
func joinErrors(errs []error) string {
	return "perfvet: " + strings.ReplaceAll(errors.Join(errs...).Error(), "\n", "; ")
}
