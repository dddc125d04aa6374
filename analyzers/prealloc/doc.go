// Package prealloc defines an Analyzer that reports slices and maps
// filled in counted loops without capacity.
//
// # Analyzer prealloc
//
// prealloc: report slices and maps filled in counted loops without preallocated capacity
//
// Draft.
//
// Before:
//
//	var names []string
//	for _, u := range users {
//		names = append(names, u.Name)
//	}
//
// After:
//
//	var names []string
//	names = slices.Grow(names, len(users))
//	for _, u := range users {
//		names = append(names, u.Name)
//	}
package prealloc
