package driver

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/tools/go/packages"
)

// TestCgoStepFailed checks which failed packages count as failed by
// cgo alone, and so are analysed from their files all the same.
func TestCgoStepFailed(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"c/c.go":    "package c\n\n// #include <absent.h>\nimport \"C\"\n",
		"c/pure.go": "package c\n",
	})
	cgoFiles := []string{filepath.Join(dir, "c", "c.go"), filepath.Join(dir, "c", "pure.go")}
	pureFiles := cgoFiles[1:]
	buildError := packages.Error{Kind: packages.ListError, Msg: "# example.com/m/c\nc/c.go:3:11: fatal error: absent.h: No such file or directory"}
	importError := packages.Error{Kind: packages.ListError, Pos: "c/c.go:5:8", Msg: "no required module provides package example.com/x"}
	for _, c := range []struct {
		name string
		p    packages.Package
		want bool
	}{
		{"cgo step failed", packages.Package{GoFiles: cgoFiles, CompiledGoFiles: cgoFiles, Errors: []packages.Error{buildError}}, true},
		{"no errors", packages.Package{GoFiles: cgoFiles, CompiledGoFiles: cgoFiles}, false},
		{"an error in the Go source", packages.Package{GoFiles: cgoFiles, CompiledGoFiles: cgoFiles, Errors: []packages.Error{buildError, importError}}, false},
		{"no cgo", packages.Package{GoFiles: pureFiles, CompiledGoFiles: pureFiles, Errors: []packages.Error{buildError}}, false},
		{"cgo ran, the compiler failed", packages.Package{GoFiles: cgoFiles, CompiledGoFiles: []string{"/cache/c.cgo1.go", cgoFiles[1]}, Errors: []packages.Error{buildError}}, false},
	} {
		assert.Equal(t, c.want, cgoStepFailed(&c.p), c.name)
	}
}
