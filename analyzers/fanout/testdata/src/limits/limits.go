// Package limits is a semaphore and a connection pool written outside
// golang.org/x/sync, for the fanout tests.
package limits

// Semaphore bounds how many holders run at once.
type Semaphore struct{ ch chan struct{} }

func NewSemaphore(n int) Semaphore { return Semaphore{ch: make(chan struct{}, n)} }

func (s Semaphore) Acquire() { s.ch <- struct{}{} }

func (s Semaphore) AcquireMaybe() bool {
	select {
	case s.ch <- struct{}{}:
		return true
	default:
		return false
	}
}

func (s Semaphore) Release() { <-s.ch }

// Limiter is a semaphore behind an interface.
type Limiter interface {
	Acquire() error
	Release()
}

// Pool hands out connections; its Acquire is not a semaphore's, the
// connection is released, not the pool.
type Pool struct{}

type Conn struct{}

func (*Pool) Acquire() *Conn { return &Conn{} }

func (*Conn) Release() {}

// Throttle admits a fixed number of holders at once: Do waits for a
// slot, Done gives it back with the holder's error.
type Throttle struct {
	ch    chan struct{}
	errCh chan error
}

func NewThrottle(n int) *Throttle {
	return &Throttle{ch: make(chan struct{}, n), errCh: make(chan error, n)}
}

func (t *Throttle) Do() error { t.ch <- struct{}{}; return nil }

func (t *Throttle) Done(err error) { <-t.ch; t.errCh <- err }

func (t *Throttle) Finish() error { return nil }

// Split divides xs into n parts.
func Split[T any](xs []T, n int) [][]T {
	parts := make([][]T, n)
	for i, x := range xs {
		parts[i%n] = append(parts[i%n], x)
	}
	return parts
}

// Counter counts events; its methods never wait.
type Counter struct{ n int }

func (c *Counter) Inc() { c.n++ }

func (c *Counter) Dec() { c.n-- }

// DB holds a pool of connections; its queries wait for one, but hand
// back a result, not a slot the caller gives back later.
type DB struct{ conns chan int }

func (d *DB) Query(q string) (int, error) { return <-d.conns, nil }

func (d *DB) Exec(q string) error { return nil }
