package repeat

import (
	"io"
	"os"
	"sync"
)

func closeEach(names []string) (n int) {
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		defer f.Close() // want `defer f.Close\(\) runs when closeEach returns, not after each iteration of the loop over names: the deferred calls pile up \(what they release stays held\) and each allocates a defer record; move the loop body into a function called per iteration, or make the call explicitly at the end of the iteration`
		n++
	}
	return n
}

// A defer under a condition still piles up whenever the condition holds.
func conditional(rcs []io.ReadCloser, keep func(io.ReadCloser) bool) {
	for _, rc := range rcs {
		if keep(rc) {
			defer rc.Close() // want `defer rc.Close\(\) runs when conditional returns`
		}
	}
}

// The iteration that defers may return, but it may also go on.
func sometimesReturns(mus []*sync.Mutex, stop func() bool) {
	for _, mu := range mus {
		mu.Lock()
		defer mu.Unlock() // want `defer mu.Unlock\(\) runs when sometimesReturns returns, not after each iteration of the loop over mus`
		if stop() {
			return
		}
	}
}

// Loops whose count is unknown are hot.
func unknownCount(next func() (io.Closer, bool)) {
	for {
		c, ok := next()
		if !ok {
			break
		}
		defer c.Close() // want `not after each iteration of the for loop`
	}
}

func counted(n int, release func(int)) {
	for i := 0; i < n; i++ {
		defer release(i) // want `defer release\(i\) runs when counted returns`
	}
}

func gotoLoop(cs []io.Closer) {
	i := 0
again:
	if i < len(cs) {
		defer cs[i].Close() // want `not after each iteration of the goto loop at label again`
		i++
		goto again
	}
}

// A function literal is named as such.
func inLiteral(cs []io.Closer) func() {
	return func() {
		for _, c := range cs {
			defer c.Close() // want `defer c.Close\(\) runs when the enclosing function literal returns, not after each iteration of the loop over cs`
		}
	}
}

// A deferred function literal, and a long call shortened in the message.
func literals(cs []io.Closer, log func(string, ...any)) {
	for i, c := range cs {
		defer func() { // want `a deferred function literal runs when literals returns`
			c.Close()
		}()
		defer log("closing the connection number %d of %d", i, len(cs)) // want `defer log\(\.\.\.\) runs when literals returns`
	}
}

// A defer in a cold inner loop piles up across the hot outer loop: it is
// reported for the outer one.
func coldInner(groups [][]io.Closer) {
	for _, g := range groups {
		for i := 0; i < 3; i++ {
			defer g[i].Close() // want `not after each iteration of the loop over groups`
		}
	}
}

// A defer that leaves an inner loop by break still repeats in the outer.
func breakInner(groups [][]io.Closer) {
	for _, g := range groups {
		for _, c := range g {
			if c != nil {
				defer c.Close() // want `not after each iteration of the loop over groups`
				break
			}
		}
	}
}

// A defer in a hot inner loop is reported for the inner loop.
func hotInner(groups [][]io.Closer) {
	for _, g := range groups {
		for _, c := range g {
			defer c.Close() // want `not after each iteration of the loop over g:`
		}
	}
}

type pool struct{ conns []io.Closer }

func (p *pool) closeAll() {
	for _, c := range p.conns {
		defer c.Close() // want `defer c.Close\(\) runs when closeAll returns, not after each iteration of the loop over p.conns`
	}
}

func generic[T io.Closer](xs []T) {
	for _, x := range xs {
		defer x.Close() // want `runs when generic returns`
	}
}

type decoder struct{ r io.Reader }

func (d *decoder) run() {}

// Wrapped in a per-iteration value that is not kept: still reported.
func wrappedNotKept(names []string) {
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		defer f.Close() // want `defer f.Close\(\) runs when wrappedNotKept returns`
		d := &decoder{r: f}
		d.run()
	}
}

// A slot per element of a collection is not a chosen count: the defer
// was meant to release each slot after its item.
func slotPerItem(items []string, sem chan struct{}, process func(string)) {
	for _, item := range items {
		sem <- struct{}{}
		defer func() { <-sem }() // want `a deferred function literal runs when slotPerItem returns`
		process(item)
	}
}

// An event loop: each event's resource stays held until the loop ends,
// even where the sender happens to send only once.
func eventLoop(events <-chan string, open func(string) io.Closer) {
	for name := range events {
		c := open(name)
		defer c.Close() // want `defer c.Close\(\) runs when eventLoop returns, not after each iteration of the loop over events`
	}
}

// outerFile assigns a variable of the function on every iteration, but
// the defer evaluates its receiver there and then: every file opened
// stays open until the function returns.
func outerFile(names []string) *os.File {
	var f *os.File
	for _, name := range names {
		var err error
		if f, err = os.Open(name); err != nil {
			continue
		}
		defer f.Close() // want `defer f.Close\(\) runs when outerFile returns`
	}
	return f
}
