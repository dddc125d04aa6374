package calls

import (
	"fmt"
	"net/http"
	"regexp"
	"text/template"
)

// handle is an HTTP handler: it compiles the same pattern on every request.
func handle(w http.ResponseWriter, r *http.Request) {
	idRe := regexp.MustCompile(`^[0-9]+$`) // want `regexp.MustCompile compiles the same pattern again on every call of handle, an HTTP handler, run on every request \(each compile costs microseconds and kilobytes of allocation, a match nanoseconds\); compile it once at package level`
	if !idRe.MatchString(r.URL.Path) {
		http.NotFound(w, r)
	}
}

type server struct{ name string }

// ServeHTTP parses the same page template on every request.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	t := template.Must(template.New("page").Parse(pageText)) // want `template.New\(...\).Parse parses the same template again on every call of server.ServeHTTP, an HTTP handler, run on every request`
	_ = t.Execute(w, s.name)
}

const pageText = `<h1>{{.}}</h1>`

// routes registers a handler literal, which runs on every request.
func routes(mux *http.ServeMux) {
	mux.HandleFunc("/user", func(w http.ResponseWriter, r *http.Request) {
		if ok, _ := regexp.MatchString(`^/user/\w+$`, r.URL.Path); !ok { // want `regexp.MatchString compiles its pattern again on every call of a function literal in routes, an HTTP handler`
			http.NotFound(w, r)
		}
	})
}

// valid is called on every iteration of the loop in countValid.
func valid(s string) bool {
	return regexp.MustCompile(`^[a-z]+$`).MatchString(s) // want `regexp.MustCompile compiles the same pattern again on every call of valid, called on every iteration of the loop over names in countValid`
}

func countValid(names []string) (n int) {
	for _, name := range names {
		if valid(name) {
			n++
		}
	}
	return n
}

// wordPattern is a package-level variable: the same on every call.
var wordPattern = `\w+`

// words is called from a handler, so it runs on every request too.
func words(s string) []string {
	re := regexp.MustCompile(fmt.Sprintf("(?i)%s", wordPattern)) // want `regexp.MustCompile compiles the same pattern again on every call of words, called by search, which runs repeatedly`
	return re.FindAllString(s, -1)
}

func search(w http.ResponseWriter, r *http.Request) {
	fmt.Fprint(w, words(r.URL.RawQuery))
}

// firstMatch compiles inside a loop that returns right after: once per
// call, but the function is a handler, so once per request.
func firstMatch(w http.ResponseWriter, r *http.Request) {
	for _, v := range r.URL.Query()["q"] {
		if v != "" {
			re := regexp.MustCompile(`^\d+`) // want `regexp.MustCompile compiles the same pattern again on every call of firstMatch, an HTTP handler`
			fmt.Fprint(w, re.FindString(v))
			return
		}
	}
}

// byMethod tests a field of the request, not a string parameter: every
// POST request compiles again.
func byMethod(w http.ResponseWriter, r *http.Request) {
	if r.Method == "POST" {
		re := regexp.MustCompile(`^\d+$`) // want `regexp.MustCompile compiles the same pattern again on every call of byMethod, an HTTP handler`
		_ = re.MatchString(r.URL.Path)
	}
}
