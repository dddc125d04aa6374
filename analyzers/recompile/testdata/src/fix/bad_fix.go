package fix

import (
	"net/http"
	"regexp"
)

// countDigits matches with the compiled value directly.
func countDigits(lines []string) (n int) {
	for _, line := range lines {
		if regexp.MustCompile(`^\d+$`).MatchString(line) { // want `regexp.MustCompile compiles the same pattern again`
			n++
		}
	}
	return n
}

// handleID keeps the regexp in a local with a telling name.
func handleID(w http.ResponseWriter, r *http.Request) {
	idRe := regexp.MustCompile(`^/id/(\d+)$`) // want `regexp.MustCompile compiles the same pattern again on every call of handleID`
	if m := idRe.FindStringSubmatch(r.URL.Path); m != nil {
		w.Write([]byte(m[1]))
	}
}

type Server struct{}

// ServeHTTP keeps it in a local with a short name: the package-level
// variable is named after the method.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	re := regexp.MustCompile(`^/static/`) // want `regexp.MustCompile compiles the same pattern again on every call of Server.ServeHTTP`
	if re.MatchString(r.URL.Path) {
		w.WriteHeader(http.StatusOK)
	}
	_ = re.FindString(r.URL.Path)
}

const wordPattern = `\w+`

// words names a package-level constant: still a constant pattern.
func words(lines []string) (n int) {
	for _, line := range lines {
		n += len(regexp.MustCompile(wordPattern).FindAllString(line, -1)) // want `regexp.MustCompile compiles the same pattern again`
	}
	return n
}

// invalid would panic at package initialisation: no fix.
func invalid(lines []string) (n int) {
	for _, line := range lines {
		if regexp.MustCompile(`(`).MatchString(line) { // want `regexp.MustCompile compiles the same pattern again`
			n++
		}
	}
	return n
}

// longest changes the regexp it was given: sharing it would change
// other callers, so no fix.
func longest(lines []string) (n int) {
	for _, line := range lines {
		re := regexp.MustCompile(`a+?`) // want `regexp.MustCompile compiles the same pattern again`
		re.Longest()
		n += len(re.FindString(line))
	}
	return n
}

// passedOn gives the regexp away: no fix.
func passedOn(lines []string) (n int) {
	for _, line := range lines {
		re := regexp.MustCompile(`b+`) // want `regexp.MustCompile compiles the same pattern again`
		n += use(re, line)
	}
	return n
}

func use(re *regexp.Regexp, s string) int { return len(re.FindString(s)) }

// localConst names a constant of the function, which package level
// cannot see: no fix.
func localConst(lines []string) (n int) {
	const p = `c+`
	for _, line := range lines {
		if regexp.MustCompile(p).MatchString(line) { // want `regexp.MustCompile compiles the same pattern again`
			n++
		}
	}
	return n
}

// checked handles the error per call: no fix.
func checked(lines []string) (n int) {
	for _, line := range lines {
		re, err := regexp.Compile(`d+`) // want `regexp.Compile compiles the same pattern again`
		if err != nil {
			return 0
		}
		n += len(re.FindString(line))
	}
	return n
}

// twice has two regexps in one function: the names stay apart.
func twice(lines []string) (n int) {
	for _, line := range lines {
		if regexp.MustCompile(`e+`).MatchString(line) { // want `regexp.MustCompile compiles the same pattern again`
			n++
		}
		if regexp.MustCompile(`f+`).MatchString(line) { // want `regexp.MustCompile compiles the same pattern again`
			n++
		}
	}
	return n
}
