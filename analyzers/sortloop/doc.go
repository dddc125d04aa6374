// Package sortloop defines an Analyzer that reports sorts repeated on
// every iteration of a loop.
//
// # Analyzer sortloop
//
// sortloop: report slices sorted again on every iteration of a loop
//
// Before:
//
//	for _, x := range xs {
//		out = append(out, x)
//		sort.Ints(out)
//	}
//
// After:
//
//	for _, x := range xs {
//		i, _ := slices.BinarySearch(out, x)
//		out = slices.Insert(out, i, x)
//	}
package sortloop
