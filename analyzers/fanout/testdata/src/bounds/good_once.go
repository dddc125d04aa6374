package bounds

import (
	"io"
	"net"
	"runtime"
	"sync"
	"testing"
	"time"
)

// A named function that starts a goroutine is an API: its goroutine is
// part of its contract, and such functions usually talk to it before
// they return. Callers in loops are not followed.

func startFetch(u string) {
	go fetch(u)
}

func namedHelper(urls []string) {
	for _, u := range urls {
		startFetch(u)
	}
}

// A closure that waits for its goroutine before it returns.
func closureWaits(urls []string) {
	run := func(u string) {
		var wg sync.WaitGroup
		wg.Add(1)
		defer wg.Wait()
		go func() {
			defer wg.Done()
			fetch(u)
		}()
		fetch(u + "/other")
	}
	for _, u := range urls {
		run(u)
	}
}

// The fallback starts once, when the timer made before the loop fires.
func fallback(results <-chan string) string {
	t := time.NewTimer(300 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			go fetch("fallback")
		case r := <-results:
			return r
		}
	}
}

func deadline(results <-chan string) string {
	timeout := time.After(time.Second)
	for {
		select {
		case <-timeout:
			go fetch("late")
		case r := <-results:
			return r
		}
	}
}

// Only the iteration where the counter equals 2 starts a goroutine.
func cancelOnce(rows []string, cancel func()) {
	n := 0
	for _, r := range rows {
		n++
		if n == 2 {
			go cancel()
		}
		fetch(r)
	}
}

// The counter only moves for the messages that pass the filter, but it
// moves on the iteration that starts the goroutine: that iteration comes
// once.
func killAtLimit(in <-chan string, limit int, kill func()) {
	n := 0
	for m := range in {
		switch {
		case n < limit:
			fetch(m)
		case n == limit:
			go kill()
		default:
			continue
		}
		n++
	}
}

// The counter moves by a different step on each branch, but always up.
func weightedCount(in <-chan string, kill func()) {
	n := 0
	for m := range in {
		if n == 10 {
			go kill()
		}
		if m == "" {
			n += 2
		} else {
			n++
		}
		fetch(m)
	}
}

// The iteration reads what the goroutine writes into a pipe.
func pipes(chunks [][]byte) {
	for _, chunk := range chunks {
		pr, pw := io.Pipe()
		go func() {
			pw.Write(chunk)
			pw.Close()
		}()
		io.ReadAll(pr)
	}
}

func conns(hosts []string) {
	for _, h := range hosts {
		c, s := net.Pipe()
		go func(host string) {
			c.Write([]byte(host))
		}(h)
		var buf [64]byte
		s.Read(buf[:])
		s.Close()
		c.Close()
	}
}

// Counts that only ever hold constants, or that the CPU count sets.

func testScaffold(t *testing.T) {
	P := 4
	if testing.Short() {
		P = 2
	}
	done := make(chan bool)
	for p := 0; p < P; p++ {
		go func() {
			done <- p < P
		}()
	}
	for range P {
		<-done
	}
}

func capturedCPUs(items []string) {
	nc := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for j := 0; j < nc; j++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, it := range items[j*len(items)/nc : (j+1)*len(items)/nc] {
				fetch(it)
			}
		}()
	}
	wg.Wait()
}

func perCPUSlots() [][]string {
	slots := make([][]string, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i := range slots {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots[i] = append(slots[i], "x")
		}()
	}
	wg.Wait()
	return slots
}

type bench struct{ parallelism int }

func (b *bench) runParallel(body func()) {
	procs := b.parallelism * runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	wg.Add(procs)
	for p := 0; p < procs; p++ {
		go func() {
			defer wg.Done()
			body()
		}()
	}
	wg.Wait()
}

func maxWorkers() int { return max(runtime.NumCPU()/4, 1) }

func helperCount(body func()) {
	for range maxWorkers() {
		go body()
	}
}

// A token channel: the loop takes a token before each goroutine, which
// gives it back when done.
func tokens(n int, work func()) {
	const slots = 10
	c := make(chan []byte, slots)
	for range slots {
		c <- make([]byte, 1)
	}
	for range n {
		buf := <-c
		go func() {
			work()
			c <- buf
		}()
	}
}

func steppedByVariable(t *testing.T) {
	var m, n uint64 = 100, 100
	if testing.Short() {
		m, n = 10, 10
	}
	var wg sync.WaitGroup
	for i := uint64(0); i < m*n; i += n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fetch(string(rune(i)))
		}()
	}
	wg.Wait()
}

func fromConstantList(work func()) {
	for _, goroutines := range []int{1, 2, 4, 8} {
		var wg sync.WaitGroup
		for range goroutines * 10 {
			wg.Go(work)
		}
		wg.Wait()
	}
}

func capturedTwice(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(2)
	for i := 0; i < 2; i++ {
		go func() {
			t.Cleanup(func() { fetch(string(rune(i))) })
			wg.Done()
		}()
	}
	wg.Wait()
}

// The fallback still starts once: the timer is only reset after Stop
// reports it had not fired.
func fallbackEarly(results <-chan error) error {
	t := time.NewTimer(300 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			go fetch("fallback")
		case err := <-results:
			if err == nil {
				return nil
			}
			if t.Stop() {
				t.Reset(0)
			}
		}
	}
}

func pipeToFunction(names []string) {
	for _, name := range names {
		pr, pw := io.Pipe()
		go produce(pw, name)
		io.ReadAll(pr)
	}
}

func produce(w io.WriteCloser, name string) {
	w.Write([]byte(name))
	w.Close()
}

func spareCPUs(busy int, work func()) {
	for range runtime.NumCPU() - busy {
		go work()
	}
}

func byCapacity(work func()) {
	const count, size = 8, 64
	c := make(chan []byte, count*size/16)
	for i := 0; i < cap(c); i++ {
		go func() {
			c <- make([]byte, i)
			work()
		}()
	}
}

// A flag cleared whenever the goroutine starts: it starts once.
func startedFlag(events <-chan string) {
	started := false
	for e := range events {
		if !started {
			started = true
			go fetch("warm " + e)
		}
		fetch(e)
	}
}

type recovery struct {
	mu         sync.Mutex
	recovering bool
}

func (r *recovery) isRecovering() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.recovering
}

func (r *recovery) clearRecovering() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.recovering = false
}

func (r *recovery) apply(entries <-chan []string, check func()) {
	for batch := range entries {
		if batch == nil {
			was := r.isRecovering()
			r.clearRecovering()
			if was {
				go check()
			}
			continue
		}
		for _, e := range batch {
			fetch(e)
		}
	}
}
