package recompile_test

import (
	"testing"

	"github.com/perfvet/perfvet/analyzers/internal/analyzertest"
	"github.com/perfvet/perfvet/analyzers/recompile"
)

func TestRecompile(t *testing.T) {
	analyzertest.Run(t, recompile.Analyzer)
}
