package sortloop_test

import (
	"testing"

	"github.com/perfvet/perfvet/analyzers/internal/analyzertest"
	"github.com/perfvet/perfvet/analyzers/sortloop"
)

func TestSortloop(t *testing.T) {
	analyzertest.Run(t, sortloop.Analyzer)
}
