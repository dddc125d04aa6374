package directives

import "net/http"

func suppressed(urls []string) {
	for _, u := range urls {
		//perfvet:ignore clientreuse each URL is a different one-off host, probed once
		c := &http.Client{Transport: &http.Transport{}}
		c.Get(u)
	}
}

func unused(urls []string) {
	//perfvet:ignore clientreuse nothing to suppress here // want `unused perfvet:ignore directive: no clientreuse finding on this line or the next; remove it`
	for _, u := range urls {
		http.Get(u)
	}
}
