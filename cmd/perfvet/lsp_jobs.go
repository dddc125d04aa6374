package main

import (
	"slices"
	"sync"
	"time"
)

// A job is work for the analysis worker: new settings, or an analysis
// of the package of a file.
type job struct {
	settings *lspSettings
	file     string
	// explain says to show the user why the package could not be
	// analysed (on open and save, not while typing).
	explain bool
}

// jobQueue holds the jobs waiting for the worker, at most one analysis
// per unit: a second request for a unit already waiting merges into the
// first, as one analysis answers both. Debounced jobs wait on a timer
// that each new change to the same file restarts.
type jobQueue struct {
	wake chan struct{} // has a value when jobs are waiting

	mu      sync.Mutex
	pending []job
	timers  map[string]*time.Timer // by file
	gen     map[string]int         // by file: which timer is the latest
	stopped bool
}

func newJobQueue() *jobQueue {
	return &jobQueue{wake: make(chan struct{}, 1), timers: make(map[string]*time.Timer), gen: make(map[string]int)}
}

// push queues j now, cancelling a debounced analysis of the same file.
func (q *jobQueue) push(j job) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.stopped {
		return
	}
	if j.settings == nil {
		if t := q.timers[j.file]; t != nil {
			t.Stop()
			delete(q.timers, j.file)
		}
		if i := slices.IndexFunc(q.pending, func(p job) bool { return p.settings == nil && unitKey(p.file) == unitKey(j.file) }); i >= 0 {
			q.pending[i].explain = q.pending[i].explain || j.explain
			return
		}
	}
	q.pending = append(q.pending, j)
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// pushAfter queues j once delay has passed without another pushAfter
// for the same file.
func (q *jobQueue) pushAfter(j job, delay time.Duration) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.stopped {
		return
	}
	if t := q.timers[j.file]; t != nil {
		t.Stop()
	}
	q.gen[j.file]++
	gen := q.gen[j.file]
	q.timers[j.file] = time.AfterFunc(delay, func() {
		q.mu.Lock()
		current := q.gen[j.file] == gen && q.timers[j.file] != nil
		if current {
			delete(q.timers, j.file)
		}
		q.mu.Unlock()
		if current {
			q.push(j)
		}
	})
}

// take removes and returns the waiting jobs.
func (q *jobQueue) take() []job {
	q.mu.Lock()
	defer q.mu.Unlock()
	jobs := q.pending
	q.pending = nil
	return jobs
}

// stop drops waiting jobs and timers; later pushes are ignored.
func (q *jobQueue) stop() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.stopped = true
	for _, t := range q.timers {
		t.Stop()
	}
	q.pending = nil
}
