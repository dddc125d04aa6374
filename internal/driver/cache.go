package driver

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"
)

// A Cache stores the results of units in a directory, one file per key.
// Writes go to a temporary file renamed into place, so that concurrent
// runs sharing the directory never see half an entry; a hit refreshes
// the entry's time, and Trim drops the least recently used entries.
// Most packages have no findings: their entry is an empty file, which
// cannot be half written, and is created in place.
type Cache struct {
	dir  string
	dirs sync.Map // subdirectories known to exist
}

// OpenCache returns the cache in dir, creating the directory.
func OpenCache(dir string) (*Cache, error) {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, err
	}
	return &Cache{dir: dir}, nil
}

// entry is the stored form of a result.
type entry struct {
	Diagnostics map[string][]Diagnostic `json:"diagnostics,omitempty"`
}

// path returns the file of key, in a subdirectory named by its first
// two characters so that no directory grows too large.
func (c *Cache) path(key string) string {
	return filepath.Join(c.dir, key[:2], key)
}

// get returns the result stored under key.
func (c *Cache) get(key string) (Result, bool) {
	p := c.path(key)
	data, err := os.ReadFile(p)
	if err != nil {
		return Result{}, false
	}
	var e entry
	if len(data) > 0 && json.Unmarshal(data, &e) != nil {
		return Result{}, false // a damaged entry is a miss
	}
	now := time.Now()
	_ = os.Chtimes(p, now, now) // for Trim; failing to refresh only ages the entry
	return Result{Diagnostics: e.Diagnostics}, true
}

// put stores r under key. Failing to store only costs a later miss, so
// errors are dropped.
func (c *Cache) put(key string, r Result) {
	p := c.path(key)
	if !c.makeDir(filepath.Dir(p)) {
		return
	}
	if len(r.Diagnostics) == 0 {
		if f, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o666); err == nil {
			f.Close()
		}
		return
	}
	data, err := json.Marshal(entry{Diagnostics: r.Diagnostics})
	if err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), "tmp-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), p) != nil {
		os.Remove(tmp.Name())
	}
}

// makeDir creates dir unless it is known to exist, and reports whether
// it exists.
func (c *Cache) makeDir(dir string) bool {
	if _, ok := c.dirs.Load(dir); ok {
		return true
	}
	if os.MkdirAll(dir, 0o777) != nil {
		return false
	}
	c.dirs.Store(dir, true)
	return true
}

// Trim removes the least recently used entries until the cache holds
// at most limit bytes.
func (c *Cache) Trim(limit int64) error {
	type file struct {
		path string
		size int64
		used time.Time
	}
	var files []file
	var total int64
	err := filepath.WalkDir(c.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // removed by a concurrent run
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		files = append(files, file{p, info.Size(), info.ModTime()})
		total += info.Size()
		return nil
	})
	if err != nil {
		return err
	}
	slices.SortFunc(files, func(a, b file) int { return a.used.Compare(b.used) })
	for _, f := range files {
		if total <= limit {
			break
		}
		if os.Remove(f.path) == nil {
			total -= f.size
		}
	}
	return nil
}
