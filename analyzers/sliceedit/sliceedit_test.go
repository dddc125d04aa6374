package sliceedit_test

import (
	"testing"

	"github.com/perfvet/perfvet/analyzers/internal/analyzertest"
	"github.com/perfvet/perfvet/analyzers/sliceedit"
)

func TestSliceedit(t *testing.T) {
	analyzertest.Run(t, sliceedit.Analyzer)
}
