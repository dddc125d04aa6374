package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/perfvet/perfvet/internal/thresholds"
)

// usageHint ends every usage error: the one line names what is wrong,
// and the flags are one command away instead of filling the screen.
const usageHint = "run perfvet -h for the flags"

// hiddenFlags are flags perfvet accepts but leaves out of its listings:
// the driver's deprecated flags, which do nothing, the plumbing between
// the perfvet command and its analysis process, and the long spellings
// of the evidence flags, which -profile, -hot and -testfiles name.
var hiddenFlags = map[string]bool{
	"all":               true,
	"source":            true,
	"v":                 true,
	"hotness.pgomap":    true,
	"hotness.profile":   true,
	"hotness.hot":       true,
	"hotness.testfiles": true,
}

// flagUsages replaces the driver's description of flags whose meaning
// perfvet changes: the driver no longer applies -tags, perfvet does.
var flagUsages = map[string]string{
	"tags": "comma-separated list of build `tags` to consider satisfied while loading the packages",
}

// installUsage makes flag errors on the command line one line each, and
// -h list the flags that do something. The flag package prints an error
// and then calls the usage function for a bad flag, but calls it alone
// for -h; the command line's output records which happened.
func installUsage() {
	out := &flagOutput{}
	flag.CommandLine.SetOutput(out)
	flag.Usage = func() {
		if msg := strings.TrimSpace(out.pending.String()); msg != "" {
			out.pending.Reset()
			fmt.Fprintf(os.Stderr, "perfvet: %s; %s\n", msg, usageHint)
			return
		}
		fmt.Fprint(os.Stderr, "Usage: perfvet [flags] [packages]   (perfvet help for the analyzers)\n\nFlags:\n")
		printFlags(os.Stderr, flag.CommandLine)
	}
}

// flagOutput holds back what the flag package prints, an error message,
// until the usage function, which it precedes, prints it in one line.
type flagOutput struct{ pending strings.Builder }

func (o *flagOutput) Write(p []byte) (int, error) { return o.pending.Write(p) }

// printFlags writes the flags of fs that are not hidden, with perfvet's
// descriptions, in the flag package's format.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	shown := flag.NewFlagSet("perfvet", flag.ContinueOnError)
	shown.SetOutput(w)
	fs.VisitAll(func(f *flag.Flag) {
		if hiddenFlags[f.Name] {
			return
		}
		usage := f.Usage
		if u, ok := flagUsages[f.Name]; ok {
			usage = u
		}
		shown.Var(thresholds.Unwrap(f.Value), f.Name, usage)
		// The default, not a value an earlier flag or the
		// configuration file set.
		shown.Lookup(f.Name).DefValue = f.DefValue
	})
	shown.PrintDefaults()
}

// withoutHiddenFlags returns a flag listing in the flag package's
// format (as the driver's help prints it) without the entries of hidden
// flags, and with perfvet's descriptions where it has its own. An entry
// is a line "  -name ..." and the lines indented under it.
func withoutHiddenFlags(listing string) string {
	var b strings.Builder
	lines := strings.SplitAfter(listing, "\n")
	for i := 0; i < len(lines); {
		end := i + 1
		name, isEntry := flagEntryName(lines[i])
		if isEntry {
			for end < len(lines) && strings.HasPrefix(lines[end], "    \t") {
				end++
			}
		}
		switch {
		case isEntry && hiddenFlags[name]:
		case isEntry && flagUsages[name] != "":
			fs := flag.NewFlagSet("", flag.ContinueOnError)
			fs.SetOutput(&b)
			fs.String(name, "", flagUsages[name])
			fs.PrintDefaults()
		default:
			b.WriteString(strings.Join(lines[i:end], ""))
		}
		i = end
	}
	return b.String()
}

// flagEntryName returns the flag a listing line starts the entry of.
func flagEntryName(line string) (string, bool) {
	rest, ok := strings.CutPrefix(line, "  -")
	if !ok {
		return "", false
	}
	name, _, _ := strings.Cut(rest, " ")
	name, _, _ = strings.Cut(name, "\t")
	return strings.TrimSpace(name), true
}
