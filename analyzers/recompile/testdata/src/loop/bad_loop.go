package loop

import (
	htmltemplate "html/template"
	"iter"
	"regexp"
	"strings"
	"text/template"
)

// countMatching compiles the caller's pattern again for every line: the
// pattern is loop-invariant, so it belongs before the loop.
func countMatching(lines []string, pattern string) (n int) {
	for _, line := range lines {
		if regexp.MustCompile(pattern).MatchString(line) { // want `regexp.MustCompile compiles the same pattern again on every iteration of the loop over lines \(each compile costs microseconds and kilobytes of allocation, a match nanoseconds\); compile it once before the loop`
			n++
		}
	}
	return n
}

// matchAll calls regexp.MatchString, which compiles its pattern each time.
func matchAll(lines []string) (n int) {
	for _, line := range lines {
		if ok, _ := regexp.MatchString(`^\d+$`, line); ok { // want `regexp.MatchString compiles its pattern again on every iteration of the loop over lines .*; compile the pattern once at package level with regexp.MustCompile and match with the result`
			n++
		}
	}
	return n
}

// compileChecked handles the error per call: reported, with no fix.
func compileChecked(lines []string, pattern string) ([]string, error) {
	var out []string
	for _, line := range lines {
		re, err := regexp.Compile(pattern) // want `regexp.Compile compiles the same pattern again on every iteration of the loop over lines`
		if err != nil {
			return nil, err
		}
		out = append(out, re.FindString(line))
	}
	return out, nil
}

// inBranch compiles only on some iterations: still once per such iteration.
func inBranch(lines []string, pattern string) (n int) {
	for _, line := range lines {
		if strings.HasPrefix(line, "#") {
			re := regexp.MustCompilePOSIX(pattern) // want `regexp.MustCompilePOSIX compiles the same pattern again on every iteration of the loop over lines`
			n += len(re.FindAllString(line, -1))
		}
	}
	return n
}

// nested reports the outermost loop the pattern is invariant in.
func nested(rows [][]string, pattern string) (n int) {
	for _, row := range rows {
		for _, cell := range row {
			if regexp.MustCompile(pattern).MatchString(cell) { // want `on every iteration of the loop over rows`
				n++
			}
		}
	}
	return n
}

// perRow builds the pattern from the outer element: it varies there, so
// the inner loop is the one that repeats it.
func perRow(rows [][]string, prefixes []string) (n int) {
	for i, row := range rows {
		p := "^" + prefixes[i]
		for _, cell := range row {
			if regexp.MustCompile(p).MatchString(cell) { // want `on every iteration of the loop over row \(`
				n++
			}
		}
	}
	return n
}

// withGoto is a loop built from a label.
func withGoto(lines []string, pattern string) (n int) {
	i := 0
again:
	if i < len(lines) {
		if regexp.MustCompile(pattern).MatchString(lines[i]) { // want `regexp.MustCompile compiles the same pattern again on every iteration of the goto loop`
			n++
		}
		i++
		goto again
	}
	return n
}

// overSeq compiles in the body of a range-over-func statement, called once
// per element.
func overSeq(seq iter.Seq[string], pattern string) (n int) {
	for s := range seq {
		if regexp.MustCompile(pattern).MatchString(s) { // want `regexp.MustCompile compiles the same pattern again on every iteration`
			n++
		}
	}
	return n
}

// render parses the same template text for every item.
func render(items []string, text string) (out []string) {
	for _, item := range items {
		t := template.Must(template.New("item").Parse(text)) // want `template.New\(...\).Parse parses the same template again on every iteration of the loop over items \(each parse costs microseconds and kilobytes of allocation\); parse it once before the loop`
		var b strings.Builder
		_ = t.Execute(&b, item)
		out = append(out, b.String())
	}
	return out
}

// renderHTML configures the fresh template before parsing it.
func renderHTML(items []string, funcs htmltemplate.FuncMap) (out []string) {
	for _, item := range items {
		t, err := htmltemplate.New("item").Funcs(funcs).Parse(`<b>{{.}}</b>`) // want `template.New\(...\).Parse parses the same template again on every iteration of the loop over items .*; parse it once before the loop`
		if err != nil {
			return nil
		}
		var b strings.Builder
		_ = t.Execute(&b, item)
		out = append(out, b.String())
	}
	return out
}

// renderFiles reads and parses the same files for every item.
func renderFiles(items []string) (out []string) {
	for _, item := range items {
		t := template.Must(template.ParseFiles("a.tmpl", "b.tmpl")) // want `template.ParseFiles parses the same template again on every iteration of the loop over items`
		var b strings.Builder
		_ = t.Execute(&b, item)
		out = append(out, b.String())
	}
	return out
}

// perEntry compiles for every entry of a map: the case compares the
// value, not the unique key.
func perEntry(opts map[string]string) (n int) {
	for _, v := range opts {
		switch v {
		case "on":
			if regexp.MustCompile(`^o`).MatchString(v) { // want `regexp.MustCompile compiles the same pattern again on every iteration of the loop over opts`
				n++
			}
		}
	}
	return n
}
