package hoistcall_test

import (
	"testing"

	"github.com/perfvet/perfvet/analyzers/hoistcall"
	"github.com/perfvet/perfvet/analyzers/internal/analyzertest"
)

func TestHoistcall(t *testing.T) {
	analyzertest.Run(t, hoistcall.Analyzer)
}
