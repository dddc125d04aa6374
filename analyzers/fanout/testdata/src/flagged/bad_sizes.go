package flagged

// A comparison in the body that does not end the loop is no bound: this
// starts a goroutine per element of urls, not a pool of four.
func notAPool(urls []string) {
	for i := range len(urls) {
		if i < 4 {
			println("early", i)
		}
		go fetch(urls[i]) // want `a goroutine is started for every element of urls with nothing bounding concurrency`
	}
}

// A package-level list that the package grows is data.
var peers = []string{"a", "b"}

func AddPeer(p string) { peers = append(peers, p) }

func dialPeers() {
	for _, p := range peers {
		go fetch(p) // want `a goroutine is started for every element of peers with nothing bounding concurrency`
	}
}
