package silent

import (
	"net/http"
	"regexp"
	"strings"
	"sync"
	"text/template"
)

// Compiled at package level: once per program.
var digitsRe = regexp.MustCompile(`^\d+$`)

var table []*regexp.Regexp

// init compiles in a loop, once per program.
func init() {
	for _, p := range []string{`a+`, `b+`, `c+`, `d+`, `e+`, `f+`, `g+`, `h+`, `i+`} {
		table = append(table, regexp.MustCompile(p))
	}
	for range 10 {
		_ = regexp.MustCompile(`x`)
	}
}

// compileAll compiles a different pattern on every iteration.
func compileAll(patterns []string) (res []*regexp.Regexp) {
	for _, p := range patterns {
		res = append(res, regexp.MustCompile(p))
	}
	return res
}

// fromInput builds the pattern from the request: it varies per call.
func fromInput(w http.ResponseWriter, r *http.Request) {
	re, err := regexp.Compile(r.URL.Query().Get("q"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	_ = re
}

// matches takes its pattern from the caller, which varies per call even
// though this function is called in a hot loop.
func matches(pattern, s string) bool {
	return regexp.MustCompile(pattern).MatchString(s)
}

func countMatches(names []string, pattern string) (n int) {
	for _, name := range names {
		if matches(pattern, name) {
			n++
		}
	}
	return n
}

var (
	once   sync.Once
	lazyRe *regexp.Regexp
)

// withOnce compiles under sync.Once.
func withOnce(w http.ResponseWriter, r *http.Request) {
	once.Do(func() { lazyRe = regexp.MustCompile(`^/api/`) })
	_ = lazyRe.MatchString(r.URL.Path)
}

var pathRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^/v\d+/`) })

func withOnceValue(w http.ResponseWriter, r *http.Request) {
	_ = pathRe().MatchString(r.URL.Path)
}

// cached looks the pattern up in a map before compiling it.
type cached struct {
	mu sync.Mutex
	m  map[string]*regexp.Regexp
	re *regexp.Regexp
	sm sync.Map
}

func (c *cached) get(pattern string) *regexp.Regexp {
	if re, ok := c.m[pattern]; ok {
		return re
	}
	re := regexp.MustCompile(pattern)
	c.m[pattern] = re
	return re
}

func (c *cached) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if re, ok := c.m["fixed"]; !ok {
		c.m["fixed"] = regexp.MustCompile(`^fixed$`)
	} else {
		_ = re
	}
	if c.re == nil {
		c.re = regexp.MustCompile(`^lazy$`)
	}
	if v, ok := c.sm.Load("k"); !ok {
		c.sm.Store("k", regexp.MustCompile(`^k$`))
	} else {
		_ = v
	}
}

// lazyLocal fills a local once, on the first iteration that needs it.
func lazyLocal(lines []string) (n int) {
	var re *regexp.Regexp
	for _, line := range lines {
		if re == nil {
			re = regexp.MustCompile(`^\s*$`)
		}
		if re.MatchString(line) {
			n++
		}
	}
	return n
}

// firstUsable compiles in a loop that returns right after: at most once
// per call, and nothing calls firstUsable repeatedly.
func firstUsable(lines []string) *regexp.Regexp {
	for _, line := range lines {
		if line != "" {
			return regexp.MustCompile(`^` + regexp.QuoteMeta("x") + `$`)
		}
	}
	return nil
}

// setup is called only from main: no evidence of repetition.
func setup() *template.Template {
	return template.Must(template.New("x").Parse(`{{.}}`))
}

func main() {
	_ = setup()
	_ = regexp.MustCompile(`^main$`)
}

// cold compiles in a loop of four iterations.
func cold(s string) (n int) {
	for i := 0; i < 4; i++ {
		if regexp.MustCompile(`^a`).MatchString(s) {
			n++
		}
	}
	return n
}

// addDefinitions parses into an existing template, not a fresh one.
func addDefinitions(root *template.Template, texts []string) {
	for range texts {
		template.Must(root.Parse(`{{define "x"}}x{{end}}`))
	}
}

// used keeps the declarations referenced.
var used = []any{digitsRe, compileAll, fromInput, countMatches, withOnce, withOnceValue, lazyLocal, firstUsable, cold, addDefinitions, main}

// configure compiles in the case of one key of a map: keys are unique,
// so that case runs at most once per loop.
func configure(opts map[string]any) (re *regexp.Regexp) {
	for k, v := range opts {
		switch strings.ToLower(k) {
		case "pinned":
			pinned := regexp.MustCompile(`^[a-f0-9]{64}$`)
			if s, ok := v.(string); ok && pinned.MatchString(s) {
				re = pinned
			}
		case "name":
		}
	}
	return re
}

var _ = configure

// option handles one configuration key per call; the loop calls it for
// every key, but the case that compiles runs only for the key "resolver".
func option(key string, v any) *regexp.Regexp {
	switch strings.ToLower(key) {
	case "resolver":
		return regexp.MustCompile(`(?i)^mem`)
	}
	return nil
}

func options(m map[string]any) {
	for k, v := range m {
		option(k, v)
	}
}

var _ = options
