package bounds

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// Loops that count their running goroutines against a limit, and wait,
// skip or stop when it is reached.

func waitAtLimit(jobs []string, limit int) {
	done := make(chan struct{})
	running := 0
	for _, j := range jobs {
		if running >= limit {
			<-done
			running--
		}
		running++
		go func() {
			fetch(j)
			done <- struct{}{}
		}()
	}
	for ; running > 0; running-- {
		<-done
	}
}

type handlers struct {
	mu     sync.Mutex
	active int
	max    int
	queue  []string
}

// done runs when a handler finishes.
func (h *handlers) done() {
	h.mu.Lock()
	h.active--
	h.mu.Unlock()
}

func (h *handlers) startQueued() {
	for _, q := range h.queue {
		if h.active >= h.max {
			break
		}
		h.active++
		go func() {
			defer h.done()
			fetch(q)
		}()
	}
}

func (h *handlers) skipAtLimit(reqs []string) {
	for _, r := range reqs {
		if h.max <= h.active {
			continue
		}
		h.active++
		go func() {
			defer h.done()
			fetch(r)
		}()
	}
}

type inflight struct{ n atomic.Int64 }

func (f *inflight) atomicLimit(reqs []string, limit int64) {
	for _, r := range reqs {
		if f.n.Load() >= limit {
			return
		}
		f.n.Add(1)
		go func() {
			defer f.n.Add(-1)
			fetch(r)
		}()
	}
}

// A select case that switches itself off until its goroutine answers:
// one check runs at a time.
func pollUntil(check func() bool, every time.Duration) {
	results := make(chan bool, 1)
	run := func() { results <- check() }
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	var tick <-chan time.Time
	go run()
	for {
		select {
		case <-tick:
			tick = nil
			go run()
		case ok := <-results:
			if ok {
				return
			}
			tick = ticker.C
		}
	}
}

// A count that only grows, towards a constant or the CPU count: at most
// that many goroutines start, a pool's worth.
func firstFew(urls []string) {
	for i, u := range urls {
		if i >= 10 {
			break
		}
		go fetch(u)
	}
}

func perCPU(jobs []string) {
	started := 0
	for _, j := range jobs {
		if started == runtime.NumCPU() {
			return
		}
		started++
		go fetch(j)
	}
}

func waitAtEqual(jobs []string, limit int) {
	done := make(chan struct{})
	running := 0
	for _, j := range jobs {
		if running == limit {
			<-done
			running--
		}
		running++
		go func() {
			fetch(j)
			done <- struct{}{}
		}()
	}
}
