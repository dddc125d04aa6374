package repeat

import (
	"errors"
	"io"
	"log"
	"os"
	"sync"
)

// The fix already applied: the literal returns at the end of each
// iteration, running its defer.
func perIteration(names []string) (n int) {
	for _, name := range names {
		func() {
			f, err := os.Open(name)
			if err != nil {
				return
			}
			defer f.Close()
			n++
		}()
	}
	return n
}

// Try each candidate, defer its Close, return the first that works: the
// iteration that defers returns.
func firstThatWorks(names []string, use func(*os.File) error) error {
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		defer f.Close()
		return use(f)
	}
	return errors.New("none worked")
}

// Both branches after the defer return.
func bothReturn(mus []*sync.Mutex, ok func() bool) bool {
	for _, mu := range mus {
		if !ok() {
			continue
		}
		mu.Lock()
		defer mu.Unlock()
		if ok() {
			return true
		}
		return false
	}
	return false
}

// The defer runs once, then the loop is left by break.
func deferThenBreak(cs []io.Closer) {
	for _, c := range cs {
		if c != nil {
			defer c.Close()
			break
		}
	}
}

// A path that only panics or exits ends the computation.
func deferThenFatal(cs []io.Closer) {
	for _, c := range cs {
		if c == nil {
			defer log.Print("no closer")
			log.Fatal("nil closer")
		}
	}
}

// Cold loops: a constant trip count below the threshold.
func cold(mus [4]sync.Mutex) {
	for i := range mus {
		mus[i].Lock()
		defer mus[i].Unlock()
	}
	for i := 0; i < 3; i++ {
		defer log.Print(i)
	}
	for _, c := range []io.Closer{os.Stdin, os.Stdout} {
		defer c.Close()
	}
}

// A defer outside any loop.
func outside(cs []io.Closer) {
	defer log.Print("done")
	for _, c := range cs {
		c.Close()
	}
}

// A function literal defined in the loop and called per iteration.
func namedLiteral(cs []io.Closer) {
	for _, c := range cs {
		closeOne := func() {
			defer c.Close()
		}
		closeOne()
	}
}

// Files kept for use after the loop must stay open until the function
// returns: holding them is the point, and the defer closes them then.
func keptFiles(names []string) ([]byte, error) {
	var readers []io.Reader
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		readers = append(readers, f)
	}
	return io.ReadAll(io.MultiReader(readers...))
}

type entry struct {
	f    *os.File
	size int64
}

func keptInMap(names []string, use func(map[string]*os.File)) {
	open := make(map[string]*os.File)
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		defer func() { f.Close() }()
		open[name] = f
	}
	use(open)
}

func keptInStruct(names []string, use func([]entry)) {
	var entries []entry
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		defer f.Close()
		entries = append(entries, entry{f: f})
	}
	use(entries)
}

// tempInput keeps the file it creates in a variable of the function, used
// after the loop: the deferred literal removes what the variable holds
// when the function returns, and the loop fills it at most once.
func tempInput(args []string) (*os.File, error) {
	var in *os.File
	for _, arg := range args {
		if arg != "$in" {
			continue
		}
		if in != nil {
			return nil, errors.New("more than one input")
		}
		var err error
		if in, err = os.CreateTemp("", "in-*"); err != nil {
			return nil, err
		}
		defer func() {
			os.Remove(in.Name())
		}()
	}
	return in, nil
}
