package deferloop_test

import (
	"testing"

	"github.com/perfvet/perfvet/analyzers/deferloop"
	"github.com/perfvet/perfvet/analyzers/internal/analyzertest"
)

func TestDeferloop(t *testing.T) {
	analyzertest.Run(t, deferloop.Analyzer)
}
