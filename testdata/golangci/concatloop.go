package fixture

// joinLines grows a string across iterations; concatloop offers a fix.
func joinLines(names []string) string {
	var out string
	for _, name := range names {
		out += name + "\n" // want concatloop
	}
	return out
}

// fiveTimes loops a constant five times: cold under the default
// threshold of 8, reported because .golangci.yml sets tripcount.cold to 4.
func fiveTimes(s string) string {
	out := ""
	for i := 0; i < 5; i++ {
		out += s // want concatloop
	}
	return out
}

// joinSuppressed is joinLines with a //nolint directive, which
// golangci-lint honours for every perfvet finding.
func joinSuppressed(names []string) string {
	var out string
	for _, name := range names {
		out += name + "\n" //nolint:perfvet // names holds a handful of entries
	}
	return out
}
