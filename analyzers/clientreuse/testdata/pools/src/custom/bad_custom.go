package custom

import "example.com/pool"

// Entries of -clientreuse.pools are reported like the built-in ones.
func each(addrs []string, d *pool.Dialer) {
	for _, a := range addrs {
		c := pool.Open(a) // want `pool.Open makes a new pool.Conn connection pool on every iteration of the loop over addrs`
		c.Query("x")
		d.Dial(a).Query("y") // want `\(\*pool.Dialer\).Dial makes a new pool.Conn connection pool on every iteration of the loop over addrs`
		lit := &pool.Conn{}  // want `&pool.Conn\{...\} makes a new pool.Conn connection pool`
		lit.Query("z")
	}
}
