// Package membership defines an Analyzer that reports linear membership
// tests repeated on every iteration of a loop.
//
// # Analyzer membership
//
// membership: report linear searches inside loops where a set built once would do
//
// Searching a slice is linear: slices.Contains(allowed, u.Role) compares
// u.Role with each element of allowed in turn. Done on every iteration of
// a loop over users, that is O(n·m) comparisons, where a
// map[string]struct{} built from allowed once before the loop answers each
// question in constant time: O(n+m) in all. Measured by
// BenchmarkMembership (string elements, half of the searched values
// present, building the map included; one run on a busy 2-core machine,
// medians of five): with 1 000 searches the map starts to win at about 8
// elements (1.4x faster), and is 2.5x faster at 16 elements, 4x at 32 and
// 5.5x at 100; 10 000 searches of 10 000 elements run 290x faster. Below 8
// elements the scan beats hashing even with the map built only once, and
// with only 10 searches the scan stays ahead up to at least 32 elements
// (2.6x faster at 10 elements), because building the map costs more than
// it saves. Hence the -membership.small threshold, and hence the analyzer
// leaves alone slices whose length is a small constant.
//
// The analyzer reports, inside a hot loop L (see -tripcount.cold), a
// search of a slice xs for a value that changes from one iteration of L
// to the next, when neither xs nor its elements change during L:
//
//   - slices.Contains(xs, v) and slices.Index(xs, v), of package slices
//     or golang.org/x/exp/slices;
//   - slices.ContainsFunc and slices.IndexFunc whose predicate is a
//     function literal returning e == v or e.F == v, comparing the element
//     or one field of it with a captured variable;
//   - a hand-written loop over every element of xs that compares the
//     element, or one field of it, with == (or skips it with !=) and stops
//     at the match (break, return, a labelled continue, goto) or records
//     it in a found flag, doing nothing else; this includes the nested
//     loop join on one field, if a.ID == b.ID { ...; break }.
//
// The message says which map replaces the scan: map[K]struct{} for a yes
// or no answer (an index only compared with -1 or 0 is one), map[K]int
// for an index (keep the first index of each key,
// as the scan finds the first match), and map[K]T keyed by the compared
// field where a search goes on to use the element it found (again keeping
// the first element of each key).
//
// Two idioms get their own message. The quadratic de-duplication
// if !slices.Contains(out, v) { out = append(out, v) }, and its
// hand-written form, search a slice that the loop grows by appending the
// element found missing: keep a set of the elements seen alongside out.
// A loop that searches a slice for its own elements, as duplicate
// detection does, needs a set of the elements seen so far too.
//
// The analyzer stays silent on a single search outside any loop; on a
// slice of small constant length (an array, or a composite literal in a
// local or package-level variable never assigned again or returned by a
// same-package function, the variadic arguments of an unexported
// function that every call lists, or a constant string converted to
// []byte or []rune, shorter than -membership.small); on searches for a value that does not change during
// the loop (move the search out of the loop instead); on predicates that
// are not plain equality (strings.EqualFold, <, a second condition, a
// named function); on slices the loop changes other than by appending the
// searched element (stores to elements, sorting, reassignment, appending
// something else), and on keys read through pointers that the loop may
// write; on sorted searches (sort.Search*, slices.BinarySearch*), which
// are already logarithmic; on searches that do not visit every element; on
// joins that collect every match; on searches in function literals created
// inside the loop, whose calls it cannot count; on loops that synchronise
// with other goroutines when the slice is read from memory, since another
// goroutine may replace it between iterations; and on cold loops.
//
// It also leaves alone keys of interface type (any, error), and structs
// or arrays holding them: == on two interfaces panics only when both hold
// the same incomparable dynamic type, but using such a value as a map key
// always panics, so the remedy could turn a working program into a
// failing one. A type parameter constrained by comparable is reported:
// the generic code's author declared it fit to be a map key.
//
// No suggested fix is offered, because the rewrite cannot be proven to
// keep behaviour. The invariance the analyzer relies on assumes that
// functions called in the loop do not write the slice through another
// reference, which would leave a set built before the loop stale.
// Building the set visits every element, where a search may stop early:
// a nil pointer element or a costly comparison past the first match
// would now be reached, and a loop that usually runs zero times pays for
// a set it never uses. And the set needs a name and a key type spelled in
// the scope before the loop. The remedy is a small edit to make by hand.
//
// Before:
//
//	for _, u := range users {
//		if slices.Contains(allowed, u.Role) {
//			n++
//		}
//	}
//
// After:
//
//	allowedSet := make(map[string]struct{}, len(allowed))
//	for _, r := range allowed {
//		allowedSet[r] = struct{}{}
//	}
//	for _, u := range users {
//		if _, ok := allowedSet[u.Role]; ok {
//			n++
//		}
//	}
package membership
