// Package intermediate defines an Analyzer that reports slices built
// only to be ranged over once.
//
// # Analyzer intermediate
//
// intermediate: report slices materialised only to be ranged over once
//
// A slice that exists only so that a loop can walk it once costs an
// allocation of the whole slice (and its regrowth while it fills), a
// second pass over memory, and, with large inputs, the peak memory of
// the computation: the intermediate holds every element at once where a
// stream would hold one. The analyzer reports two shapes.
//
// A range over slices.Collect(seq), for seq any iter.Seq (maps.Keys(m),
// maps.Values(m), a method returning an iterator): ranging over seq
// directly (Go 1.23) yields the same elements without building the
// slice. It is reported when the loop uses only the element, not the
// index, and its body cannot disturb what the iterator reads, since
// ranging over the iterator runs the body between elements instead of
// after all of them. For maps.Keys(m) and maps.Values(m), the body must
// not write a map of m's type, by assignment, delete or clear, nor pass
// one, or a value that may hold one, to a method or function that is
// not known to be pure, nor call a function value; and unless m is a
// local variable or parameter that no other code can reach (only
// indexed, ranged over, assigned, or passed to len, delete, clear and
// the maps iterators), it may call no function of its own package or
// of any module outside the standard library, which could reach the map
// through a package-level variable or a pointer it holds: collecting the keys
// and then deleting from the map in the loop is the correct idiom, and
// is left alone. For any other iterator, which may read anything and
// hold a lock while it yields, the body may call only pure functions
// (conversions, append, len and the like, and pure functions of strings,
// strconv, unicode, math, path and a few others), may assign only local
// variables that no function literal captures, may read no package-level
// or captured variable, and must not communicate, defer, start
// goroutines or take addresses.
//
// A local slice declared empty (var s []T, s := []T{}, make([]T, 0, n))
// and filled by one loop with s = append(s, ...) only to be read by one
// later range loop that uses only the element, with no other use of the
// slice anywhere in the function (no len, index, sort, return, store,
// call argument or closure): the first loop's elements could feed the
// second directly, by fusing the loops or turning the producer into an
// iter.Seq. It is reported when fusing reorders no side effects: the
// producer calls only pure functions, assigns only the slice and
// variables declared inside it, and does not return, jump out through a
// label, communicate or range over a channel or function; the
// statements between the loops call only pure functions; and neither
// they nor the consumer assign, take the address of, or pass to other
// code anything the producer reads (with a package-level variable among
// the producer's inputs, the consumer may call only pure functions).
// Reported at the first append, with the consumer loop as related
// information; there is no suggested fix, since the fused loop or the
// iterator is a rewrite of both loops.
//
// Measured by BenchmarkCollect and BenchmarkFill (one run on a 2-core
// machine). Ranging over slices.Collect(maps.Keys(m)) of an
// int-to-int map against ranging over maps.Keys(m): 6.0x slower at
// n = 100 (2 kB allocated against none), 2.2x at n = 10 000 (358 kB),
// 1.8x at n = 1 000 000 (42 MB). Filling a []int in one loop (with a
// filter) and summing it in the next, against the fused loop and
// against the producer written as an iter.Seq: 5.1x and 6.5x slower at
// n = 100 (2 kB against none), 3.8x and 3.1x at n = 10 000 (186 kB),
// 2.3x and 3.2x at n = 1 000 000 (26 MB).
//
// It stays silent on a slice ranged over more than once; on a slice
// sorted, deduplicated, indexed, counted (len, or a range that uses
// only the count), returned or passed on; on a consumer that uses the
// index; on a producer whose consumer depends on its having finished (a
// producer that returns an error before the consumer applies anything,
// or that computes a total the consumer reads, assigns a variable
// declared outside it and is therefore not pure); on producers or
// iterator bodies that call code not known to be pure; on iterators
// that must be consumed before their source changes; and on producer
// loops with a constant trip count below the -tripcount.cold threshold.
//
// Ranging once over strings.Split, strings.Fields, bytes.Split or
// bytes.Fields, directly or through a variable whose only use is the
// range statement, is left to the stringsseq modernizer of
// golang.org/x/tools/go/analysis/passes/modernize, which rewrites it to
// SplitSeq or FieldsSeq (Go 1.24): intermediate never reports it. Those
// slices come from one call, not from a loop, and are never the
// operand of slices.Collect, so the two analyzers never report the
// same code. The modernizers have no counterpart for ranging over
// slices.Collect or for a slice filled by a loop.
//
// A suggested fix rewrites the slices.Collect form: the call is replaced
// by its iterator and the blank index dropped (for _, k := range
// slices.Collect(seq) becomes for k := range seq), with the import of
// slices removed when that was its only use in the file. When a file
// has several such loops and no other use of slices, no fix is offered:
// applied alone, each would leave the import wrong for the others. Files
// whose Go version predates 1.23 get no fix.
//
// Before:
//
//	for _, k := range slices.Collect(maps.Keys(m)) {
//		total += len(k)
//	}
//
//	var names []string
//	for _, u := range users {
//		names = append(names, strings.ToUpper(u.Name))
//	}
//	for _, n := range names {
//		fmt.Println(n)
//	}
//
// After:
//
//	for k := range maps.Keys(m) {
//		total += len(k)
//	}
//
//	for _, u := range users {
//		fmt.Println(strings.ToUpper(u.Name))
//	}
package intermediate
