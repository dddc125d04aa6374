package golangci

import (
	"flag"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/analyzers"
	"github.com/perfvet/perfvet/passes/hotness"
)

// Settings is the settings block of linters.settings.custom.perfvet.
// Keys it does not define are rejected, and so are analyzer and option
// names perfvet does not have, so that a misspelt setting fails the run
// instead of being silently ignored.
type Settings struct {
	// Enable, when not empty, lists the only analyzers that run.
	Enable []string `json:"enable"`
	// Disable lists analyzers that do not run.
	Disable []string `json:"disable"`
	// Options sets analyzer options: analyzer name, then option name,
	// then value. The options are those perfvet's command takes as
	// -analyzer.option flags; the shared loop passes' options sit under
	// their own names (tripcount: {cold: 8}).
	Options map[string]map[string]any `json:"options"`
}

// Apply sets every analyzer option to the value s gives it, or to its
// default, and returns the analyzers s enables, in registry order. The
// options are the analyzers' flags, so they hold for the whole process:
// golangci-lint builds one perfvet plugin per run.
func (s Settings) Apply() ([]*analysis.Analyzer, error) {
	enabled, err := s.enabled()
	if err != nil {
		return nil, err
	}
	if err := resetOptions(); err != nil {
		return nil, err
	}
	if err := s.setOptions(); err != nil {
		return nil, err
	}
	if err := s.optIn(); err != nil {
		return nil, err
	}
	if err := checkProfiles(); err != nil {
		return nil, err
	}
	analyzers.Select(enabled)
	return enabled, nil
}

// optIn turns on reports without a profile for the analyzers whose
// evidence rule makes them opt-in (those with a static option, such as
// hoistfield) when Enable names them, or when their own linter
// (perfvet-hoistfield) was built, unless Options sets it.
func (s Settings) optIn() error {
	optIns.Lock()
	defer optIns.Unlock()
	clear(optIns.explicit)
	enabled := nameSet(s.Enable)
	for _, a := range analyzers.Analyzers() {
		if a.Flags.Lookup("static") == nil {
			continue
		}
		if _, set := s.Options[a.Name]["static"]; set {
			optIns.explicit[a.Name] = true
			continue
		}
		if !enabled[a.Name] && !optIns.selected[a.Name] {
			continue
		}
		if err := a.Flags.Set("static", "true"); err != nil {
			return fmt.Errorf("enable: %s: %w", a.Name, err)
		}
	}
	return nil
}

// checkProfiles loads the profiles options.hotness.profile names, so
// that a bad file fails the run at once, naming the file, instead of
// failing every package.
func checkProfiles() error {
	if hotness.Profiles == "" {
		return nil
	}
	_, err := hotness.Load(strings.Split(hotness.Profiles, ","))
	if err != nil {
		return fmt.Errorf("options.hotness.profile: %w", err)
	}
	return nil
}

// enabled returns the analyzers that Enable and Disable leave on.
func (s Settings) enabled() ([]*analysis.Analyzer, error) {
	if err := checkNames("enable", s.Enable); err != nil {
		return nil, err
	}
	if err := checkNames("disable", s.Disable); err != nil {
		return nil, err
	}
	enable, disable := nameSet(s.Enable), nameSet(s.Disable)
	for _, name := range s.Enable {
		if disable[name] {
			return nil, fmt.Errorf("analyzer %s is both enabled and disabled", name)
		}
	}
	var on []*analysis.Analyzer
	for _, a := range analyzers.Analyzers() {
		if (len(enable) == 0 || enable[a.Name]) && !disable[a.Name] {
			on = append(on, a)
		}
	}
	return on, nil
}

// nameSet returns the set of names.
func nameSet(names []string) map[string]bool {
	set := make(map[string]bool, len(names))
	for _, name := range names {
		set[name] = true
	}
	return set
}

// checkNames reports the first of names that is not an analyzer's.
func checkNames(key string, names []string) error {
	for _, name := range names {
		if findAnalyzer(analyzers.Analyzers(), name) == nil {
			return fmt.Errorf("%s: unknown analyzer %q (perfvet has %s)", key, name, nameList(analyzers.Analyzers()))
		}
	}
	return nil
}

// configurable returns the analyzers whose flags Options may set: every
// analyzer, then the shared passes.
func configurable() []*analysis.Analyzer {
	return append(analyzers.Analyzers(), analyzers.Passes()...)
}

// resetOptions sets every option to its default, so that the settings
// alone decide the configuration even if New runs more than once in a
// process.
func resetOptions() error {
	for _, a := range configurable() {
		var err error
		a.Flags.VisitAll(func(f *flag.Flag) {
			if err == nil {
				if e := a.Flags.Set(f.Name, f.DefValue); e != nil {
					err = fmt.Errorf("resetting %s.%s to %q: %w", a.Name, f.Name, f.DefValue, e)
				}
			}
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// setOptions sets the flags that Options names, analyzers in sorted
// order so that the first error reported does not depend on map order.
func (s Settings) setOptions() error {
	for _, name := range slices.Sorted(maps.Keys(s.Options)) {
		a := findAnalyzer(configurable(), name)
		if a == nil {
			return fmt.Errorf("options: unknown analyzer %q (options exist for %s)", name, nameList(withOptions()))
		}
		if err := setFlags(a, s.Options[name]); err != nil {
			return fmt.Errorf("options.%s: %w", name, err)
		}
	}
	return nil
}

// setFlags sets a's flags to values, in sorted order.
func setFlags(a *analysis.Analyzer, values map[string]any) error {
	for _, name := range slices.Sorted(maps.Keys(values)) {
		if a.Flags.Lookup(name) == nil {
			return fmt.Errorf("unknown option %q (%s)", name, optionList(a))
		}
		text, err := flagText(values[name])
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if err := a.Flags.Set(name, text); err != nil {
			return fmt.Errorf("%s: invalid value %q: %w", name, text, err)
		}
	}
	return nil
}

// flagText renders a decoded settings value as a flag's text form. The
// settings arrive through JSON, so every number is a float64; integral
// ones are written without a fraction so integer flags accept them.
func flagText(v any) (string, error) {
	switch v := v.(type) {
	case bool:
		return strconv.FormatBool(v), nil
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), nil
	case string:
		return v, nil
	default:
		return "", fmt.Errorf("want a boolean, number or string, got %s", describe(v))
	}
}

// describe names the kind of a decoded settings value for an error.
func describe(v any) string {
	switch v.(type) {
	case nil:
		return "nothing"
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	default:
		return fmt.Sprintf("%T", v)
	}
}

// findAnalyzer returns the analyzer of as called name, or nil.
func findAnalyzer(as []*analysis.Analyzer, name string) *analysis.Analyzer {
	for _, a := range as {
		if a.Name == name {
			return a
		}
	}
	return nil
}

// withOptions returns the configurable analyzers that have options.
func withOptions() []*analysis.Analyzer {
	var as []*analysis.Analyzer
	for _, a := range configurable() {
		if hasFlags(a) {
			as = append(as, a)
		}
	}
	return as
}

// hasFlags reports whether a has options.
func hasFlags(a *analysis.Analyzer) bool {
	n := 0
	a.Flags.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// nameList lists the names of as for an error message.
func nameList(as []*analysis.Analyzer) string {
	if len(as) == 0 {
		return "none"
	}
	names := make([]string, len(as))
	for i, a := range as {
		names[i] = a.Name
	}
	return strings.Join(names, ", ")
}

// optionList lists a's options for an error message.
func optionList(a *analysis.Analyzer) string {
	var names []string
	a.Flags.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if len(names) == 0 {
		return a.Name + " has no options"
	}
	return a.Name + " has " + strings.Join(names, ", ")
}
