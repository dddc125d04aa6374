package flagged

import (
	"io"
	"net"
	"sync"
	"time"

	"limits"
)

// Shapes that look like a bound but do not bound anything.

func unbufferedSendFirst(xs []int) {
	ready := make(chan int)
	for _, x := range xs {
		ready <- x
		go handle(x) // want `for every element of xs`
	}
}

func sendsItsResult(xs []int, out chan int) {
	for _, x := range xs {
		go func() { // want `for every element of xs`
			out <- x * 2
		}()
	}
}

func semaphoreBeforeTheLoop(urls []string) {
	sem := make(chan struct{}, 8)
	sem <- struct{}{}
	for _, u := range urls {
		go fetch(u) // want `for every element of urls`
	}
	<-sem
}

func timerReset(results chan int) {
	t := time.NewTimer(time.Second)
	for {
		select {
		case <-t.C:
			go handle(0) // want `on every iteration of the for loop`
			t.Reset(time.Second)
		case r := <-results:
			handle(r)
		}
	}
}

func timerPerIteration(results chan int) {
	for {
		select {
		case <-time.After(time.Second):
			go handle(0) // want `on every iteration of the for loop`
		case r := <-results:
			handle(r)
		}
	}
}

func counterBelow(xs []int) {
	for i, x := range xs {
		if i != 2 {
			go handle(x) // want `for every element of xs`
		}
	}
}

func pipeNotRead(xs []string) {
	for _, x := range xs {
		_, pw := io.Pipe()
		go func() { // want `for every element of xs`
			pw.Write([]byte(x))
		}()
	}
}

func closureWithoutWait(urls []string) {
	start := func(u string) {
		go fetch(u) // want `for every element of urls`
		fetch(u)
	}
	for _, u := range urls {
		start(u)
	}
}

func messagesNotTokens(jobs chan string) {
	for {
		j := <-jobs
		go func() { // want `on every iteration of the for loop`
			fetch(j)
		}()
	}
}

func filledFromInput(sizes []int, work func()) {
	for _, n := range sizes {
		counts := []int{n, 2 * n}
		for _, c := range counts {
			for range c {
				go work() // want `for every element of sizes`
			}
		}
	}
}

func byQueueLength(jobs chan int) {
	for i := 0; i < len(jobs); i++ {
		go func() { // want `on every iteration of the for loop`
			handle(i)
		}()
	}
}

// A send in the goroutine is not a semaphore unless the goroutine gives
// the slot back, and a semaphore it makes itself bounds nothing.

func signalsWhenDone(xs []int, done chan struct{}) {
	for _, x := range xs {
		go func() { // want `for every element of xs`
			handle(x)
			done <- struct{}{}
		}()
	}
}

func ownSemaphore(xs []int) {
	for _, x := range xs {
		go func() { // want `for every element of xs`
			sem := make(chan struct{}, 1)
			handle(x)
			sem <- struct{}{}
			<-sem
		}()
	}
}

func handshake(xs []int, locked, unlock chan bool) {
	for _, x := range xs {
		go func() { // want `for every element of xs`
			locked <- true
			<-unlock
			handle(x)
		}()
	}
}

func relaysResults(xs []int, in, out chan int) {
	for _, x := range xs {
		go func() { // want `for every element of xs`
			handle(x)
			out <- x
		}()
	}
	for range xs {
		<-in
	}
}

// A channel of connections is an accept loop only if nothing but
// accepted connections goes into it, and only in the select case that
// receives them.

func connectionsAndDials(l net.Listener, addrs []string) {
	conns := make(chan net.Conn)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			conns <- c
		}
	}()
	go func() {
		for _, a := range addrs {
			c, _ := net.Dial("tcp", a)
			conns <- c
		}
	}()
	for c := range conns {
		go serveConn(c) // want `for every value received from conns`
	}
}

func connectionsPassedOn(l net.Listener, route func(chan net.Conn)) {
	conns := make(chan net.Conn)
	route(conns)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			conns <- c
		}
	}()
	for c := range conns {
		go serveConn(c) // want `for every value received from conns`
	}
}

func otherCase(l net.Listener, ticks <-chan time.Time) {
	conns := make(chan net.Conn)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			conns <- c
		}
	}()
	for {
		select {
		case c := <-conns:
			serveConn(c)
		case <-ticks:
			go handle(0) // want `on every iteration of the for loop`
		}
	}
}

func serveConn(net.Conn) {}

// The counter stops moving once it reaches the limit, so every later
// iteration starts a goroutine.
func stuckAtLimit(in <-chan string, kill func()) {
	n := 0
	for m := range in {
		if n == 10 {
			go kill() // want `for every value received from in`
			continue
		}
		fetch(m)
		n++
	}
}

// An iteration that starts the goroutine may leave the counter alone.
func countsOnlySome(in <-chan string, kill func()) {
	n := 0
	for m := range in {
		if n == 10 {
			go kill() // want `for every value received from in`
		}
		if m != "" {
			n++
		}
	}
}

// A graph visited once per node, with no semaphore around the loading.
type graphNode struct {
	once sync.Once
	deps []*graphNode
}

func (n *graphNode) visit() {
	n.once.Do(func() {
		var wg sync.WaitGroup
		for _, d := range n.deps {
			wg.Go(func() { // want `for every element of n.deps`
				d.visit()
			})
		}
		wg.Wait()
		fetch("node")
	})
}

func visitGraph(roots []*graphNode) {
	var wg sync.WaitGroup
	for _, r := range roots {
		wg.Go(func() { // want `for every element of roots`
			r.visit()
		})
	}
	wg.Wait()
}

// A pool's Acquire hands out a connection; the pool has no Release.
func poolAcquire(pool *limits.Pool, urls []string) {
	for _, u := range urls {
		conn := pool.Acquire()
		go func() { // want `for every element of urls`
			defer conn.Release()
			fetch(u)
		}()
	}
}

// Reaching the limit neither stops nor waits.
func limitOnlyLogged(jobs []string, limit int, done chan struct{}) {
	running := 0
	for _, j := range jobs {
		if running >= limit {
			handle(running)
		}
		running++
		go fetch(j) // want `for every element of jobs`
	}
	for range done {
		running--
	}
}

// The case switches itself off, but a timer, not the goroutine's answer,
// switches it on again.
func pollOnTimer(check func() bool, every time.Duration) {
	results := make(chan bool, 1)
	run := func() { results <- check() }
	ticker := time.NewTicker(every)
	var tick <-chan time.Time
	for {
		select {
		case <-tick:
			tick = nil
			go run() // want `on every iteration of the for loop`
		case <-time.After(every):
			tick = ticker.C
		case ok := <-results:
			if ok {
				return
			}
		}
	}
}

// Skipping the one iteration where the count equals the limit bounds
// nothing: the count goes past it.
func skipsAtLimit(jobs []string) {
	for i, j := range jobs {
		if i == 8 {
			continue
		}
		go fetch(j) // want `for every element of jobs`
	}
}

// Waiting once, when the count first equals the limit, bounds nothing
// after it.
func waitsOnceAtLimit(jobs []string) {
	var wg sync.WaitGroup
	for i, j := range jobs {
		if i == 8 {
			wg.Wait()
		}
		wg.Go(func() { fetch(j) }) // want `for every element of jobs`
	}
	wg.Wait()
}

// A call before the go statement and one inside it on the same value
// bound nothing when the first cannot wait.
func counted(c *limits.Counter, jobs []string) {
	for _, j := range jobs {
		c.Inc()
		go func() { // want `for every element of jobs`
			defer c.Dec()
			fetch(j)
		}()
	}
}

// The throttle is made per iteration: each one admits its goroutine.
func throttlePerItem(jobs []string) {
	for _, j := range jobs {
		t := limits.NewThrottle(1)
		_ = t.Do()
		go func() { // want `for every element of jobs`
			defer t.Done(nil)
			fetch(j)
		}()
	}
}

// A goroutine that loops over its own finite data is a task.
func perItemLoops(items [][]string) {
	for _, it := range items {
		go walkItems(it) // want `for every element of items`
	}
}

func walkItems(xs []string) {
	for _, x := range xs {
		fetch(x)
	}
}

// A query before the go statement waits for a connection, but returns
// it: nothing the goroutine gives back.
func queryThenExec(db *limits.DB, jobs []string) {
	for _, j := range jobs {
		n, _ := db.Query(j)
		go func() { // want `for every element of jobs`
			_ = db.Exec(j)
			handle(n)
		}()
	}
}

// Built from the data, element by element: per element still.
func fromData(jobs []string) {
	var tasks []string
	for _, j := range jobs {
		tasks = append(tasks, j+"!")
	}
	for _, t := range tasks {
		go fetch(t) // want `for every element of tasks`
	}
	more := []string{"a"}
	more = append(more, jobs...)
	for _, t := range more {
		go fetch(t) // want `for every element of more`
	}
}

// Two calls on a shared object are no slot when the second cannot give
// one back, or the first returns what it waited for.
type monitor struct {
	events chan string
	name   string
}

func (m *monitor) notify(e string) { m.events <- e }

func (m *monitor) logf(string) {}

func (m *monitor) health() string { return <-m.events }

func checks(m *monitor, jobs []string) {
	for _, j := range jobs {
		go func() { // want `for every element of jobs`
			m.notify(j)
			m.logf(j)
		}()
	}
	for _, j := range jobs {
		go func() { // want `for every element of jobs`
			m.logf(m.health() + j)
			m.notify(j)
		}()
	}
}

// The iteration gives the lock back itself before it starts the goroutine.
func readLockedScan(mu *sync.RWMutex, jobs []string) {
	for _, j := range jobs {
		mu.RLock()
		k := j + "!"
		mu.RUnlock()
		go func() { // want `for every element of jobs`
			mu.Lock()
			defer mu.Unlock()
			fetch(k)
		}()
	}
}

// The flag is set again on every message: the goroutine starts per
// message.
func flagReset(events <-chan string) {
	busy := false
	for e := range events {
		if !busy {
			busy = true
			go fetch(e) // want `for every value received from events`
		}
		if e == "" {
			busy = false
		}
	}
}

// A package list that the package grows is data.
var targets = []string{"a"}

func addTarget(t string) { targets = append(targets, t) }

func perTarget() {
	for _, t := range targets {
		go fetch(t) // want `for every element of targets`
	}
}
