package fix

import (
	"errors"
	"io"
)

// No fix when a statement leaves the body: the function literal would
// change where control goes.
func withContinue(cs []io.Closer, skip func(io.Closer) bool) {
	for _, c := range cs {
		if skip(c) {
			continue
		}
		defer c.Close() // want `defer c.Close\(\) runs when withContinue returns`
	}
}

func withBreak(cs []io.Closer, stop func(io.Closer) bool) {
	for _, c := range cs {
		defer c.Close() // want `defer c.Close\(\) runs when withBreak returns`
		if stop(c) {
			break
		}
	}
}

func withReturn(cs []io.Closer, bad func(io.Closer) bool) error {
	for _, c := range cs {
		defer c.Close() // want `defer c.Close\(\) runs when withReturn returns`
		if bad(c) {
			return errors.New("bad")
		}
	}
	return nil
}

func withLabelledContinue(groups [][]io.Closer) {
outer:
	for _, g := range groups {
		for _, c := range g {
			defer c.Close() // want `not after each iteration of the loop over g:`
			if c == nil {
				continue outer
			}
		}
	}
}

func withGoto(cs []io.Closer) {
	for _, c := range cs {
		defer c.Close() // want `defer c.Close\(\) runs when withGoto returns`
		if c == nil {
			goto done
		}
	}
done:
}

// A deferred recover or a use of a named result belongs to the
// function's return.
func withRecover(fs []func()) {
	for _, f := range fs {
		defer func() { // want `a deferred function literal runs when withRecover returns`
			recover()
		}()
		f()
	}
}

func withNamedResult(cs []io.Closer) (err error) {
	for _, c := range cs {
		defer func() { // want `a deferred function literal runs when withNamedResult returns`
			if cerr := c.Close(); cerr != nil && err == nil {
				err = cerr
			}
		}()
	}
	return nil
}

// A loop built with goto has no body to wrap.
func gotoLoop(cs []io.Closer) {
	i := 0
again:
	if i < len(cs) {
		defer cs[i].Close() // want `runs when gotoLoop returns, not after each iteration of the goto loop at label again`
		i++
		goto again
	}
}
