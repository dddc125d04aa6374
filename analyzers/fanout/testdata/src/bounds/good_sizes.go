package bounds

// A goroutine per element of a three-element list is a pool of three,
// declared at package level or locally alike.
var mirrors = []string{"eu", "us", "asia"}

func pingMirrors(ping func(string)) {
	for _, m := range mirrors {
		go ping(m)
	}
}

func pingLocalMirrors(ping func(string)) {
	local := []string{"eu", "us", "asia"}
	for _, m := range local {
		go ping(m)
	}
}

func pingFirstMirrors(ping func(string)) {
	for _, m := range mirrors[:2] {
		go ping(m)
	}
}
