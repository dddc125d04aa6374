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
// items the goroutines are 4.1x slower, with 807 of them alive at once;
// at 100 000 items, 8.3x slower, with 10 628 alive at once holding 20 MB
// of stacks and 8.8 MB of heap allocated per run; at 1 000 000 items,
// 5.4x slower, with 17 211 alive at once, 34 MB of stacks, and 64 MB in
// a million allocations per run. The pool runs 2 goroutines and
// allocates 304 bytes in 4 allocations whatever the size. That work
// finishes quickly; when it waits on the network or a lock instead,
// nearly every goroutine is alive at once and the peak approaches the
// number of items.
//
// Not reported, because something bounds how many goroutines run:
//
//   - a worker pool: a loop whose count is fixed by the program or the
//     machine: a constant, a variable that only ever holds constants
//     (n := 4; if testing.Short() { n = 2 }), a composite literal,
//     runtime.NumCPU() or runtime.GOMAXPROCS(n) and what is computed from
//     them (2*NumCPU(), min(len(jobs), NumCPU()), NumCPU() - busy, a
//     slice made with NumCPU() elements, a same-package function that
//     returns such a count). Constant loops are never reported, whatever
//     the -tripcount.cold threshold: a fixed number of goroutines is a
//     pool;
//   - a worker: a goroutine whose body, or a same-package function it
//     calls, loops receiving from a channel it is given (not one it makes
//     itself, like a ticker's, or a context's Done);
//   - replicated workers: a loop that counts to an integer n (not over a
//     collection or a channel) starting goroutines that receive nothing
//     from the iteration but its index and each run a loop of their own:
//     n readers hammering a lock, n workers sized by a flag. n is then a
//     chosen degree of concurrency, not one goroutine per item of data;
//   - a semaphore acquired in the iteration before the goroutine starts:
//     a send into a channel that is not provably unbuffered (sem <- x, or
//     a select case sending), the Acquire or TryAcquire method of a
//     semaphore ((*semaphore.Weighted).Acquire, or any method named
//     Acquire... of a type, or interface, that also has a Release
//     method), a same-package function that does one of these, or a
//     token received from a channel the goroutine sends it back to;
//   - an errgroup.Group on which SetLimit is called with a non-negative
//     limit, directly or through a same-package helper that creates or
//     receives the group, anywhere in the function that holds it (or, for
//     a group in a field or a package variable, anywhere in the package);
//   - a group received as a parameter, from another package, or in a way
//     the analyzer cannot follow: its owner decides its limit;
//   - the accept loop of a server: one goroutine per connection accepted
//     in the same iteration (a method named Accept...) is the standard
//     idiom, and so is one per connection received from a channel that
//     only accepted connections go into (a goroutine accepts, the loop
//     selects on new and closed connections and an idle timer);
//   - an iteration that waits after starting its goroutine: a receive, a
//     select on a result or a timeout, a Wait call (batches of goroutines,
//     a call run with a timeout), or reading the other end of a pipe the
//     goroutine writes (io.Pipe, net.Pipe);
//   - a loop that counts its running goroutines itself: before the go
//     statement it tests a counter against a limit fixed during the loop
//     and, at the limit, stops, skips or waits (if running >= limit {
//     <-done; running-- }), the counter being one the loop increments
//     and something decrements as goroutines finish (the loop, a
//     goroutine, or, for a field, any function of the package, such as
//     a handler's done method). A count that only grows bounds the loop
//     when its limit is a constant or the CPU count (if i >= 10 { break
//     }), as a pool's size does; towards a limit from the data it is a
//     loop bound like any other and is still reported;
//   - a select case that switches itself off until its goroutine
//     answers: it sets its channel variable to nil when it starts the
//     goroutine, and only a case receiving what the goroutine sends sets
//     it again (one check running at a time, as in a poll with a ticker);
//   - a go statement that runs on one iteration at most: when a counter
//     of the loop equals a value (if n == 2) and that iteration moves the
//     counter on (other iterations may leave it alone), or in the select
//     case of a timer made before the loop;
//   - a goroutine that acquires a semaphore as its first action, or that
//     holds one it shares with the other goroutines around its work: it,
//     or a same-package function it calls (also through a variable, or
//     through (*sync.Once).Do), sends into a channel from outside and
//     receives from it again, or calls Acquire and Release on the same
//     semaphore (ioLimit <- true; data, err := read(dir);
//     <-ioLimit, after some cheap checks or only on a cache miss). The
//     work is then bounded, but the goroutines are not: each one waiting
//     for its turn still holds its stack, so an errgroup with SetLimit or
//     an acquire before the go statement is better.
//
// A goroutine started for every message received from a channel (for
// msg := range ch { go handle(msg) }) is reported even though it is
// common: a burst of messages becomes a burst of goroutines. A goroutine
// started in a closure that a loop calls is reported at its go
// statement, with the loop and the call as related information, unless
// the closure waits for it (defer wg.Wait()); a closure called through
// a variable it is stored in (a recursive walk) is followed too. Named functions are not
// followed to the loops that call them: a function that starts a
// goroutine makes it part of its contract, and usually talks to it
// before returning. (*errgroup.Group).TryGo is not reported: it only
// makes sense on a group with a limit.
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
