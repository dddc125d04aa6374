// Package fanout defines an Analyzer that reports goroutines started
// once per element of a collection with nothing bounding how many run at
// once.
//
// # Analyzer fanout
//
// fanout: report a goroutine started for every element of a collection with nothing bounding concurrency
//
// A go statement, an errgroup.Group's Go or a sync.WaitGroup's Go in a
// loop whose trip count depends on the data (a range over a slice, map,
// string, integer, channel or iterator, a loop bounded by len(x) or by a
// variable, a for {} loop) starts as many goroutines as there are
// elements, all at once. Each costs an allocation, a stack of at least
// 2 KiB and scheduler work, and all of them compete at the same moment
// for the CPU, the network, file descriptors or the server they call:
// a batch that is fine with a hundred elements takes a service down with
// a million. A fixed number of workers, an errgroup with SetLimit or a
// semaphore does the same work with bounded memory and load.
//
// Measured by BenchmarkFanout (CPU-bound work of a few hundred
// nanoseconds per item, one run on a 2-core machine), one goroutine per
// item against a pool of GOMAXPROCS workers fed by a channel: at 1 000
// items, RATIO1 slower; at 100 000 items, RATIO2 slower with PEAK2
// goroutines alive at once holding STACK2 of stacks (the pool: 2
// goroutines, no stack growth); at 1 000 000 items, RATIO3 slower, PEAK3
// goroutines and STACK3 of stacks, and HEAP3 of heap allocated per run
// against HEAPPOOL for the pool. The work here finishes quickly; when it
// waits on the network or a lock instead, nearly every goroutine is
// alive at once and the peak approaches the number of items.
//
// Not reported, because something bounds how many goroutines run:
//
//   - a semaphore acquired in the iteration before the goroutine starts:
//     a send into a channel that is not provably unbuffered (sem <- x, or
//     a select case sending), (*semaphore.Weighted).Acquire or
//     TryAcquire, or a same-package function that does one of these;
//   - an errgroup.Group on which SetLimit is called with a non-negative
//     limit, directly or through a same-package helper that creates or
//     receives the group; a group held in a field counts as limited when
//     SetLimit is called on that field anywhere in the package;
//   - a group received as a parameter or from another package: its owner
//     decides its limit;
//   - a worker pool: a loop with a constant trip count, or one bounded by
//     runtime.NumCPU() or runtime.GOMAXPROCS(n), also through constants,
//     min and max (2*NumCPU(), min(len(jobs), NumCPU()));
//   - a worker: a goroutine whose body, or a same-package function it
//     calls, loops receiving from a channel it is given (not one it makes
//     itself, like a ticker's, or a context's Done);
//   - the accept loop of a server: one goroutine per connection accepted
//     in the same iteration (a method named Accept...) is the standard
//     idiom;
//   - an iteration that waits after starting its goroutines: a receive, a
//     select on a result or a timeout, or a Wait call (batches of
//     goroutines, a call run with a timeout);
//   - a goroutine that acquires a semaphore as its first action. The
//     work is then bounded, but the goroutines are not: each one waiting
//     for its turn still holds its stack, so an errgroup with SetLimit or
//     an acquire before the go statement is better.
//
// A goroutine started for every message received from a channel (for
// msg := range ch { go handle(msg) }) is reported even though it is
// common: a burst of messages becomes a burst of goroutines. A goroutine
// started in a closure or a same-package function that a loop calls is
// reported at its go statement, with the loop and the call as related
// information.
//
// There is no suggested fix: the limit, and whether the work should move
// to a pool, depend on what the goroutines do.
//
// Before:
//
//	var g errgroup.Group
//	for _, u := range urls {
//		g.Go(func() error { return fetch(ctx, u) })
//	}
//	return g.Wait()
//
// After:
//
//	var g errgroup.Group
//	g.SetLimit(8)
//	for _, u := range urls {
//		g.Go(func() error { return fetch(ctx, u) })
//	}
//	return g.Wait()
package fanout
