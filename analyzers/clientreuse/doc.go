// Package clientreuse defines an Analyzer that reports connection-pooling
// clients built per call or per item.
//
// # Analyzer clientreuse
//
// clientreuse: report connection pools (http.Transport, sql.DB, grpc.ClientConn) built on every iteration or call
//
// Placeholder.
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
