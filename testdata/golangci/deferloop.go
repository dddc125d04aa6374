package fixture

import "os"

// sizes defers every file's Close until the function returns.
func sizes(names []string) (total int64) {
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		defer f.Close() // want deferloop
		if info, err := f.Stat(); err == nil {
			total += info.Size()
		}
	}
	return total
}
