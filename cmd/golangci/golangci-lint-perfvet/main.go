// Command golangci-lint-perfvet is golangci-lint v2 with the perfvet
// module plugin compiled in: what `golangci-lint custom` builds, but
// built from the Go module proxy alone, without cloning golangci-lint's
// repository.
//
// Build it in this directory with `go build` (or install it with
// `go install`) and use it as golangci-lint; .golangci.yml enables the
// plugin under linters.settings.custom.perfvet (see
// docs/golangci-lint.md).
package main

import (
	"fmt"
	"os"
	"runtime/debug"

	"github.com/golangci/golangci-lint/v2/pkg/commands"
	"github.com/golangci/golangci-lint/v2/pkg/exitcodes"

	// The plugin registers itself with golangci-lint when imported.
	_ "github.com/perfvet/perfvet/cmd/golangci"
)

const golangciModule = "github.com/golangci/golangci-lint/v2"

func main() {
	if err := commands.Execute(buildInfo()); err != nil {
		fmt.Fprintf(os.Stderr, "The command is terminated due to an error: %v\n", err)
		os.Exit(exitcodes.Failure)
	}
}

// buildInfo describes the binary for `golangci-lint-perfvet version`.
//
// The version is "(devel)" on purpose: golangci-lint salts its result
// cache with the version, and with "(devel)" it uses a hash of the
// executable instead, so rebuilding with changed analyzers invalidates
// results cached by the previous build. The versions of golangci-lint
// and perfvet go in the commit field.
func buildInfo() commands.BuildInfo {
	info := commands.BuildInfo{
		Version:   "(devel)",
		Commit:    "golangci-lint unknown, perfvet unknown",
		GoVersion: "unknown",
		Date:      "(unknown)",
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return info
	}
	info.GoVersion = bi.GoVersion
	info.Commit = fmt.Sprintf("golangci-lint %s, perfvet %s", moduleVersion(bi, golangciModule), moduleVersion(bi, "github.com/perfvet/perfvet"))
	return info
}

// moduleVersion returns the version of module path linked into the
// binary: "(devel)", as Go says of local builds, when it was replaced by
// a directory, as perfvet is when built from its own repository.
func moduleVersion(bi *debug.BuildInfo, path string) string {
	for _, m := range bi.Deps {
		switch {
		case m.Path != path:
			continue
		case m.Replace != nil && m.Replace.Version == "":
			return "(devel)"
		case m.Replace != nil:
			return m.Replace.Version
		default:
			return m.Version
		}
	}
	return "unknown"
}
