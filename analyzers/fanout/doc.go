// Package fanout defines an Analyzer that reports goroutines started
// once per element of a collection with nothing bounding how many run at
// once.
//
// # Analyzer fanout
//
// fanout: report a goroutine started for every element of a collection with nothing bounding concurrency
//
// A go statement, an errgroup.Group's Go or a sync.WaitGroup's Go run
// once per element of a collection starts as many goroutines as there
// are elements, all at once. Each costs an allocation, a stack of at least
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
// The analyzer asks three questions of each goroutine a loop starts.
//
// First, is the loop over data? A goroutine per element of a collection (a
// range over a slice, map, string, channel or iterator, a loop bounded
// by len(x), a receive or select loop, a for {} loop) is fan-out over
// data: its size is the input's. A loop counted by an integer starts a
// chosen number of goroutines, a pool, whatever the integer's source: a
// constant, a flag, a parameter, a config field, runtime.NumCPU(),
// len(x)/k chunks, a call into another package. An integer is the size
// of data only when it is len(x) of a collection, or a sum, difference,
// product or maximum of one. A collection whose size is fixed is a pool
// too: a composite literal (also in a package variable nothing assigns
// again) with fewer elements than the cold threshold, an array or a
// slice of one, a constant
// string, a slice made with a chosen length, a slice built by appending
// one element per iteration of loops with a chosen count (one entry per
// configured worker), a slice that another package's function returns
// for a constant count (split(xs, 20)).
// Chosen-count loops are looked through to the loop over data around
// them: three goroutines per element are still per element.
//
// Second, does the iteration block, before the next start, on something a
// started goroutine releases? Then no more run at once than that thing
// admits:
//
//   - a send into a channel not provably unbuffered (sem <- x, also as a
//     select case, also before a goto back into the loop), or a
//     semaphore's Acquire or TryAcquire (of any type with a Release
//     method), before the go statement;
//   - a call before the go statement paired with a call of another
//     method on the same value inside the goroutine, of any type in any
//     package (t.Do() ... go func() { defer t.Done(err) }, mu.Lock() ...
//     mu.Unlock()), where the first call takes what the second gives
//     back: a semaphore's Acquire and Release, a mutex's Lock and
//     Unlock; methods of this package that send on and receive from the
//     same channel field of their receiver (or the other way round);
//     for methods of another package or an interface, which the analyzer
//     cannot see into, a first call that returns at most an error or a
//     bool on a type that holds a channel or named like a wait (Acquire,
//     Lock, Wait, Do, Take, ...), and a second that returns at most an
//     error or a bool. Types whose methods never wait for another
//     goroutine (a WaitGroup's Add, atomics, a context, a logger) pair
//     with nothing, and neither does a lock the iteration gives back
//     itself before the start;
//   - a token received before the go statement, also in the select case
//     that leads to it, from a channel the goroutine sends back to;
//   - a join inside the loop: a Wait or a receive after the start in the
//     same iteration (batches, a call with a timeout), a Wait before
//     the next start, or reading the other end of a pipe the goroutine
//     writes (io.Pipe, net.Pipe);
//   - a counter of started goroutines tested against a limit before the
//     start, where reaching the limit stops, skips or waits (if running
//     >= limit { <-done; running-- }); a counter that nothing decrements
//     caps the total at a chosen count, unless the limit is the size of
//     data;
//   - a select case that switches itself off until its goroutine
//     answers (tick = nil; go check()), a go statement that runs on one
//     iteration only (if n == 2, the case of a timer made before the
//     loop, a flag the iteration clears: if !started { started = true;
//     go run() }, also read and cleared through methods of the package),
//     and a go statement after which the loop ends (go f(); break).
//
// Same-package functions are followed: an acquire, a join or a release
// inside a helper counts where the helper is called, and a goroutine
// started in a closure that a loop calls is traced to that loop, unless
// the closure waits for it. Named functions are not followed to the loops
// that call them: a function that starts a goroutine makes it part of its
// contract. An errgroup.Group is reported only when the analyzer sees
// every use of it and none sets a limit: it is followed on SSA from where
// it is made, through variables, closures and helpers; a group received
// as a parameter or from another package belongs to its owner.
//
// Third, is the goroutine long-lived? Policy exemptions, although nothing
// bounds how many run:
//
//   - a goroutine whose body, or a function of this package it calls
//     itself, runs an event loop until told to stop (a loop with no
//     count that receives, selects, reads or accepts; not a loop over
//     finite data, and not something deeper down), or makes a blocking
//     serve call
//     (Serve, ListenAndServe): one per listener, connection,
//     subscription or poller is the standard idiom, and a limit would
//     leave some unserved;
//   - a goroutine that shuts a server down (Shutdown, GracefulStop):
//     shutting a few servers down in parallel is meant to overlap their
//     grace periods, and a limit would chain them;
//   - the accept loop of a server: one goroutine per connection accepted
//     in the same iteration (a method named Accept...), or received from
//     a channel that only accepted connections go into;
//   - a goroutine that holds a slot shared with the others around its
//     work (it sends on a channel from outside and receives from it
//     again, or pairs Acquire and Release, or l.acquire() and
//     l.release() as above; a mutex around a critical section is no
//     slot): the work is bounded, although the goroutines waiting for a
//     slot are not, so an acquire before the go statement is still
//     better.
//
// A goroutine started for every message received from a channel (for
// msg := range ch { go handle(msg) }) is reported even though it is
// common: a burst of messages becomes a burst of goroutines.
// (*errgroup.Group).TryGo is not reported: it only makes sense on a group
// with a limit.
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
