package main

import (
	"flag"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// outputOptions are the settings of the standalone command that decide
// what it reports and how: the format, the exit status on findings and
// the filters that leave out findings already known.
type outputOptions struct {
	format         string
	exitZero       bool
	baseline       string
	baselineUpdate bool
	newFromRev     string
	contextLines   int
	fix, diff      bool
}

// registerOutputFlags defines the standalone command's output flags on
// fs. The supervising perfvet reads them (through the shadow flag set);
// the analysis child and the driver's help only need them defined.
// They are not defined in the vet-tool protocol, so that go vet and
// go fix, which learn the flags from perfvet -flags, refuse them rather
// than pass on settings that would do nothing there.
func registerOutputFlags(fs *flag.FlagSet) {
	fs.String("format", formatText, "output format: "+strings.Join(formats, ", ")+" (-json is -format=json)")
	fs.Bool("exit-zero", false, "exit with status 0 even when there are findings")
	fs.String("baseline", "", "report only findings not in this `file`; a missing file is written with every finding")
	fs.Bool("baseline-update", false, "with -baseline, rewrite the baseline file with the current findings")
	fs.String("new-from-rev", "", "report only findings on lines changed since the git `revision`")
	fs.String("config", "", "configuration `file` (default: "+configName+" in the module root, if any; off: none)")
}

// isVetProtocol reports whether args are go vet's or go fix's calls of
// a vet tool: -flags, -V=full, or a unit's .cfg file.
func isVetProtocol(args []string) bool {
	for _, arg := range args {
		name := strings.TrimLeft(arg, "-")
		if arg != name && (name == "flags" || name == "V" || strings.HasPrefix(name, "V=")) {
			return true
		}
	}
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg")
}

// parseOutputOptions reads the output settings from args and checks
// them, the way the driver checks its own flags, before any analysis.
func parseOutputOptions(args []string, all []*analysis.Analyzer) (outputOptions, error) {
	fs, values := shadowFlagSet(all)
	opts := outputOptions{format: formatText, contextLines: -1}
	if fs.Parse(args) != nil {
		return opts, nil // the driver reports flag errors
	}
	boolValue := func(name string) (bool, error) {
		v := values[name]
		if v == nil || !v.set {
			return false, nil
		}
		b, err := strconv.ParseBool(v.value)
		if err != nil {
			return false, fmt.Errorf("invalid boolean value %q for -%s", v.value, name)
		}
		return b, nil
	}
	var err error
	var isJSON bool
	for _, b := range []struct {
		name string
		dst  *bool
	}{{"json", &isJSON}, {"exit-zero", &opts.exitZero}, {"baseline-update", &opts.baselineUpdate}, {"fix", &opts.fix}, {"diff", &opts.diff}} {
		if *b.dst, err = boolValue(b.name); err != nil {
			return opts, err
		}
	}
	if v := values["format"]; v != nil && v.set {
		if !slices.Contains(formats, v.value) {
			return opts, fmt.Errorf("invalid value %q for -format: want one of %s", v.value, strings.Join(formats, ", "))
		}
		if isJSON && v.value != formatJSON {
			return opts, fmt.Errorf("-json asks for -format=json, not -format=%s", v.value)
		}
		opts.format = v.value
	} else if isJSON {
		opts.format = formatJSON
	}
	if v := values["c"]; v.set {
		if opts.contextLines, err = strconv.Atoi(v.value); err != nil {
			return opts, fmt.Errorf("invalid value %q for -c: want a number of lines", v.value)
		}
	}
	if v := values["baseline"]; v != nil {
		opts.baseline = v.value
	}
	if v := values["new-from-rev"]; v != nil {
		opts.newFromRev = v.value
	}
	if opts.baselineUpdate && opts.baseline == "" {
		return opts, fmt.Errorf("-baseline-update needs -baseline=FILE")
	}
	return opts, nil
}
