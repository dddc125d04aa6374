// Package hoistfield defines an Analyzer that reports loads through
// pointers that a hot loop repeats although their value cannot change.
//
// # Analyzer hoistfield
//
// hoistfield: report loop-invariant loads through pointers that hot loops repeat on every iteration
//
// The Go compiler does not move loads out of loops. In
//
//	for i := 0; i < len(s.items); i++ {
//		total += s.items[i] * s.cfg.scale
//	}
//
// every iteration loads s.items (its length in the condition, its
// pointer in the body) and follows s.cfg to load scale, although none of
// them changes. When a store or a call in the body comes between the
// length the loop is bounded by and the index, the compiler also keeps
// the bounds check of s.items[i]: the slice it indexes is a new load, so
// it cannot prove the index in range.
//
// Measured by BenchmarkHoist (best of six runs on a shared 2-core
// machine, n = 1 000 and 1 000 000 elements), the reloading loop against
// the same loop over a local copy: summing a slice while counting in a
// field of the same struct, which keeps the bounds check, is 1.9x and
// 4.3x slower; reading a field chain of depth 3 in a loop that stores
// its results, 2.2x and 1.6x; depth 2, 1.3x and 1.2x; depth 1, no gain
// (1.1x and 0.7x); scaling a slice in place, 1.2x and 1.1x; a read-only
// slice sum, no gain (0.9x and 0.8x): its loads hit the cache, issue
// early and the compiler proves the index anyway. The machine's noise
// is about 30% (an earlier run put the plain sum at 1.3x), so only the
// bounds-check and deep-chain cases stand clearly out of it.
// -gcflags=-d=ssa/check_bce on the same loops shows the bounds check:
// in the counting loop (for i := range v.items { v.visits++;
// t += v.items[i] }) the store to the counter makes the compiler reload
// v.items and keep the check of v.items[i], which the copy removes; in
// the plain sum and the in-place scale it proves the index either way.
//
// The analyzer reports a field path read through at least one pointer
// (p.cfg.limit, s.items, *p) when nothing inside a hot loop can change
// it. That rests on perfvet's memory model (passes/effects), a
// region and type based analysis of the loop's SSA form: no store in the
// loop, or in the functions of the package it calls (followed through
// their bodies), may write a field of the same struct type and name or a
// value containing it; no pointer along the path, or the struct holding
// it, is passed to a call, stored, captured or has its address taken; a
// function of another package may write what its arguments reach and
// that package's variables; a call through an interface or a function
// value, or to a function whose body was not built, may write anything
// not confined to the function; and the loop starts no goroutine,
// converts no unsafe.Pointer and does not synchronise (channel
// operations, select, sync and sync/atomic, in it or in what it calls),
// any of which may let other code write the path between iterations.
//
// It reports each path once per loop, at its first use, with the other
// uses as related information, at the outermost loop in which the path
// is invariant. It stays silent on fields of local struct values (they
// live in registers, or are variables rather than pointers), on paths
// written in the loop (on its exit paths too) or passed along, on paths
// whose base is a loop variable, on fields updated with sync/atomic
// elsewhere in the package and values of sync and sync/atomic types, on
// loops that synchronise, on range-over-func bodies, on cold loops
// (constant trip count below -tripcount.cold), on loops whose body is a
// single call, and on loops whose exit condition depends only on the
// path: a loop waiting for another goroutine to change it would spin
// forever once the load is hoisted.
//
// Precision comes before recall, and the measurements above show that a
// single load per iteration is free, so it also stays silent where
// hoisting saves too little. It counts only uses in a tight,
// innermost hot loop: one that does not allocate, convert strings, touch
// maps or channels, nor call anything beyond builtins, math-like
// standard packages and small loop-free functions of the package. In a
// loop doing I/O or allocation, or around an inner loop that does the
// work, a load or two is noise. There, it reports a path that costs at
// least two loads per iteration (a slice bounding the loop and indexed
// in it, a chain like p.cfg.limit, a field read twice), or whose reload
// keeps a bounds check as above. One scalar load per iteration, even in
// the loop condition (i < p.n), is not reported.
//
// Whether hoisting pays is not visible in the source. A benchmark of
// 26 loops that all match the rules above, each against its hand-hoisted
// twin in two code placements, found hoisting 1.15x faster or more in 4,
// 1.05x to 1.15x in 3 and no gain in 19, and no feature of the source
// (chain depth, loads per iteration, kept bounds checks) predicted
// which; moving the code by 32 bytes changed ratios by 15% or more in
// 10 of them. So hoistfield reports only where a CPU profile shows the
// loop hot (see docs/profiles.md). Without a profile it reports only
// when asked for by name: -hoistfield on the command line (which sets
// -hoistfield.static), or the analyzer enabled in the golangci-lint
// plugin settings. Its message says the reload may cost, never that
// hoisting will speed the loop up.
//
// A suggested fix copies the path into a new local before the loop,
// replaces its uses (and the range operand when it is the path), and
// picks a name that collides with nothing in scope. It is offered only
// where the copy reads what the loop would have read and cannot fail
// where the loop would not: the loop condition reads the whole path on
// entry, or the path dereferences a single pointer known not to be nil;
// the loop's init statement or range operand runs no code; and no goto
// jumps over the new declaration. When the copy cannot go before the
// outer loop where the path is reported, it goes before the inner loop
// that pays the loads, if that one qualifies.
//
// Before:
//
//	func (s *Stack) Sum() (total int) {
//		for i := 0; i < len(s.items); i++ {
//			total += s.items[i]
//		}
//		return total
//	}
//
// After:
//
//	func (s *Stack) Sum() (total int) {
//		items := s.items
//		for i := 0; i < len(items); i++ {
//			total += items[i]
//		}
//		return total
//	}
package hoistfield
