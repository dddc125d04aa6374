// Package pool is a stub of a client library whose values own
// connections.
package pool

type Conn struct{}

func (*Conn) Query(string) error { return nil }

func Open(addr string) *Conn { return &Conn{} }

type Dialer struct{}

func (*Dialer) Dial(addr string) *Conn { return &Conn{} }
