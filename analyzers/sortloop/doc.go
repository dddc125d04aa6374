// Package sortloop defines an Analyzer that reports sorts repeated on
// every iteration of a loop.
//
// # Analyzer sortloop
//
// sortloop: report slices sorted again on every iteration of a loop
//
// Sorting inside a loop is quadratic or wasted whenever the slice lives
// across iterations. Re-sorting a slice after each append costs at least
// a pass over the whole slice every time, even though only the new
// element is out of place (Go's pattern-defeating quicksort notices
// sorted runs, so each re-sort is O(n) rather than O(n log n), and O(n²)
// in all). Sorting a slice the loop does not change repeats the first
// sort's work for nothing, again a pass over the whole slice each time.
// Measured by BenchmarkSortGrows (random ints; four runs on a shared,
// loaded 2-core machine, so the ranges are wide): appending and
// re-sorting 100 elements is 2.5x to 5x slower than inserting each at
// the position slices.BinarySearch gives and 8x to 16x slower than
// sorting once after the loop; at 10 000 elements 20x to 40x and 100x
// to 170x slower (about 120 ms against 6 ms and 0.7 ms); at a million
// elements only the single sort fits (0.1 to 0.2 s), the re-sort would
// take hours. By BenchmarkSortSame (100 lookups, each after sorting the
// same slice again, against one sort before the loop): 6x to 9x slower
// at 100 elements, 2.5x to 2.7x at 10 000, 1.25x to 2.3x at a million,
// where each repeated sort of the already sorted slice costs 0.3 to
// 4 ms.
//
// The analyzer reports a call of sort.Slice, sort.SliceStable,
// sort.Sort, sort.Stable, sort.Strings, sort.Ints, sort.Float64s,
// slices.Sort, slices.SortFunc or slices.SortStableFunc (and their
// golang.org/x/exp/slices twins) that runs again on later iterations of
// a hot loop, in any branch of the body, when the slice it sorts (seen
// through conversions such as byName(people) and through sort.Reverse)
// either
//
//   - grows in the loop: the loop carries it to the next iteration with
//     elements appended (append, slices.Insert), whether it lives in a
//     local variable, a variable a closure captures (the less function
//     of sort.Slice often does) or a field reached through a pointer; or
//   - is the same slice on every iteration, with elements the loop
//     changes only by sorting them: no stores to its elements, no copy
//     or clear into it, no call that receives it or the pointer holding
//     it other than the searches of package slices, and no second sort
//     of it (two sorts in different orders each change what the other
//     sorts).
//
// It stays silent on a slice built fresh in each iteration (keys
// collected from one map of many, slices.Sorted, a buffer reset with
// buf[:0] or refilled by copy), on a different slice each time (an
// element of the ranged slice, a window of a larger one), on a slice
// that is truncated or reset on some path (keeping the k smallest stays
// small), on sorts after the loop, on a loop or range-over-func body
// that sorts and then exits, on a sort.Interface that is not a slice,
// on sorts inside function literals the loop calls, on slices held in
// memory in loops that synchronise with other goroutines (another may
// change the slice between iterations), and on loops with a constant
// trip count below the -tripcount.cold threshold; a sort in a cold loop
// nested in a hot one is reported for the hot loop.
//
// There is no suggested fix: which remedy fits depends on what the loop
// reads from the slice. When it needs the slice sorted after every
// insertion, insert each element at the position slices.BinarySearch
// gives (O(log n) to find, one move of the tail); when it needs only the
// smallest or largest, keep a heap (container/heap); when it reads the
// order only after the loop, sort once there.
//
// Before:
//
//	var out []int
//	for _, x := range xs {
//		out = append(out, x)
//		sort.Ints(out)
//	}
//
// After:
//
//	var out []int
//	for _, x := range xs {
//		i, _ := slices.BinarySearch(out, x)
//		out = slices.Insert(out, i, x)
//	}
package sortloop
