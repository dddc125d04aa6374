package clientreuse

import "testing"

func TestDefaultPoolsParse(t *testing.T) {
	for _, s := range defaultPools {
		p, err := parsePool(s)
		if err != nil {
			t.Error(err)
			continue
		}
		if p.String() != s {
			t.Errorf("parsePool(%q) prints as %q", s, p.String())
		}
	}
}

func TestParsePool(t *testing.T) {
	for _, tc := range []struct {
		in               string
		path, recv, name string
	}{
		{"database/sql.Open", "database/sql", "", "Open"},
		{"net/http.Transport.Clone", "net/http", "Transport", "Clone"},
		{"github.com/redis/go-redis/v9.NewClient", "github.com/redis/go-redis/v9", "", "NewClient"},
		{"example.com/pool.Conn", "example.com/pool", "", "Conn"},
	} {
		p, err := parsePool(tc.in)
		if err != nil || p.path != tc.path || p.recv != tc.recv || p.name != tc.name {
			t.Errorf("parsePool(%q) = %+v, %v; want path %q recv %q name %q", tc.in, p, err, tc.path, tc.recv, tc.name)
		}
	}
	for _, bad := range []string{"noDot", "a/b", "a/b.T.M.X", "a/b."} {
		if _, err := parsePool(bad); err == nil {
			t.Errorf("parsePool(%q): want an error", bad)
		}
	}
}
