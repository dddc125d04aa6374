package concatloop_test

import (
	"testing"

	"github.com/perfvet/perfvet/analyzers/concatloop"
	"github.com/perfvet/perfvet/analyzers/internal/analyzertest"
)

func TestConcatloop(t *testing.T) {
	analyzertest.Run(t, concatloop.Analyzer)
}
