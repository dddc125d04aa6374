// Package sliceedit defines an Analyzer that reports edits at the front
// or in the middle of a slice that a loop keeps across its iterations.
//
// # Analyzer sliceedit
//
// sliceedit: report O(n) edits at the front or middle of a slice on every iteration of a loop
//
// Inserting into a slice or removing from it anywhere but the end moves
// every element after the edit. Done once per iteration to a slice the
// loop keeps, the edits of n iterations move O(n²) elements, and a
// prepend by append([]T{x}, s...) also allocates a new array each time.
// The analyzer reports three shapes, in a loop that is not cold:
//
//   - prepending: s = append([]T{x}, s...), s = slices.Insert(s, 0, x),
//     s = append(s[:0], append([]T{x}, s[0:]...)...), or growing s and
//     shifting it up with copy(s[1:], s); inserting at another index
//     that is the same on every iteration is reported too;
//   - removing the first element (or a fixed number of them) by copying:
//     s = append(s[:0], s[1:]...), copy(s, s[1:]) followed by shrinking
//     s, s = slices.Delete(s, 0, k) with k constant or loop-invariant;
//   - deleting, by index, from the slice the loop walks, forwards,
//     backwards or by range: s = append(s[:i], s[i+1:]...),
//     s = slices.Delete(s, i, i+1), or copy(s[i:], s[i+1:]) and a shrink;
//     inserting at the loop's index (slices.Insert(s, i+1, x)) likewise.
//
// The slice must live across iterations: a local variable the loop
// carries from one iteration to the next, or a location that stays put
// while the loop runs (a field reached through a loop-invariant pointer,
// a package-level variable, a variable shared with a closure).
//
// Measured by the benchmarks in cost_test.go (ints; medians of three
// runs on a shared 2-core machine, so times are rough and allocation
// figures exact): prepending 100 elements one at a time is 51x slower
// than appending them to a preallocated slice and reversing it once,
// with 199 allocations against 1 and 48x the bytes; at 10 000 elements,
// 3 900x slower and 5 200x the bytes (429 MB to build an 80 kB slice).
// Draining a queue by copying the rest down after each element is 11x
// slower than re-slicing at 100 elements and 500x at 10 000 (both
// timings include refilling the queue). Deleting every other element
// from the slice being walked is 2.3x slower than one slices.DeleteFunc
// at 100 elements and 92x at 10 000. At 1 000 000 elements the fixes
// take 1 to 3 ms; the quadratic variants would take minutes, so the
// benchmarks leave them out.
//
// It stays silent on s = s[1:], which re-slices in O(1); on compaction
// at an index found afresh on each iteration, such as a queue's head
// index once it has passed a threshold (amortised O(1) per element), or
// the consumed prefix of a buffer; on inserts and deletes at such an
// index (a sorted insert, a delete after a search), whose cost depends
// on where the index falls; on edits at the end (append, s[:len(s)-1],
// slices.Delete(s, len(s)-1, len(s))); on slices rebuilt on each
// iteration, replaced by a fresh slice on some iterations, or cut to a
// fixed length (a list of the ten most recent entries); on clones
// (append([]T(nil), s...)) and on prepending another slice, which may be
// empty (append(p, s...)); on a fixed-size window slid with copy(buf,
// buf[1:]), which does not shrink; on edits that run once before the
// loop exits; and on loops with a constant trip count below the
// -tripcount.cold threshold.
//
// A suggested fix rewrites a counted loop that deletes from the slice it
// walks into one slices.DeleteFunc (Go 1.21 and later), when the loop
// does nothing else, the slice is a variable, and the condition reads
// the slice and the index only as s[i]: the forward loop that steps
// back after each deletion (i--), and the backward loop when its
// condition calls nothing, since it tests the elements in reverse. A
// condition that calls something gets the fix only if no closure or
// other function can read the slice variable. A loop that ranges over
// the slice it deletes from gets no fix: it skips the element after each
// one deleted, which DeleteFunc does not, and the message says so.
// DeleteFunc zeroes the elements past the new length, where the loop
// leaves stale copies.
//
// Before:
//
//	for i := 0; i < len(users); i++ {
//		if users[i].Disabled {
//			users = append(users[:i], users[i+1:]...)
//			i--
//		}
//	}
//
// After:
//
//	users = slices.DeleteFunc(users, func(x User) bool {
//		return x.Disabled
//	})
package sliceedit
