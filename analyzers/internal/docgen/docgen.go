// Package docgen renders an analyzer's user documentation page from its
// doc.go and metadata, so the page can never drift from the code.
package docgen

import (
	"bytes"
	"flag"
	"fmt"
	"go/doc/comment"
	"strings"

	"github.com/perfvet/perfvet/analyzers/internal/meta"
)

// Render returns the Markdown page docs/analyzers/<name>.md.
func Render(info meta.Info) []byte {
	a := info.Analyzer
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "<!-- Generated from analyzers/%s/doc.go by `make docs`. DO NOT EDIT. -->\n\n", a.Name)
	fmt.Fprintf(&buf, "# %s\n\n", a.Name)
	fmt.Fprintf(&buf, "%s.\n\n", capitalize(meta.Summary(a)))
	_, prose, _ := strings.Cut(a.Doc, "\n")
	buf.Write(markdown(prose))
	buf.WriteString("\n## Options\n\n")
	writeOptions(&buf, a.Name, &a.Flags)
	buf.WriteString("\n## Suggested fixes\n\n")
	if info.Fixes {
		buf.WriteString("Offered where the rewrite provably keeps behaviour; apply them with `perfvet -fix` or review them with `perfvet -fix -diff`.\n")
	} else {
		buf.WriteString("None: the remedy depends on context the analyzer cannot see.\n")
	}
	buf.WriteString("\n## Suppressing a finding\n\n")
	fmt.Fprintf(&buf, "Add `//perfvet:ignore %s reason` on the line of the finding or the line above it.\n", a.Name)
	return buf.Bytes()
}

// markdown converts Go doc comment text to Markdown, headings demoted
// below the page title.
func markdown(text string) []byte {
	var p comment.Parser
	doc := p.Parse(text)
	pr := comment.Printer{HeadingLevel: 2}
	return pr.Markdown(doc)
}

// writeOptions writes a table of the analyzer's flags as the perfvet
// command spells them.
func writeOptions(buf *bytes.Buffer, name string, fs *flag.FlagSet) {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n == 0 {
		buf.WriteString("None of its own.\n")
		buf.WriteString(sharedOptions)
		return
	}
	buf.WriteString("| flag | default | meaning |\n|---|---|---|\n")
	fs.VisitAll(func(f *flag.Flag) {
		fmt.Fprintf(buf, "| `-%s.%s` | `%s` | %s |\n", name, f.Name, f.DefValue, f.Usage)
	})
	buf.WriteString(sharedOptions)
}

// sharedOptions describes the options of the shared passes.
const sharedOptions = "\nShared by every analyzer: `-tripcount.cold` (default 8), the constant trip count below which a loop is cold; the description above says how this analyzer uses it.\n"

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
