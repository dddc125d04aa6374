package fix

func noImports(names []string) (n int) {
	joined := ""
	for _, name := range names {
		joined += name // want `joined grows by \+= on every iteration`
	}
	return len(joined)
}
