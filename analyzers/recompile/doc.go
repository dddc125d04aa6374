// Package recompile defines an Analyzer that reports regexps and
// templates compiled again and again from the same text.
//
// # Analyzer recompile
//
// recompile: report regexps and templates compiled again from the same text on every iteration or call
//
// Compiling a regexp parses the pattern and builds its automaton;
// parsing a template builds its tree. Done once per input, that work
// dwarfs the match or the execution it serves. Measured by
// BenchmarkRecompile (an e-mail pattern against 1 000 inputs, one run on
// a 2-core machine): regexp.MustCompile per input, or regexp.MatchString,
// which compiles internally, is 26x slower than one compiled regexp and
// allocates 1 000x the bytes (about 11 µs and 5.8 kB per compile against
// 0.4 µs per match); template.New(...).Parse per row, against one parse,
// is 7x slower and allocates 9x the bytes over 100 rows.
//
// The analyzer reports regexp.Compile, MustCompile, CompilePOSIX,
// MustCompilePOSIX, Match, MatchString and MatchReader, and the parsing of
// a fresh text/template or html/template (template.New(...).Parse, with
// Funcs, Delims or Option in between, ParseFiles, ParseGlob, ParseFS,
// template.Must of any of them), when the text is the same each time and
// the call runs again and again:
//
//   - on the iterations of a hot loop (in any branch of the body, but not
//     when the iteration leaves the loop right after it, nor in the case
//     of one constant key of a loop over a map, which runs at most once),
//     with a pattern invariant in the loop; or
//   - on every call of a function that runs repeatedly: an HTTP handler
//     (any function, method or function literal with the signature
//     func(http.ResponseWriter, *http.Request), ServeHTTP included), a
//     function called on the iterations of a hot loop of the package, a
//     function a CPU profile shows hot (see docs/profiles.md), or a
//     function that such a function calls. Here the pattern must be
//     the same on every call: built from constants, package-level
//     variables and captured variables, never from a parameter.
//
// It stays silent on patterns that vary per iteration or per call; on
// compilation at package level, in init (and what init calls), under
// sync.Once or sync.OnceValue, or guarded by a cache: a map or sync.Map
// lookup, or a nil test of a lazily filled field or variable, before it
// (if p.re == nil { p.re = regexp.MustCompile(...) }); on a call that
// runs at most once per call of a function nothing calls repeatedly (main,
// setup code); on a call in a repeated function that runs only when a
// string parameter equals a constant (the case "resolver": of a function
// handling one configuration key per call: nothing shows that value
// coming back); on parsing into an existing template (t.Parse adds
// definitions to t); and on cold loops.
//
// A suggested fix moves regexp.MustCompile (or MustCompilePOSIX) of a
// constant pattern to a package-level variable, when the pattern compiles
// (an invalid one would panic at package initialisation instead of at the
// call) and the result is only matched with (a *Regexp is safe for
// concurrent use; Longest would change it for every user): the call, or
// the local it initialises, is replaced by the variable. Compile, whose
// error is handled per call, the Match functions, templates (whose Funcs
// and New change them) and loop-invariant patterns that are not constants
// (hoisting MustCompile above a loop that may run zero times could panic
// where the original did not) are reported without a fix.
//
// Before:
//
//	for _, line := range lines {
//		if regexp.MustCompile(`^\d+$`).MatchString(line) {
//			n++
//		}
//	}
//
// After:
//
//	var digitsRe = regexp.MustCompile(`^\d+$`)
//
//	for _, line := range lines {
//		if digitsRe.MatchString(line) {
//			n++
//		}
//	}
package recompile
