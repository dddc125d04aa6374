package hoistfield_test

import (
	"testing"

	"github.com/perfvet/perfvet/analyzers/hoistfield"
	"github.com/perfvet/perfvet/analyzers/internal/analyzertest"
)

func TestHoistfield(t *testing.T) {
	analyzertest.Run(t, hoistfield.Analyzer)
}
