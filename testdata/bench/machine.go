package main

import (
	"bufio"
	"os"
	"runtime"
	"strconv"
	"strings"
)

// machine describes where the measurement ran.
type machine struct {
	CPUs      int
	CPUModel  string
	MemoryGiB float64
	GoVersion string
	Platform  string
	// LoadBefore and LoadAfter are the one-minute load averages when the
	// measurement started and ended: on a shared machine they say how
	// much the absolute figures are to be trusted.
	LoadBefore, LoadAfter string
}

// describeMachine reads what /proc and the go command say about this
// machine; what cannot be read is left "unknown".
func describeMachine() machine {
	m := machine{
		CPUs:       runtime.NumCPU(),
		CPUModel:   procField("/proc/cpuinfo", "model name"),
		GoVersion:  "unknown",
		Platform:   runtime.GOOS + "/" + runtime.GOARCH,
		LoadBefore: loadAverage(),
	}
	if out, err := goOutput(".", "env", "GOVERSION"); err == nil {
		m.GoVersion = strings.TrimSpace(string(out))
	}
	if kb, err := strconv.ParseFloat(strings.TrimSuffix(procField("/proc/meminfo", "MemTotal"), " kB"), 64); err == nil {
		m.MemoryGiB = kb / (1 << 20)
	}
	return m
}

// procField returns the value of the first "key: value" line of a /proc
// file with the given key, or "unknown".
func procField(path, key string) string {
	f, err := os.Open(path)
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

// loadAverage returns the one-minute load average, or "unknown".
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	if fields := strings.Fields(string(data)); len(fields) > 0 {
		return fields[0]
	}
	return "unknown"
}
