package fanout_test

import (
	"testing"

	"github.com/perfvet/perfvet/analyzers/fanout"
	"github.com/perfvet/perfvet/analyzers/internal/analyzertest"
)

func TestFanout(t *testing.T) {
	analyzertest.Run(t, fanout.Analyzer)
}
