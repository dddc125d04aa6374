// Package golangci registers perfvet as a golangci-lint module plugin
// named perfvet.
//
// A golangci-lint binary that imports this package (the command in the
// golangci-lint-perfvet directory, or one built by `golangci-lint
// custom`) runs perfvet's analyzers as the linter perfvet, configured in
// .golangci.yml:
//
//	linters:
//	  enable:
//	    - perfvet
//	  settings:
//	    custom:
//	      perfvet:
//	        type: module
//	        settings:
//	          disable: [fanout]
//	          options:
//	            tripcount:
//	              cold: 4
//
// [Settings] describes the settings; docs/golangci-lint.md shows how to
// build the binary and use it.
package golangci

import (
	"fmt"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/internal/thresholds"
)

// Name is the linter name under which golangci-lint reports perfvet's
// findings, and the name //nolint directives use.
const Name = "perfvet"

// settingsKey is where .golangci.yml holds the plugin's settings; errors
// about them start with it.
const settingsKey = "linters.settings.custom." + Name + ".settings"

func init() {
	thresholds.Guard(configurable())
	register.Plugin(Name, New)
	registerRules()
}

// plugin is perfvet configured for one golangci-lint run.
type plugin struct {
	analyzers []*analysis.Analyzer
}

// New decodes the plugin's settings, applies the analyzer options they
// set, and returns the plugin. golangci-lint calls it once per run with
// the settings block of linters.settings.custom.perfvet.
func New(conf any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (the settings are enable, disable and options)", settingsKey, err)
	}
	as, err := s.Apply()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", settingsKey, err)
	}
	return &plugin{analyzers: withoutRelated(as)}, nil
}

// BuildAnalyzers returns the enabled analyzers.
func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return p.analyzers, nil
}

// GetLoadMode asks for type information: perfvet's analyzers work on SSA
// built from typed syntax.
func (p *plugin) GetLoadMode() string {
	return register.LoadModeTypesInfo
}
