package main

import (
	"fmt"
	"io"
	"runtime/debug"
)

// isVersionRequest reports whether args ask only for perfvet's version:
// "perfvet -version" (or --version). The driver's -V=full stays for go
// vet, which needs its exact format to key its cache.
func isVersionRequest(args []string) bool {
	return len(args) == 1 && (args[0] == "-version" || args[0] == "--version")
}

// printVersion writes perfvet's module version, the VCS revision it was
// built from and the Go release that built it, as the build recorded
// them: "(devel)" for a binary built inside a clone, a release or
// pseudo-version for one installed with go install module@version.
func printVersion(w io.Writer) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		fmt.Fprintln(w, "perfvet (version unknown: built without module support)")
		return
	}
	fmt.Fprintf(w, "perfvet %s%s %s\n", versionOf(info), revision(info), info.GoVersion)
}

// releaseVersion is the version a release build sets with
// -ldflags=-X=main.releaseVersion=v1.2.3 (see .goreleaser.yaml), for
// when the go command stamps none: it does not recognise every checkout
// as a repository (a git worktree, whose .git is a file).
var releaseVersion string

// versionOf returns the main module's version as the go command
// stamped it, or, where it stamped none, the release build's.
func versionOf(info *debug.BuildInfo) string {
	if v := info.Main.Version; releaseVersion == "" || (v != "" && v != "(devel)") {
		return v
	}
	return releaseVersion
}

// revision returns " (revision 0123abcdef12[, modified])" from the VCS
// settings the go command stamps into binaries built in a checkout, or
// "" when there are none (go install of a module version, or -buildvcs=false).
func revision(info *debug.BuildInfo) string {
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = ", modified"
			}
		}
	}
	if rev == "" {
		return ""
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	return " (revision " + rev + modified + ")"
}
