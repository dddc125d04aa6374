// Package sliceedit defines an Analyzer that reports edits at the front
// or in the middle of a slice that a loop keeps across its iterations.
//
// # Analyzer sliceedit
//
// sliceedit: report O(n) edits at the front or middle of a slice on every iteration of a loop
//
// TODO
package sliceedit
