// Package prealloc defines an Analyzer that reports slices and maps
// filled in counted loops without capacity.
//
// # Analyzer prealloc
//
// prealloc: report slices and maps filled in loops of known length without preallocated capacity
//
// A slice that starts without capacity and gets one element per
// iteration is reallocated each time it outgrows its array: O(log n)
// allocations, each copying every element so far, and the discarded
// arrays left to the garbage collector. A map made without a size hint
// likewise grows and rehashes its entries as it fills. When the loop's
// trip count is known before it starts, one allocation of the right
// size does the same work. Measured by BenchmarkSlice and BenchmarkMap
// (ints, one run on a shared 2-core machine): appending 100 elements
// without capacity takes 3.5x the time of a preallocated slice, 2.3x
// the bytes and 8 allocations instead of 1; 10 000 elements, 2.9x the
// time and 4.4x the bytes; 1 000 000 elements, 9.6x the time and 5.2x
// the bytes (42 MB instead of 8 MB). slices.Grow costs the same as
// make. Filling a map without a hint takes 4.4x the time at 100
// entries, 1.6x at 10 000 and 2.4x at 1 000 000, and twice the bytes.
//
// The analyzer reports a slice declared without capacity (var s []T,
// s := []T{}, s := make([]T, 0), or a named result) or a map declared
// without a size hint (map[K]V{}, make(map[K]V); an explicit hint, even
// make(map[K]V, 0), is taken as meant) that a loop fills when:
//
//   - the loop's trip count is known when it starts: len(x) of a range
//     or a loop bounded by len(x), or int(n) of a range over an integer
//     or a counted loop, with a loop-invariant bound (loops built with
//     goto included);
//   - every iteration appends the same constant number of elements, or
//     stores the same number of map entries, on every path through it;
//   - nothing ends the loop early (break, return, goto out of it; a
//     panic or log.Fatal aborts instead and does not count);
//   - the variable is not used between its declaration and the loop.
//
// Nested loops multiply: a slice filled in an inner loop over cols
// inside an outer loop over rows is reported with len(rows)*len(cols)
// when the inner count is the same on every outer iteration. The
// message names the variable and the size to reserve.
//
// It stays silent on conditional appends and stores (filters), on
// loops that may stop early, on loops of unknown length (channels,
// iterators and range-over-func statements, for {}, bufio.Scanner),
// on loops whose bound is only an upper bound (a range over a string
// runs once per rune), on cold loops (a constant count below the
// -tripcount.cold threshold) and constant-count loops, on slices that
// already have capacity or are reassigned in the loop (s = s[:0]), on
// variables touched before the loop, on nested loops whose total is not
// a product of counts, and on maps the loop also reads (counting,
// deduplication), whose final size the count does not give.
//
// With -prealloc.conditional, loops that append or store on some
// iterations only are reported too, with the count as an upper bound on
// the size, as are ranges over strings.
//
// The suggested fix keeps behaviour, nil included: json.Marshal, == nil
// and reflect.DeepEqual tell a nil slice from an empty one. An empty
// slice or a map declared right before the loop (only declarations
// without calls between) gets its capacity in the declaration:
// make([]T, 0, n), make(map[K]V, n). Other slices are grown right before
// the loop with s = slices.Grow(s, n), which allocates nothing and
// leaves a nil slice nil when n is zero. A size that may be negative
// (a bound n) is clamped with max(n, 0), since a loop up to a negative
// bound runs zero times but make would panic. There is no fix when the
// size has a call in it (it would be evaluated twice), when the names
// in it mean something else where the fix would go, when a nil slice
// might stay empty (under -prealloc.conditional), or for a map declared
// further from its loop. The message suggests the same clamped size, and
// only what the file's Go version has: before Go 1.21, which added
// slices.Grow and max, it suggests make and says to clamp a size that
// may be negative, and the fixes that need either are withheld.
//
// Before:
//
//	var names []string
//	for _, u := range users {
//		names = append(names, u.Name)
//	}
//	index := map[int]*User{}
//	for _, u := range users {
//		index[u.ID] = u
//	}
//
// After:
//
//	var names []string
//	names = slices.Grow(names, len(users))
//	for _, u := range users {
//		names = append(names, u.Name)
//	}
//	index := make(map[int]*User, len(users))
//	for _, u := range users {
//		index[u.ID] = u
//	}
package prealloc
