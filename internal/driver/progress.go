package driver

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// progressDelay is how long a run lasts before it shows progress: a
// shorter run would only flicker.
const progressDelay = time.Second

// progress shows "done/total packages, elapsed" on one line, rewritten
// in place at most ten times a second.
type progress struct {
	w     io.Writer
	total int
	start time.Time

	mu       sync.Mutex
	finished int
	last     time.Time
	shown    bool
}

// newProgress returns the progress of a run of total units; a nil w
// shows nothing.
func newProgress(w io.Writer, total int) *progress {
	return &progress{w: w, total: total, start: time.Now()}
}

// done counts one more unit finished.
func (p *progress) done() {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.finished++
	now := time.Now()
	if now.Sub(p.start) < progressDelay || now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last, p.shown = now, true
	fmt.Fprintf(p.w, "\rperfvet: %d/%d packages, %s", p.finished, p.total, now.Sub(p.start).Round(time.Second))
}

// finish clears the line if anything was shown.
func (p *progress) finish() {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
