// Command hot is a workload for perfvet's profile tests: the same
// anti-pattern on a hot path and on a cold one. Run with a file name, it
// writes a CPU profile of itself there.
package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"time"

	"example.com/hot/work"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: hot cpu.pprof")
		os.Exit(2)
	}
	f, err := os.Create(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	words := make([]string, 200)
	for i := range words {
		words[i] = fmt.Sprint(i)
	}
	n := len(banner(words[:10]))
	for deadline := time.Now().Add(1500 * time.Millisecond); time.Now().Before(deadline); {
		n += len(work.Join(words))
		// Three calls a round keep Numeric well sampled even when the
		// machine is busy and the profile has few samples.
		for _, w := range words[:3] {
			if work.Numeric(w) {
				n++
			}
		}
	}
	pprof.StopCPUProfile()
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(n > 0)
}

// banner runs once: its concatenation is cold.
func banner(words []string) string {
	s := ""
	for _, w := range words {
		s += w + " "
	}
	return s
}
