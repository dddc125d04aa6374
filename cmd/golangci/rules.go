package golangci

import (
	"fmt"
	"reflect"
	"sync"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/analyzers"
)

// RulePrefix starts the names of the per-analyzer linters: the linter
// perfvet-concatloop runs concatloop alone.
//
// golangci-lint names each issue, in its text, JSON and SARIF output,
// after the linter that reported it, not after the analyzer: every
// finding of the linter perfvet has the rule id perfvet. A module
// plugin is one linter, so an analyzer gets a rule id of its own only
// as a plugin of its own. These linters also keep golangci-lint's
// per-linter cap on issues per analyzer, and make //nolint name
// analyzers (//nolint:perfvet-concatloop).
//
// They take no settings: options are process-wide, and golangci-lint
// builds its module plugins in no set order, so one settings block, the
// perfvet linter's, holds them all, whether or not perfvet itself is
// enabled.
const RulePrefix = Name + "-"

// registerRules registers a linter for each analyzer.
func registerRules() {
	for _, a := range analyzers.Analyzers() {
		register.Plugin(RulePrefix+a.Name, newRule(a))
	}
}

// newRule returns the constructor of the linter that runs a alone.
func newRule(a *analysis.Analyzer) register.NewPlugin {
	return func(conf any) (register.LinterPlugin, error) {
		if !isEmpty(conf) {
			return nil, fmt.Errorf("linters.settings.custom.%s%s.settings: the per-analyzer linters take no settings; set options under %s (the perfvet linter need not be enabled for them to apply)",
				RulePrefix, a.Name, settingsKey)
		}
		if a.Flags.Lookup("static") != nil {
			if err := optInRule(a); err != nil {
				return nil, err
			}
		}
		return &plugin{analyzers: withoutRelated([]*analysis.Analyzer{a})}, nil
	}
}

// isEmpty reports whether a plugin's settings block is absent or holds
// nothing.
func isEmpty(conf any) bool {
	if conf == nil {
		return true
	}
	v := reflect.ValueOf(conf)
	switch v.Kind() {
	case reflect.Map, reflect.Slice:
		return v.Len() == 0
	}
	return false
}

// optIns records, for the run's golangci-lint configuration, the
// analyzers with an opt-in evidence rule (hoistfield) that a
// per-analyzer linter selects, and the static options the perfvet
// settings set explicitly. Whichever of the constructors golangci-lint
// calls first, selecting such an analyzer's linter turns on its reports
// without a profile unless the settings say otherwise, as naming it in
// enable does.
var optIns = struct {
	sync.Mutex
	selected map[string]bool // analyzers whose linter was built
	explicit map[string]bool // analyzers whose static option the settings set
}{selected: map[string]bool{}, explicit: map[string]bool{}}

// optInRule turns on a's reports without a profile, as selecting it by
// its own linter asks, unless the perfvet settings set its static
// option.
func optInRule(a *analysis.Analyzer) error {
	optIns.Lock()
	defer optIns.Unlock()
	optIns.selected[a.Name] = true
	if optIns.explicit[a.Name] {
		return nil
	}
	if err := a.Flags.Set("static", "true"); err != nil {
		return fmt.Errorf("%s%s: %w", RulePrefix, a.Name, err)
	}
	return nil
}
