package rangefunc

import (
	"io"
	"iter"
)

// The body of a range-over-func statement is called once per element.
func each(seq iter.Seq[io.Closer]) {
	for c := range seq {
		defer c.Close() // want `defer c.Close\(\) runs when each returns, not after each iteration of the loop over seq:`
	}
}

// Stopping on some paths only.
func sometimes(seq iter.Seq[io.Closer], stop func() bool) {
	for c := range seq {
		defer c.Close() // want `runs when sometimes returns, not after each iteration of the loop over seq:`
		if stop() {
			break
		}
	}
}

// break ends the range statement but not the loop around it.
func breakInOuter(seqs []iter.Seq[io.Closer]) {
	for _, seq := range seqs {
		for c := range seq {
			defer c.Close() // want `runs when breakInOuter returns, not after each iteration of the loop over seqs`
			break
		}
	}
}
