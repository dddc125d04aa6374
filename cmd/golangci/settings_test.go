package golangci

import (
	"flag"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/analyzers"
	"github.com/perfvet/perfvet/passes/hotness"
	"github.com/perfvet/perfvet/passes/tripcount"
)

// build runs the plugin constructor as golangci-lint does and returns
// the names of the analyzers it enables. It restores the default
// options when the test ends, since they are process-wide.
func build(t *testing.T, conf any) ([]string, error) {
	t.Helper()
	t.Cleanup(func() {
		if _, err := New(nil); err != nil {
			t.Errorf("restoring defaults: %v", err)
		}
	})
	p, err := New(conf)
	if err != nil {
		return nil, err
	}
	if mode := p.GetLoadMode(); mode != register.LoadModeTypesInfo {
		t.Errorf("GetLoadMode() = %q, want %q", mode, register.LoadModeTypesInfo)
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		return nil, err
	}
	if err := analysis.Validate(as); err != nil {
		t.Errorf("analyzers do not validate: %v", err)
	}
	return names(as), nil
}

func names(as []*analysis.Analyzer) []string {
	ns := make([]string, len(as))
	for i, a := range as {
		ns[i] = a.Name
	}
	return ns
}

func TestRegistered(t *testing.T) {
	if _, err := register.GetPlugin(Name); err != nil {
		t.Fatal(err)
	}
}

func TestNoSettingsEnablesEverything(t *testing.T) {
	for _, conf := range []any{nil, map[string]any{}} {
		got, err := build(t, conf)
		if err != nil {
			t.Fatalf("New(%v): %v", conf, err)
		}
		if want := names(analyzers.Analyzers()); !slices.Equal(got, want) {
			t.Errorf("New(%v) enables %v, want %v", conf, got, want)
		}
	}
}

func TestDisable(t *testing.T) {
	all := names(analyzers.Analyzers())
	got, err := build(t, map[string]any{"disable": []any{all[0]}})
	if err != nil {
		t.Fatal(err)
	}
	if want := all[1:]; !slices.Equal(got, want) {
		t.Errorf("disable %s: enabled %v, want %v", all[0], got, want)
	}
}

func TestEnable(t *testing.T) {
	all := names(analyzers.Analyzers())
	last := all[len(all)-1]
	got, err := build(t, map[string]any{"enable": []any{last}})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{last}; !slices.Equal(got, want) {
		t.Errorf("enable %s: enabled %v, want %v", last, got, want)
	}
}

// TestOptions decodes settings shaped as golangci-lint hands them over:
// YAML read by viper, so integers arrive as int.
func TestOptions(t *testing.T) {
	conf := map[string]any{
		"options": map[string]any{
			"tripcount": map[string]any{"cold": 4},
		},
	}
	if _, err := build(t, conf); err != nil {
		t.Fatal(err)
	}
	if tripcount.ColdThreshold != 4 {
		t.Errorf("tripcount.cold = %d after setting it to 4", tripcount.ColdThreshold)
	}
}

// TestOptionsReset checks that a later New starts from the defaults
// rather than from the options an earlier one set.
func TestOptionsReset(t *testing.T) {
	def := tripcount.ColdThreshold
	if _, err := build(t, map[string]any{"options": map[string]any{"tripcount": map[string]any{"cold": def + 1}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := build(t, nil); err != nil {
		t.Fatal(err)
	}
	if tripcount.ColdThreshold != def {
		t.Errorf("tripcount.cold = %d after New(nil), want the default %d", tripcount.ColdThreshold, def)
	}
}

// TestEveryOption sets each option of every analyzer and shared pass to
// its default, spelt as YAML would give it, so that every option is
// reachable from the settings.
func TestEveryOption(t *testing.T) {
	options := make(map[string]any)
	for _, a := range configurable() {
		values := make(map[string]any)
		a.Flags.VisitAll(func(f *flag.Flag) { values[f.Name] = yamlValue(f) })
		if len(values) > 0 {
			options[a.Name] = values
		}
	}
	if _, err := build(t, map[string]any{"options": options}); err != nil {
		t.Fatal(err)
	}
}

// yamlValue returns f's default as the YAML decoder would produce it.
func yamlValue(f *flag.Flag) any {
	if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
		return f.DefValue == "true"
	}
	return f.DefValue
}

// TestOptionNamesAreLowercase guards a golangci-lint constraint: its
// configuration reader lowercases every key, so an analyzer or option
// with an uppercase letter could not be named in the settings.
func TestOptionNamesAreLowercase(t *testing.T) {
	lower := regexp.MustCompile(`^[a-z0-9_-]+$`)
	for _, a := range configurable() {
		if !lower.MatchString(a.Name) {
			t.Errorf("analyzer %q: golangci-lint settings cannot name it", a.Name)
		}
		a.Flags.VisitAll(func(f *flag.Flag) {
			if !lower.MatchString(f.Name) {
				t.Errorf("option %s.%s: golangci-lint settings cannot name it", a.Name, f.Name)
			}
		})
	}
}

func TestRejected(t *testing.T) {
	first := analyzers.Analyzers()[0].Name
	for _, tc := range []struct {
		name string
		conf any
		want string
	}{
		{"unknown key", map[string]any{"disabel": []any{first}}, `unknown field "disabel" (the settings are enable, disable and options)`},
		{"not a mapping", []any{first}, "cannot unmarshal array"},
		{"unknown disabled analyzer", map[string]any{"disable": []any{"nosuch"}}, `disable: unknown analyzer "nosuch" (perfvet has ` + first},
		{"unknown enabled analyzer", map[string]any{"enable": []any{"nosuch"}}, `enable: unknown analyzer "nosuch"`},
		{"enabled and disabled", map[string]any{"enable": []any{first}, "disable": []any{first}}, "analyzer " + first + " is both enabled and disabled"},
		{"options of unknown analyzer", map[string]any{"options": map[string]any{"nosuch": map[string]any{}}}, `options: unknown analyzer "nosuch" (options exist for `},
		{"unknown option", map[string]any{"options": map[string]any{"tripcount": map[string]any{"clod": 4}}}, `options.tripcount: unknown option "clod" (tripcount has cold)`},
		{"invalid value", map[string]any{"options": map[string]any{"tripcount": map[string]any{"cold": "many"}}}, `options.tripcount: cold: invalid value "many"`},
		{"negative threshold", map[string]any{"options": map[string]any{"membership": map[string]any{"small": -2}}}, `options.membership: small: invalid value "-2": want a number of at least 0`},
		{"list value", map[string]any{"options": map[string]any{"tripcount": map[string]any{"cold": []any{4}}}}, "options.tripcount: cold: want a boolean, number or string, got a list"},
		{"options not a mapping", map[string]any{"options": map[string]any{"tripcount": 4}}, "cannot unmarshal number"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := build(t, tc.conf)
			if err == nil {
				t.Fatalf("New(%v) succeeded, want an error containing %q", tc.conf, tc.want)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("New(%v) error:\n%v\nwant it to contain\n%s", tc.conf, err, tc.want)
			}
			if !strings.HasPrefix(err.Error(), settingsKey+": ") {
				t.Errorf("error %q does not say where the settings are (%s)", err, settingsKey)
			}
		})
	}
}

// TestAnalyzerWithoutOptions checks the message for options given to an
// analyzer that has none, if the registry has one.
func TestAnalyzerWithoutOptions(t *testing.T) {
	for _, a := range analyzers.Analyzers() {
		if hasFlags(a) {
			continue
		}
		_, err := build(t, map[string]any{"options": map[string]any{a.Name: map[string]any{"x": 1}}})
		if want := a.Name + " has no options"; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("options for %s: error %v, want it to contain %q", a.Name, err, want)
		}
		return
	}
	t.Skip("every analyzer has options")
}

func TestFlagText(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want string
	}{
		{true, "true"},
		{false, "false"},
		{float64(8), "8"},
		{0.5, "0.5"},
		{"1s", "1s"},
	} {
		got, err := flagText(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("flagText(%v) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, in := range []any{nil, []any{}, map[string]any{}} {
		if _, err := flagText(in); err == nil {
			t.Errorf("flagText(%v) succeeded, want an error", in)
		}
	}
}

// TestEnableOptsIntoProfileOnlyAnalyzers checks hoistfield's evidence
// rule in the plugin: without a profile it reports only when the
// settings enable it by name.
func TestEnableOptsIntoProfileOnlyAnalyzers(t *testing.T) {
	static := func() string {
		return analyzers.Analyzers()[slices.IndexFunc(analyzers.Analyzers(), func(a *analysis.Analyzer) bool { return a.Name == "hoistfield" })].Flags.Lookup("static").Value.String()
	}
	if _, err := build(t, nil); err != nil {
		t.Fatal(err)
	}
	if static() != "false" {
		t.Error("hoistfield reports without a profile although the settings do not name it")
	}
	if _, err := build(t, map[string]any{"enable": []any{"hoistfield"}}); err != nil {
		t.Fatal(err)
	}
	if static() != "true" {
		t.Error("enable: [hoistfield] does not make hoistfield report without a profile")
	}
	if _, err := build(t, map[string]any{"enable": []any{"hoistfield"}, "options": map[string]any{"hoistfield": map[string]any{"static": false}}}); err != nil {
		t.Fatal(err)
	}
	if static() != "false" {
		t.Error("options.hoistfield.static: false does not win over enable")
	}
}

func TestBadProfileSetting(t *testing.T) {
	_, err := build(t, map[string]any{"options": map[string]any{"hotness": map[string]any{"profile": "/no/such/cpu.pprof"}}})
	if err == nil || !strings.Contains(err.Error(), "options.hotness.profile") || !strings.Contains(err.Error(), "/no/such/cpu.pprof") {
		t.Fatalf("a missing profile in the settings: error %v, want one naming the setting and the file", err)
	}
}

// TestEvidenceSettings checks that the evidence rules' settings reach
// the hotness pass: test files opt-in and the threshold.
func TestEvidenceSettings(t *testing.T) {
	if _, err := build(t, map[string]any{"options": map[string]any{"hotness": map[string]any{"testfiles": true, "hot": 2.5}}}); err != nil {
		t.Fatal(err)
	}
	if !hotness.TestFiles || hotness.Threshold != 2.5 {
		t.Errorf("options.hotness {testfiles: true, hot: 2.5} gave TestFiles %v, Threshold %v", hotness.TestFiles, hotness.Threshold)
	}
	if _, err := build(t, nil); err != nil {
		t.Fatal(err)
	}
	if hotness.TestFiles || hotness.Threshold != 1 {
		t.Errorf("without settings, TestFiles %v and Threshold %v, want the defaults false and 1", hotness.TestFiles, hotness.Threshold)
	}
}
