package bounds

import (
	"net"
	"runtime"
	"sync"
	"time"
)

func constantPool(jobs []string) {
	for i := 0; i < 16; i++ {
		go func() {
			for j := i; j < len(jobs); j += 16 {
				fetch(jobs[j])
			}
		}()
	}
	for range 4 {
		go fetch("warm-up")
	}
}

func cpuPools(jobs []string) {
	var wg sync.WaitGroup
	work := func(int) { defer wg.Done() }
	for i := 0; i < runtime.NumCPU(); i++ {
		wg.Add(1)
		go work(i)
	}
	n := runtime.GOMAXPROCS(0)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go work(i)
	}
	for i := range runtime.NumCPU() * 2 {
		wg.Add(1)
		go work(i)
	}
	for i := range max(1, runtime.GOMAXPROCS(0)/2) {
		wg.Add(1)
		go work(i)
	}
	for i := range min(len(jobs), runtime.NumCPU()) {
		wg.Add(1)
		go work(i)
	}
	workers := runtime.NumCPU()
	if workers > len(jobs) {
		workers = len(jobs)
	}
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go work(i)
	}
	wg.Wait()
}

func fixedCollections() {
	for _, u := range []string{"a", "b", "c"} {
		go fetch(u)
	}
	var regions [12]string
	for _, r := range regions[:] {
		go fetch(r)
	}
	for _, r := range "xyz" {
		go fetch(string(r))
	}
	pair := make([]string, 2)
	for i := range pair {
		pair[i] = regions[i]
	}
	for _, p := range pair {
		go fetch(p)
	}
}

func arrayWindow(lo, hi int) {
	var shards [16]string
	for _, s := range shards[lo:hi] {
		go fetch(s)
	}
}

// Workers: however many are started, they share one stream of work.

func closureWorkers(n int, jobs <-chan string) {
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				fetch(j)
			}
		}()
	}
	wg.Wait()
}

func worker(jobs <-chan string, done chan<- bool) {
	for j := range jobs {
		fetch(j)
	}
	done <- true
}

func functionWorkers(n int, jobs <-chan string) {
	done := make(chan bool)
	for range n {
		go worker(jobs, done)
	}
}

func indirectWorkers(shards []string, jobs <-chan string) {
	done := make(chan bool, len(shards))
	for range shards {
		go func() {
			worker(jobs, done)
		}()
	}
}

type pool struct {
	jobs chan string
	quit chan struct{}
}

func (p *pool) loop() {
	for {
		select {
		case j := <-p.jobs:
			fetch(j)
		case <-p.quit:
			return
		}
	}
}

func (p *pool) start(size int) {
	for range size {
		go p.loop()
	}
}

// Servers: one goroutine per accepted connection is the standard idiom.

func serve(net.Conn) {}

func acceptLoop(l net.Listener) error {
	for {
		c, err := l.Accept()
		if err != nil {
			return err
		}
		go serve(c)
	}
}

func acceptTCP(l *net.TCPListener) {
	for {
		c, err := l.AcceptTCP()
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		go func() {
			defer c.Close()
			serve(c)
		}()
	}
}

type server struct{ l net.Listener }

func (s *server) next() (net.Conn, error) { return s.l.Accept() }

func (s *server) serveAll() {
	for {
		c, err := s.next()
		if err != nil {
			return
		}
		go serve(c)
	}
}

// A server whose accepting goroutine hands the connections to the loop
// that serves them, so that the loop can also count closed connections
// and stop when idle.

func serveFromChannel(l net.Listener, idle time.Duration) error {
	conns := make(chan net.Conn)
	closed := make(chan error)
	var acceptErr error
	go func() {
		defer close(conns)
		for {
			var c net.Conn
			c, acceptErr = l.Accept()
			if acceptErr != nil {
				return
			}
			conns <- c
		}
	}()
	timer := time.NewTimer(idle)
	active := 0
	for {
		select {
		case c, ok := <-conns:
			if !ok {
				return acceptErr
			}
			active++
			go func() {
				serve(c)
				closed <- c.Close()
			}()
		case <-closed:
			active--
		case <-timer.C:
			if active == 0 {
				return nil
			}
		}
	}
}

func rangeOverAccepted(s *server) {
	conns := make(chan net.Conn, 1)
	go func() {
		for {
			c, err := s.next()
			if err != nil {
				close(conns)
				return
			}
			conns <- c
		}
	}()
	for c := range conns {
		go serve(c)
	}
}

// Loops that wait for their goroutines inside the iteration.

func batches(urls []string) {
	var wg sync.WaitGroup
	for i, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fetch(u)
		}()
		if i%100 == 99 {
			wg.Wait()
		}
	}
	wg.Wait()
}

func withTimeout(urls []string) {
	for _, u := range urls {
		done := make(chan struct{})
		go func() {
			fetch(u)
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(time.Second):
		}
	}
}

func oneAtATime(urls []string) {
	for _, u := range urls {
		var wg sync.WaitGroup
		for range 3 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				fetch(u)
			}()
		}
		wg.Wait()
	}
}
