package lint

import "flag"

// SetCommandLine makes selected read fs instead of the process's
// command line, until the returned function restores it.
func SetCommandLine(fs *flag.FlagSet) (restore func()) {
	old := commandLine
	commandLine = fs
	return func() { commandLine = old }
}
