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
