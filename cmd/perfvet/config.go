package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
	"golang.org/x/tools/go/analysis"
)

// configName is the configuration file perfvet reads from the root of
// the module it runs in, beside go.mod, as linters such as golangci-lint
// read theirs.
const configName = ".perfvet.yml"

// fileConfig is the content of a configuration file. Every setting has
// a flag, and flags on the command line win over the file.
type fileConfig struct {
	// Enable lists the only analyzers that run; Disable, analyzers that
	// do not. Either is ignored when the command line names analyzers.
	Enable  []string `yaml:"enable"`
	Disable []string `yaml:"disable"`
	// Options sets analyzer and pass options: name, option, value, as
	// the -name.option flags take them.
	Options map[string]map[string]any `yaml:"options"`
	// Profile lists CPU profiles, relative to the file's directory.
	Profile stringList `yaml:"profile"`
	Hot     *float64   `yaml:"hot"`
	// TestFiles reports findings in _test.go files.
	TestFiles *bool `yaml:"testfiles"`
	// Exclude lists paths, relative to the file's directory, whose
	// findings are not reported: "dir/" for a directory tree, or a
	// pattern (path.Match) of a path or of a file's base name.
	Exclude []string `yaml:"exclude"`
}

// stringList is a YAML string or list of strings.
type stringList []string

func (l *stringList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*l = stringList{n.Value}
		return nil
	}
	var list []string
	if err := n.Decode(&list); err != nil {
		return err
	}
	*l = list
	return nil
}

// config is the configuration in effect for a standalone run.
type config struct {
	path string // the file read, or "" for none
	dir  string // the directory the file's paths are relative to
	file fileConfig
}

// loadConfig reads the configuration that applies to a standalone run
// with args: the file -config names, or the module root's .perfvet.yml
// if there is one, or none (-config=off, or no file).
func loadConfig(args []string, all []*analysis.Analyzer) (*config, error) {
	fsys, values := shadowFlagSet(all)
	if fsys.Parse(args) != nil {
		return &config{}, nil // the driver reports flag errors
	}
	name := ""
	if v := values["config"]; v != nil && v.set {
		name = v.value
	}
	switch name {
	case "off":
		return &config{}, nil
	case "":
		root, err := moduleRootDir()
		if err != nil {
			return &config{}, nil // not in a module: the go command will say so
		}
		name = filepath.Join(root, configName)
		if _, err := os.Stat(name); errors.Is(err, fs.ErrNotExist) {
			return &config{}, nil
		}
	}
	return readConfig(name)
}

// readConfig parses the configuration file at name, rejecting keys it
// does not define so that a misspelt setting is not silently ignored.
func readConfig(name string) (*config, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("reading configuration: %w", err)
	}
	c := &config{path: name, dir: filepath.Dir(name)}
	if c.dir, err = filepath.Abs(c.dir); err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c.file); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %s", name, strings.ReplaceAll(err.Error(), "\n", "; "))
	}
	return c, nil
}

// moduleRootDir returns the directory of the go.mod that encloses the
// current directory.
func moduleRootDir() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod")
		}
		dir = parent
	}
}

// args returns the flags that say what the file says, to go before the
// command line's own, which thereby win: the flag package keeps the last
// value it is given. The analyzer selection is left to the command line
// when it names any analyzer.
func (c *config) args(userArgs []string, all []*analysis.Analyzer) ([]string, error) {
	if c.path == "" {
		return nil, nil
	}
	var out []string
	byName := make(map[string]*analysis.Analyzer, len(all))
	for _, a := range all {
		byName[a.Name] = a
	}
	if !namesAnalyzers(userArgs, all) {
		for _, list := range []struct {
			key   string
			names []string
			value string
		}{{"enable", c.file.Enable, "true"}, {"disable", c.file.Disable, "false"}} {
			for _, name := range list.names {
				if byName[name] == nil {
					return nil, fmt.Errorf("%s: %s: unknown analyzer %q", c.path, list.key, name)
				}
				out = append(out, "-"+name+"="+list.value)
			}
		}
	}
	for name, opts := range c.file.Options {
		for opt, v := range opts {
			flagName := name + "." + opt
			f := flag.Lookup(flagName)
			if f == nil && analyzerHasFlag(byName[name], opt) {
				f = byName[name].Flags.Lookup(opt)
			}
			if f == nil {
				return nil, fmt.Errorf("%s: options: unknown option %s", c.path, flagName)
			}
			// Checked here, where the error can name the file; this
			// process only supervises, so setting the value changes
			// nothing the analysis sees.
			if err := f.Value.Set(fmt.Sprint(v)); err != nil {
				return nil, fmt.Errorf("%s: options: %s: invalid value %v: %v", c.path, flagName, v, err)
			}
			out = append(out, "-"+flagName+"="+fmt.Sprint(v))
		}
	}
	if len(c.file.Profile) > 0 {
		paths := make([]string, len(c.file.Profile))
		for i, p := range c.file.Profile {
			paths[i] = c.abs(p)
		}
		out = append(out, "-profile="+strings.Join(paths, ","))
	}
	if c.file.Hot != nil {
		out = append(out, "-hot="+strconv.FormatFloat(*c.file.Hot, 'g', -1, 64))
	}
	if c.file.TestFiles != nil {
		out = append(out, "-testfiles="+strconv.FormatBool(*c.file.TestFiles))
	}
	return out, nil
}

// abs returns path p of the file, relative to its directory.
func (c *config) abs(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(c.dir, p)
}

func analyzerHasFlag(a *analysis.Analyzer, name string) bool {
	return a != nil && a.Flags.Lookup(name) != nil
}

// namesAnalyzers reports whether args set an analyzer's flag (-name or
// -name=false).
func namesAnalyzers(args []string, all []*analysis.Analyzer) bool {
	fsys, values := shadowFlagSet(all)
	if fsys.Parse(args) != nil {
		return false
	}
	for _, a := range all {
		if v := values[a.Name]; v != nil && v.set {
			return true
		}
	}
	return false
}

// excluded reports whether the file at path, absolute, is excluded by
// the configuration.
func (c *config) excluded(file string) bool {
	if c == nil || len(c.file.Exclude) == 0 {
		return false
	}
	rel, ok := relativePath(c.dir, file)
	if !ok {
		return false
	}
	for _, pattern := range c.file.Exclude {
		if dir, ok := strings.CutSuffix(pattern, "/"); ok {
			if rel == dir || strings.HasPrefix(rel, dir+"/") {
				return true
			}
			continue
		}
		if ok, _ := path.Match(pattern, rel); ok {
			return true
		}
		if ok, _ := path.Match(pattern, path.Base(rel)); ok {
			return true
		}
	}
	return false
}

// activeConfig is the configuration of this standalone run, for the
// settings that are not flags (Exclude).
var activeConfig *config

// applyConfig reads the run's configuration and puts its settings in
// front of the command line's, so that the command line wins.
func applyConfig(all []*analysis.Analyzer) {
	c, err := loadConfig(os.Args[1:], all)
	if err != nil {
		fail(err)
	}
	extra, err := c.args(os.Args[1:], all)
	if err != nil {
		fail(err)
	}
	activeConfig = c
	os.Args = append(append([]string{os.Args[0]}, extra...), os.Args[1:]...)
}
