package rangefunc

import (
	"io"
	"iter"
)

// The body returns from the function right after the defer.
func first(seq iter.Seq[io.Closer], use func(io.Closer) error) error {
	for c := range seq {
		defer c.Close()
		return use(c)
	}
	return nil
}

// Returning from inside a loop around the range statement too.
func firstOfAll(seqs []iter.Seq[io.Closer], use func(io.Closer) error) error {
	for _, seq := range seqs {
		for c := range seq {
			defer c.Close()
			return use(c)
		}
	}
	return nil
}

// break after the defer: once per range statement, which runs once.
func breakOnce(seq iter.Seq[io.Closer]) {
	for c := range seq {
		defer c.Close()
		break
	}
}
