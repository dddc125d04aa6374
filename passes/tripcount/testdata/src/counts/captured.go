package counts

// Loop variables captured by closures live in memory, one copy per
// iteration (Go 1.22 semantics); the count is read the same way.

func capturedCounted(xs []int, n int) (fs []func() int) {
	for i := 0; i < n; i++ { // want `trip int\(n\) hot`
		fs = append(fs, func() int { return i })
	}
	for i := 0; i < len(xs); i++ { // want `trip len\(xs\) hot`
		fs = append(fs, func() int { return xs[i] })
	}
	for i := 0; i < 64; i += 2 { // want `trip const\(32\) hot`
		fs = append(fs, func() int { return i })
	}
	for i := n; i > 0; i-- { // want `trip int\(n\) hot`
		fs = append(fs, func() int { return i })
	}
	return fs
}

func capturedNotCounted(n int) (fs []func() int) {
	for i := 0; i < n; i++ { // want `trip unknown hot`
		fs = append(fs, func() int { return i })
		i++
	}
	for i := 0; i < n; i++ { // want `trip unknown hot`
		fs = append(fs, func() int { i += 2; return i })
	}
	for i := 0; i < n; i++ { // want `trip unknown hot`
		p := &i
		fs = append(fs, func() int { return *p })
	}
	return fs
}

func capturedTwice(n int) (fs []func() func() int) {
	for i := 0; i < n; i++ { // want `trip int\(n\) hot`
		fs = append(fs, func() func() int { return func() int { return i } })
	}
	for i := 0; i < n; i++ { // want `trip unknown hot`
		fs = append(fs, func() func() int { return func() int { i++; return i } })
	}
	return fs
}
