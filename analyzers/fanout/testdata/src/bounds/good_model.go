package bounds

import (
	"context"
	"flag"
	"net"
	"net/http"
	"sync"
	"time"

	"limits"
)

// Layer 1: a loop counted by an integer starts a chosen number of
// goroutines, whatever the integer's source.

func handle(int) {}

func byParameter(n int) {
	for i := range n {
		go handle(i)
	}
	for i := 0; i < n; i++ {
		go func() {
			handle(i)
		}()
	}
}

func sometimesFromInput(n int, short bool) {
	workers := 4
	if short {
		workers = n
	}
	for i := 0; i < workers; i++ {
		go func() { handle(i + workers) }()
	}
}

func perIndex(items [][]string, n int) {
	for i := 0; i < n; i++ {
		go walkAll(items[i])
	}
}

func walkAll(xs []string) {
	for _, x := range xs {
		_ = x
	}
}

var concurrency = flag.Int("concurrency", 8, "how many requests run at once")

func byFlag(urls <-chan string) {
	for range *concurrency {
		go func() { fetch(<-urls) }()
	}
}

type config struct {
	Workers     int
	Outstanding int
}

func byConfig(cfg *config, do func()) {
	var wg sync.WaitGroup
	for i := 0; i < cfg.Outstanding; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			do()
		}()
	}
	wg.Wait()
}

func chunks(items []string) {
	var wg sync.WaitGroup
	const chunk = 16
	for i := 0; i < len(items)/chunk; i++ {
		wg.Go(func() {
			for _, it := range items[i*chunk : (i+1)*chunk] {
				fetch(it)
			}
		})
	}
	n := len(items)
	for c := range n / 16 {
		wg.Go(func() { handle(c) })
	}
	wg.Wait()
}

func otherPackageCount(items []string) {
	var wg sync.WaitGroup
	for _, part := range limits.Split(items, 20) {
		wg.Go(func() {
			for _, it := range part {
				fetch(it)
			}
		})
	}
	wg.Wait()
}

func countedDown(n int) {
	for i := n; i > 0; i-- {
		go handle(i)
	}
	for range make([]struct{}, n) {
		go handle(0)
	}
}

// A counter that only grows caps how many start at the limit, an
// integer like any other count.
func capsTotal(jobs []string, limit int) {
	started := 0
	for _, j := range jobs {
		if started >= limit {
			break
		}
		started++
		go fetch(j)
	}
}

// Layer 2: paired calls on one value, of any type in any package: the
// iteration waits for a slot the goroutine gives back.

func throttled(items []string) error {
	t := limits.NewThrottle(3)
	for _, it := range items {
		if err := t.Do(); err != nil {
			return err
		}
		go func() {
			var err error
			defer t.Done(err)
			fetch(it)
		}()
	}
	return t.Finish()
}

func throttleArgument(t *limits.Throttle, items []string) {
	for _, it := range items {
		_ = t.Do()
		go release(t, it)
	}
}

func release(t *limits.Throttle, it string) {
	fetch(it)
	t.Done(nil)
}

type gate struct{ slots chan struct{} }

func (g *gate) enter() { g.slots <- struct{}{} }

func (g *gate) leave() { <-g.slots }

func ownGate(g *gate, items []string) {
	for _, it := range items {
		g.enter()
		go func() {
			defer g.leave()
			fetch(it)
		}()
	}
}

func locked(mu *sync.Mutex, items []string) {
	for _, it := range items {
		mu.Lock()
		go func() {
			defer mu.Unlock()
			fetch(it)
		}()
	}
}

// A capacity-1 channel sent to before a goto back into the loop, and
// drained by the goroutine.
func gotoSemaphore(items []string) {
	busy := make(chan bool, 1)
	i := 0
next:
	if i < len(items) {
		busy <- true
		it := items[i]
		go func() {
			fetch(it)
			<-busy
		}()
		i++
		goto next
	}
}

func retryUntilFree(items []string) {
	slot := make(chan struct{}, 1)
	for _, it := range items {
	retry:
		select {
		case slot <- struct{}{}:
		default:
			time.Sleep(time.Millisecond)
			goto retry
		}
		go func() {
			defer func() { <-slot }()
			fetch(it)
		}()
	}
}

func joinedBeforeNext(items []string) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Wait()
		wg.Add(1)
		go func() {
			defer wg.Done()
			fetch(it)
		}()
	}
}

// Layer 3: long-lived goroutines, one per resource.

func servers(srvs []*http.Server, listeners []net.Listener) {
	for i, ln := range listeners {
		go srvs[i].Serve(ln)
	}
	for _, s := range srvs {
		go func() {
			if err := s.ListenAndServe(); err != nil {
				fetch(err.Error())
			}
		}()
	}
}

func shutdownAll(ctx context.Context, srvs []*http.Server) {
	var wg sync.WaitGroup
	for _, s := range srvs {
		wg.Go(func() {
			_ = s.Shutdown(ctx)
		})
	}
	wg.Wait()
}

func pollers(targets []string) {
	for _, t := range targets {
		go func() {
			tick := time.NewTicker(time.Second)
			defer tick.Stop()
			for range tick.C {
				fetch(t)
			}
		}()
	}
}

func untilCancelled(ctx context.Context, targets []string) {
	for _, t := range targets {
		go func() {
			for {
				select {
				case <-ctx.Done():
					return
				default:
					fetch(t)
				}
			}
		}()
	}
}

type subscription struct{ msgs chan string }

func (s *subscription) pump(out chan<- string) {
	for m := range s.msgs {
		out <- m
	}
}

func subscribe(subs []*subscription, out chan<- string) {
	for _, s := range subs {
		go s.pump(out)
	}
}

// At most once per call: the loop ends right after the start.

func firstReady(items []string, ready func(string) bool) {
	for _, it := range items {
		if ready(it) {
			go fetch(it)
			break
		}
	}
}

func startFirst(items []string) error {
	for _, it := range items {
		if it != "" {
			go fetch(it)
			return nil
		}
	}
	return nil
}

// A buffer taken in a select before each start, and given back by the
// goroutine when it is done with it.
func buffers(ctx context.Context, parts []string, errs chan error) error {
	bufs := make(chan []byte, 4)
	for range 4 {
		bufs <- make([]byte, 1024)
	}
	for _, p := range parts {
		var buf []byte
		select {
		case buf = <-bufs:
		case err := <-errs:
			return err
		case <-ctx.Done():
			return ctx.Err()
		}
		go func() {
			copy(buf, p)
			bufs <- buf
		}()
	}
	return nil
}

// A collection built one element per iteration of a counted loop has
// the count's size.

type pauser struct{ pauseC chan struct{} }

func (p *pauser) pause() { p.pauseC <- struct{}{} }

func pauseAll(workers int) {
	var ps []*pauser
	for range workers {
		ps = append(ps, &pauser{pauseC: make(chan struct{})})
	}
	var wg sync.WaitGroup
	for _, p := range ps {
		wg.Go(p.pause)
	}
	wg.Wait()
}

func pauseCaptured(cfg *config) func() {
	var ps []*pauser
	start := func() {
		for i := 0; i < cfg.Workers; i++ {
			ps = append(ps, &pauser{})
		}
	}
	start()
	return func() {
		var wg sync.WaitGroup
		for _, p := range ps {
			wg.Add(1)
			go func() {
				p.pause()
				wg.Done()
			}()
		}
		wg.Wait()
	}
}

// A short literal list, wherever it is declared, is a fixed count.
var regions = []string{"us", "eu", "ap"}

func perRegion() {
	for _, r := range regions {
		go fetch(r)
	}
}
