// Package fanout defines an Analyzer that reports goroutines started
// once per element of a collection with nothing bounding how many run at
// once.
//
// # Analyzer fanout
//
// fanout: report a goroutine started for every element of a collection with nothing bounding concurrency
//
// TODO
//
// Before:
//
//	for _, u := range urls {
//		go fetch(u)
//	}
//
// After:
//
//	g.SetLimit(8)
//	for _, u := range urls {
//		g.Go(func() error { return fetch(u) })
//	}
package fanout
