package loop

import (
	"database/sql"
	"net"
	"net/http"
	"time"

	"google.golang.org/grpc"
)

// fetchAll builds a transport, and so a pool, for every URL.
func fetchAll(urls []string) error {
	for _, u := range urls {
		client := &http.Client{Transport: &http.Transport{MaxIdleConns: 10}, Timeout: time.Second} // want `&http.Client\{Transport: &http.Transport\{...\}\} makes a new http.Transport connection pool on every iteration of the loop over urls, losing keep-alive connections \(a new TCP and TLS handshake per request\) and leaving idle ones open until they time out; build it before the loop and reuse it`
		resp, err := client.Get(u)
		if err != nil {
			return err
		}
		resp.Body.Close()
	}
	return nil
}

// transportOnly uses the transport directly.
func transportOnly(reqs []*http.Request) error {
	for _, req := range reqs {
		tr := &http.Transport{} // want `&http.Transport\{...\} makes a new http.Transport connection pool on every iteration of the loop over reqs`
		resp, err := tr.RoundTrip(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
	}
	return nil
}

// cloned clones the default transport for every request.
func cloned(reqs []*http.Request) {
	for _, req := range reqs {
		tr := http.DefaultTransport.(*http.Transport).Clone() // want `\(\*http.Transport\).Clone makes a new http.Transport connection pool on every iteration of the loop over reqs`
		c := http.Client{Transport: tr}
		if resp, err := c.Do(req); err == nil {
			resp.Body.Close()
		}
	}
}

// query opens the database for every query.
func query(dsn string, ids []int) error {
	for _, id := range ids {
		db, err := sql.Open("postgres", dsn) // want `sql.Open makes a new sql.DB connection pool on every iteration of the loop over ids`
		if err != nil {
			return err
		}
		_, err = db.Exec("DELETE FROM t WHERE id = $1", id)
		db.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// dialEach dials a gRPC connection for every target, in a branch.
func dialEach(targets []string, secure bool) {
	for _, t := range targets {
		if secure {
			conn, err := grpc.NewClient(t) // want `grpc.NewClient makes a new grpc.ClientConn connection pool on every iteration of the loop over targets`
			if err == nil {
				conn.Close()
			}
		}
	}
}

// newClient is a constructor: the loop that calls it is reported.
func newClient() *http.Client {
	return &http.Client{Transport: &http.Transport{IdleConnTimeout: time.Minute}}
}

func poll(urls []string) {
	for _, u := range urls {
		c := newClient() // want `newClient makes a new http.Transport connection pool on every iteration of the loop over urls`
		if resp, err := c.Get(u); err == nil {
			resp.Body.Close()
		}
	}
}

// dialer sets DialContext to a method value, configuration rather than
// state of the call: still a new pool per URL.
func dialer(urls []string, timeout time.Duration) {
	for _, u := range urls {
		tr := &http.Transport{DialContext: (&net.Dialer{Timeout: timeout}).DialContext} // want `&http.Transport\{...\} makes a new http.Transport connection pool on every iteration of the loop over urls`
		c := &http.Client{Transport: tr}
		c.Get(u)
	}
}
