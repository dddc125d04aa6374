// Package clientreuse defines an Analyzer that reports connection-pooling
// clients built per call or per item.
//
// # Analyzer clientreuse
//
// clientreuse: report connection pools (http.Transport, sql.DB, grpc.ClientConn) built on every iteration or call
//
// An http.Transport, a *sql.DB and a *grpc.ClientConn each own a pool of
// connections that they keep open between requests. A new one starts
// empty: its first request pays for a new TCP connection and, over TLS, a
// full handshake, and the connections it leaves idle stay open until they
// time out. Built once per request or per item, the pool never pools.
// Measured by BenchmarkClientreuse (one GET to a local server, one run on
// a 2-core machine; a real network adds round trips): a transport per
// request is 8x slower than a shared one over plain HTTP and allocates
// 4x the bytes; over TLS, 39x slower and 27x the bytes (5.7 ms against
// 0.15 ms per request).
//
// The analyzer reports the construction of a value that owns a pool on
// every iteration of a hot loop (in any branch of the body, not when the
// iteration leaves the loop right after it, nor in the case of one
// constant key of a loop over a map), or on every call of a
// function that runs repeatedly: an HTTP handler (any function, method or
// function literal with the signature func(http.ResponseWriter,
// *http.Request), ServeHTTP included), a function called on the
// iterations of a hot loop of the package, a function a CPU profile shows
// hot (see docs/profiles.md), or a function such a function calls. The constructions are those of its table:
//
//   - net/http.Transport values (&http.Transport{...}, new, a copy), and
//     an http.Client literal whose Transport is one, reported as the
//     client; (*http.Transport).Clone;
//   - golang.org/x/net/http2.Transport values;
//   - google.golang.org/grpc.NewClient, Dial and DialContext;
//   - database/sql.Open and OpenDB;
//   - github.com/redis/go-redis/v9.NewClient and NewClusterClient,
//     github.com/jackc/pgx/v5/pgxpool.New and NewWithConfig,
//     go.mongodb.org/mongo-driver/mongo.Connect and its v2;
//   - the types and functions listed in the -clientreuse.pools flag
//     (importpath.Type for a type whose every value owns a pool,
//     importpath.Func or importpath.Type.Method for one that returns a
//     new pool), comma-separated;
//   - calls of the package's own constructors: functions that build one
//     of the above and return it.
//
// It stays silent on clients that reuse http.DefaultTransport
// (&http.Client{Timeout: t}: cheap to build) or wrap an existing
// transport in a RoundTripper of their own; on a pool that is kept: stored
// in a field, a package-level variable, a map or slice element
// (clients[host] = ...: one pool per destination, reused), sent on a
// channel, captured by a closure, or given to a function of the package
// that stores it; on construction guarded by a cache test (a map lookup,
// if s.client == nil) or under sync.Once; on a pool bound to the call,
// whose Dial, DialContext or other function field is a function literal
// capturing the call's variables (a test's in-memory connection, a
// per-call tunnel: one shared pool could not dial them; a method value
// such as (&net.Dialer{...}).DialContext is configuration and still
// reported); on a constructor whose result
// goes back to its caller (the caller decides; its loop or handler is
// reported instead); on construction, in a repeated function, that runs
// only when a string parameter equals a constant (one case of a function
// handling one key per call); on code run once per program (package
// initialisation, init, main and what they call); and on cold loops.
//
// No suggested fix: where the pool should live (a package-level
// variable, a field of the server, a parameter) is a design decision. The
// message says what is lost and where to build it once.
//
// Before:
//
//	func fetch(w http.ResponseWriter, r *http.Request) {
//		client := &http.Client{Transport: &http.Transport{MaxIdleConns: 10}}
//		resp, err := client.Get(backend)
//		...
//	}
//
// After:
//
//	var client = &http.Client{Transport: &http.Transport{MaxIdleConns: 10}}
//
//	func fetch(w http.ResponseWriter, r *http.Request) {
//		resp, err := client.Get(backend)
//		...
//	}
package clientreuse
