package golangci

import (
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/analyzers"
	"github.com/perfvet/perfvet/analyzers/hoistfield"
)

// buildRule runs the constructor of the per-analyzer linter called
// name as golangci-lint does and returns its analyzers.
func buildRule(t *testing.T, name string, conf any) ([]*analysis.Analyzer, error) {
	t.Helper()
	newPlugin, err := register.GetPlugin(name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(conf)
	if err != nil {
		return nil, err
	}
	if mode := p.GetLoadMode(); mode != register.LoadModeTypesInfo {
		t.Errorf("%s: GetLoadMode() = %q, want %q", name, mode, register.LoadModeTypesInfo)
	}
	return p.BuildAnalyzers()
}

// resetRules forgets which per-analyzer linters were built and
// restores the default options when the test ends.
func resetRules(t *testing.T) {
	t.Helper()
	t.Cleanup(func() {
		optIns.Lock()
		clear(optIns.selected)
		optIns.Unlock()
		if _, err := New(nil); err != nil {
			t.Errorf("restoring defaults: %v", err)
		}
	})
}

func TestRuleLinterPerAnalyzer(t *testing.T) {
	resetRules(t)
	for _, a := range analyzers.Analyzers() {
		for _, conf := range []any{nil, map[string]any{}} {
			as, err := buildRule(t, RulePrefix+a.Name, conf)
			if err != nil {
				t.Fatalf("%s%s: %v", RulePrefix, a.Name, err)
			}
			if len(as) != 1 || as[0].Name != a.Name {
				t.Errorf("%s%s runs %v, want %s alone", RulePrefix, a.Name, names(as), a.Name)
			}
			if err := analysis.Validate(as); err != nil {
				t.Errorf("%s%s: %v", RulePrefix, a.Name, err)
			}
		}
	}
}

func TestRuleLinterTakesNoSettings(t *testing.T) {
	resetRules(t)
	name := RulePrefix + analyzers.Analyzers()[0].Name
	_, err := buildRule(t, name, map[string]any{"options": map[string]any{"tripcount": map[string]any{"cold": 4}}})
	if err == nil || !strings.Contains(err.Error(), "linters.settings.custom."+name+".settings") || !strings.Contains(err.Error(), settingsKey) {
		t.Errorf("want an error naming %s's settings and pointing to %s, got %v", name, settingsKey, err)
	}
}

// TestRuleLinterOptsIn checks that building perfvet-hoistfield turns on
// hoistfield's reports without a profile, as enable: [hoistfield] does,
// unless the perfvet settings set static, in whichever order
// golangci-lint builds the two plugins.
func TestRuleLinterOptsIn(t *testing.T) {
	static := hoistfield.Analyzer.Flags.Lookup("static")
	rule := RulePrefix + hoistfield.Analyzer.Name
	explicitOff := map[string]any{"options": map[string]any{"hoistfield": map[string]any{"static": false}}}
	for _, c := range []struct {
		name       string
		ruleFirst  bool
		perfvetSet any
		want       string
	}{
		{"rule, then perfvet", true, nil, "true"},
		{"perfvet, then rule", false, nil, "true"},
		{"rule, then perfvet setting static", true, explicitOff, "false"},
		{"perfvet setting static, then rule", false, explicitOff, "false"},
	} {
		t.Run(c.name, func(t *testing.T) {
			resetRules(t)
			steps := []func() error{
				func() error { _, err := buildRule(t, rule, nil); return err },
				func() error { _, err := New(c.perfvetSet); return err },
			}
			if !c.ruleFirst {
				steps[0], steps[1] = steps[1], steps[0]
			}
			for _, step := range steps {
				if err := step(); err != nil {
					t.Fatal(err)
				}
			}
			if got := static.Value.String(); got != c.want {
				t.Errorf("hoistfield.static = %s, want %s", got, c.want)
			}
		})
	}
	// Without its linter, hoistfield stays opt-in.
	resetRules(t)
	if _, err := New(nil); err != nil {
		t.Fatal(err)
	}
	if got := static.Value.String(); got != "false" {
		t.Errorf("hoistfield.static = %s with no per-analyzer linter built, want false", got)
	}
}
