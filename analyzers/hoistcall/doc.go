// Package hoistcall defines an Analyzer that reports calls to pure
// standard-library functions that get the same arguments on every
// iteration of a hot loop.
//
// # Analyzer hoistcall
//
// hoistcall: report loop-invariant calls to pure standard-library functions in hot loops
//
// A call such as strings.ToLower(name) inside a loop that never changes
// name computes the same result on every iteration: an allocation and a
// pass over the input each time. The Go compiler does not move calls
// out of loops, so the work is repeated n times; computing it once
// before the loop does it once.
//
// The analyzer reports, in a hot loop, a call that runs on every
// iteration (its block dominates the loop's back edges: hoisting a call
// out of a rarely taken branch could make the code slower) to a
// function of its table, whose every argument is loop-invariant (as the
// invariant pass decides, and for slices, with elements the loop does
// not write) and at least one of them not a constant. The table, in
// table.go, holds strings.ToLower, ToUpper, TrimSpace, Split, Fields,
// Repeat, Join, Replace, ReplaceAll and NewReplacer; conversions of
// strings to []rune; strconv.Itoa, FormatInt, FormatUint and
// FormatFloat; fmt.Sprint, Sprintf and Sprintln whose operands are of
// basic types without methods (a String method could do anything);
// time.LoadLocation; filepath.Clean, Join and Abs; path.Join;
// url.Parse; and json.Marshal of a value that holds no pointers and no
// type with methods.
//
// Measured by BenchmarkHoist (a 100-iteration loop with the call
// against the same loop with the call hoisted, one run on a 2-core
// machine; the ratio is the loop's time over the hoisted loop's):
// strings.ToLower 58x (29x on input already lower-case, which does not
// allocate), ToUpper 21x, TrimSpace 13x (11 ns a call), Split 63x,
// Fields 123x, Repeat 24x, Join 60x, ReplaceAll 49x, NewReplacer 10x
// (its tables are rebuilt on first use of each new Replacer); []rune(s)
// of a 63-byte string 17x; strconv.Itoa 34x for 123456 (6.7x, 2 ns a
// call, below 100, which needs no allocation), FormatFloat 57x;
// fmt.Sprintf 99x, Sprint 77x; time.LoadLocation 100x (15 µs a call:
// it reads the zone file); filepath.Clean 82x (55x on a path already
// clean), filepath.Join 69x, filepath.Abs 122x (4 µs a call: it asks
// the system for the working directory), path.Join 61x; url.Parse 43x;
// json.Marshal of a two-field struct 65x.
//
// Left out of the table because they measured as free: strconv.FormatBool
// (1.3x, 0.1 ns a call: it returns one of two constants) and
// conversions of strings to []byte (0.9x: the only conversions the
// analyzer could report are ones the loop only reads, and for those the
// compiler reuses the string's bytes without copying them). The
// compiler hoists none of the table's calls and folds none of them even
// with constant arguments (strings.ToLower("Content-Type") in the loop
// measured 73x), but calls whose arguments are all constants are left
// alone: they are usually deliberate, and a constant result is better
// written as a constant.
//
// It stays silent when an argument changes in the loop, including
// through memory the loop writes (the invariant pass's shared alias
// model), and when the argument is read from memory in a loop that
// synchronises with other goroutines, in the body of a range-over-func
// statement, or, for a package-level variable, in a loop that calls
// this package's own functions, function values or interface methods,
// which may assign it. It stays silent when the result is a mutable
// value (the []string of Split and Fields, a []rune, the []byte of
// json.Marshal, the *url.URL of url.Parse) that the loop writes, stores,
// appends to, or passes to code that may keep or modify it: each
// iteration needs its own. Reading it (indexing, ranging, len, slicing,
// string conversion, a copy or append from it, bytes.Equal and similar
// read-only functions, the read-only methods of *url.URL) is fine. It
// also stays silent on calls in a branch that not every iteration
// takes, in cold loops, in the bodies of range-over-func statements
// (the body is a function called once per element: no back edge to
// dominate), and in the timing loops of benchmarks (for i := 0; i <
// b.N; i++, for b.Loop(), for pb.Next()), which repeat the call on
// purpose.
//
// A suggested fix declares a local before the loop and replaces the call
// with it. It is offered when the function cannot panic on these
// arguments (strings.Repeat only with a constant count from 0 to 65536,
// strings.NewReplacer only with an even number of arguments written
// out), the function has one result (calls of url.Parse, LoadLocation,
// Abs and json.Marshal, which also return an error, are reported
// without a fix), the argument expressions follow no pointer, index
// nothing and call nothing but conversions (evaluating them before the
// loop, even when it runs zero times, cannot fail), they mean the same
// before the loop, and the for statement's init or the range operand
// runs no code.
//
// Before:
//
//	for _, u := range users {
//		if strings.ToLower(u.Team) == strings.ToLower(team) {
//			n++
//		}
//	}
//
// After:
//
//	lower := strings.ToLower(team)
//	for _, u := range users {
//		if strings.ToLower(u.Team) == lower {
//			n++
//		}
//	}
package hoistcall
