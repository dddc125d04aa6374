package corpus

import (
	"fmt"
	"strings"
)

// render formats the baseline of one corpus: a header summarising the
// run, then one line per finding, "file:line:col: analyzer: message",
// with " [fix]" when a suggested fix comes with it. The first line names
// the corpus and its version.
func render(c *corpus, res *result, fixes fixOutcome, names []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# perfvet findings on %s\n", c.source)
	fmt.Fprintf(&b, "# packages: %d (each with its tests)\n", res.packages)
	counts, withFix := res.counts(), fixableCounts(res.findings)
	for _, n := range names {
		fmt.Fprintf(&b, "# %s: %d findings, %d with a suggested fix\n", n, counts[n], withFix[n])
	}
	fmt.Fprintf(&b, "# analyzer errors: %d\n", len(res.errors))
	for _, e := range res.errors {
		fmt.Fprintf(&b, "#   %s\n", firstLine(e))
	}
	fmt.Fprintf(&b, "# suggested fixes: %s\n", fixes)
	for _, f := range res.findings {
		fmt.Fprintf(&b, "%s:%d:%d: %s: %s", f.file, f.line, f.col, f.analyzer, f.message)
		if f.fix != nil {
			b.WriteString(" [fix]")
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// fixableCounts returns the number of findings with a suggested fix per
// analyzer.
func fixableCounts(fs []finding) map[string]int {
	n := make(map[string]int)
	for _, f := range fs {
		if f.fix != nil {
			n[f.analyzer]++
		}
	}
	return n
}
