package fix

import (
	"io"
	"os"
	"sync"
)

func count(r io.Reader) int { return 0 }

func openEach(names []string) (total int) {
	for _, name := range names {
		f, err := os.Open(name)
		if err == nil {
			defer f.Close() // want `defer f.Close\(\) runs when openEach returns`
			total += count(f)
		}
	}
	return total
}

// Text in raw strings and block comments keeps its indentation; blank
// lines stay blank.
func rawText(mus []*sync.Mutex, write func(string)) {
	for i := 0; i < len(mus); i++ {
		mus[i].Lock()
		defer mus[i].Unlock() // want `defer mus\[i\].Unlock\(\) runs when rawText returns`

		/* a block comment
		   over two lines */
		write(`line one
line two`)
	}
}

// break and continue aimed inside the body, labels declared in it and
// returns inside function literals do not leave the body. Only the
// first of two defers carries the fix.
func innerBranches(groups [][]io.Closer, pick func(io.Closer) int) {
	for _, g := range groups {
		defer g[0].Close() // want `defer g\[0\].Close\(\) runs when innerBranches returns`
	inner:
		for _, c := range g {
			switch pick(c) {
			case 0:
				break
			case 1:
				continue
			case 2:
				continue inner
			case 3:
				break inner
			}
			select {
			default:
				break
			}
		}
		func() {
			return
		}()
		defer g[1].Close() // want `defer g\[1\].Close\(\) runs when innerBranches returns`
	}
}

// A comment after the opening brace moves to the function literal's line.
func commentAfterBrace(cs []io.Closer) {
	for _, c := range cs { // close them all
		defer c.Close() // want `defer c.Close\(\) runs when commentAfterBrace returns`
	}
}
