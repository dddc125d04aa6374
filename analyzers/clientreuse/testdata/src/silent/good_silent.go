package silent

import (
	"database/sql"
	"net"
	"net/http"
	"sync"
	"time"
)

// A client built once, at package level.
var shared = &http.Client{Transport: &http.Transport{MaxIdleConns: 100}}

// Clients that reuse http.DefaultTransport are cheap to build.
func withTimeout(w http.ResponseWriter, r *http.Request) {
	c := &http.Client{Timeout: 5 * time.Second}
	c.Get("http://backend/")
}

func withTimeoutInLoop(urls []string) {
	for _, u := range urls {
		c := http.Client{Timeout: time.Second}
		c.Get(u)
	}
}

// logging wraps an existing transport: the wrapper owns no pool.
type logging struct{ base http.RoundTripper }

func (l *logging) RoundTrip(r *http.Request) (*http.Response, error) { return l.base.RoundTrip(r) }

func wrapped(urls []string) {
	for _, u := range urls {
		c := &http.Client{Transport: &logging{base: http.DefaultTransport}}
		c.Get(u)
	}
}

// service stores its client in a field, built once.
type service struct {
	client *http.Client
	db     *sql.DB
	once   sync.Once
}

func (s *service) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.client == nil {
		s.client = &http.Client{Transport: &http.Transport{}}
	}
	s.once.Do(func() {
		s.db, _ = sql.Open("postgres", "dsn")
	})
	s.client.Get("http://backend/")
}

// perHost builds one pool per destination and keeps it for reuse.
func perHost(hosts []string) map[string]*http.Client {
	clients := make(map[string]*http.Client)
	for _, h := range hosts {
		clients[h] = &http.Client{Transport: &http.Transport{}}
	}
	return clients
}

type pool struct{ clients []*http.Client }

func (p *pool) fill(hosts []string) {
	for range hosts {
		p.clients = append(p.clients, &http.Client{Transport: &http.Transport{}})
	}
}

// perHostCached looks the client up before building one.
func perHostCached(cache map[string]*http.Client, hosts []string) {
	for _, h := range hosts {
		c, ok := cache[h]
		if !ok {
			c = &http.Client{Transport: &http.Transport{}}
			cache[h] = c
		}
		c.Get("http://" + h)
	}
}

// newClient is a constructor, called once from main.
func newClient() *http.Client {
	return &http.Client{Transport: &http.Transport{IdleConnTimeout: time.Minute}}
}

func openDB(dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	return db, nil
}

func main() {
	c := newClient()
	db, _ := openDB("dsn")
	tr := &http.Transport{}
	_, _, _ = c, db, tr
	http.Handle("/", &service{client: c})
}

// cold builds three pools, one per fixed backend.
func cold() {
	for i := 0; i < 3; i++ {
		c := &http.Client{Transport: &http.Transport{}}
		c.Get("http://backend/")
	}
}

// sent hands each pool to another goroutine, which owns it.
func sent(ch chan<- *http.Transport, n int) {
	for range n {
		ch <- &http.Transport{}
	}
}

// firstReachable builds a pool and returns right after: once per call.
func firstReachable(urls []string) *http.Response {
	for _, u := range urls {
		if u != "" {
			c := &http.Client{Transport: &http.Transport{}}
			resp, _ := c.Get(u)
			return resp
		}
	}
	return nil
}

// init builds pools once per program.
func init() {
	for range 10 {
		_ = &http.Transport{}
	}
}

var used = []any{shared, withTimeout, withTimeoutInLoop, wrapped, perHost, perHostCached, main, cold, sent, firstReachable}

// fakeDial builds each transport around this call's own connection, as
// tests do: a shared transport could not dial it.
func fakeDial(reqs []*http.Request, conns []net.Conn) {
	for i, req := range reqs {
		conn := conns[i]
		tr := &http.Transport{Dial: func(network, addr string) (net.Conn, error) { return conn, nil }}
		tr.RoundTrip(req)
	}
}

var _ = fakeDial
