package directives

func fetch(string) {}

func suppressed(urls []string) {
	for _, u := range urls {
		//perfvet:ignore fanout at most a handful of URLs, validated by the caller
		go fetch(u)
	}
}

func noReason(urls []string) {
	for _, u := range urls {
		/* want `perfvet:ignore directive needs a reason` */ //perfvet:ignore fanout
		go fetch(u)                                          // want `a goroutine is started for every element of urls`
	}
}
