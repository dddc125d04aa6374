package clientreuse_test

import (
	"crypto/tls"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkClientreuse compares a request through a transport built for
// it (what the analyzer reports) with a request through one shared
// transport (its remedy), against a local server over plain HTTP and
// over TLS. The per-request transports close their idle connections
// after use, or the benchmark would run out of file descriptors: the
// real anti-pattern leaves them open until IdleConnTimeout.
func BenchmarkClientreuse(b *testing.B) {
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })
	for _, tc := range []struct {
		name string
		srv  *httptest.Server
	}{
		{"http", httptest.NewServer(handler)},
		{"tls", httptest.NewTLSServer(handler)},
	} {
		defer tc.srv.Close()
		var cfg *tls.Config
		if t, ok := tc.srv.Client().Transport.(*http.Transport); ok {
			cfg = t.TLSClientConfig
		}
		b.Run(tc.name+"/per-request", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				//perfvet:ignore clientreuse the benchmark measures a transport per request
				tr := &http.Transport{TLSClientConfig: cfg}
				get(b, &http.Client{Transport: tr}, tc.srv.URL)
				tr.CloseIdleConnections()
			}
		})
		b.Run(tc.name+"/shared", func(b *testing.B) {
			b.ReportAllocs()
			tr := &http.Transport{TLSClientConfig: cfg}
			defer tr.CloseIdleConnections()
			client := &http.Client{Transport: tr}
			for b.Loop() {
				get(b, client, tc.srv.URL)
			}
		})
	}
}

func get(b *testing.B, c *http.Client, url string) {
	resp, err := c.Get(url)
	if err != nil {
		b.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}
