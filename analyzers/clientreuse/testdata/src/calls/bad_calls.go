package calls

import (
	"database/sql"
	"io"
	"net/http"
	"time"
)

// proxy builds a client with its own transport on every request.
func proxy(w http.ResponseWriter, r *http.Request) {
	client := &http.Client{ // want `&http.Client\{Transport: &http.Transport\{...\}\} makes a new http.Transport connection pool on every call of proxy, an HTTP handler, run on every request, losing keep-alive connections .*; build it once \(a package-level variable, or a field set up at start-up\) and reuse it`
		Transport: &http.Transport{MaxIdleConnsPerHost: 4},
		Timeout:   10 * time.Second,
	}
	resp, err := client.Get("http://backend/" + r.URL.Path)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}

type api struct{ dsn string }

// ServeHTTP opens the database on every request.
func (a *api) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	db, err := sql.Open("postgres", a.dsn) // want `sql.Open makes a new sql.DB connection pool on every call of api.ServeHTTP, an HTTP handler`
	if err != nil {
		return
	}
	defer db.Close()
	db.Ping()
}

// routes registers a handler literal.
func routes(mux *http.ServeMux) {
	mux.HandleFunc("/x", func(w http.ResponseWriter, r *http.Request) {
		tr := &http.Transport{} // want `&http.Transport\{...\} makes a new http.Transport connection pool on every call of a function literal in routes, an HTTP handler`
		defer tr.CloseIdleConnections()
		c := &http.Client{Transport: tr}
		c.Get("http://backend/x")
	})
}

// check is called on every iteration of the loop in checkAll.
func check(url string) bool {
	c := &http.Client{Transport: &http.Transport{}} // want `on every call of check, called on every iteration of the loop over urls in checkAll`
	resp, err := c.Head(url)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return true
}

func checkAll(urls []string) (n int) {
	for _, u := range urls {
		if check(u) {
			n++
		}
	}
	return n
}

// newTransport returns what it builds: a constructor. The handler that
// calls it is reported.
func newTransport() *http.Transport {
	return &http.Transport{DisableCompression: true}
}

func download(w http.ResponseWriter, r *http.Request) {
	c := &http.Client{Transport: newTransport()} // want `&http.Client\{Transport: newTransport\} makes a new http.Transport connection pool on every call of download, an HTTP handler`
	c.Get("http://backend/file")
}
