// Package testtool holds what the tests of several packages share and
// that needs none of the project's packages: the outside programs tests
// drive (xmllint, Graphviz's dot, Chromium, the OpenAPI linters; .ci/run
// installs them, so on CI a missing one fails its test, on a workstation
// it skips it), values loaded once per test binary, golden files, CSV
// rows read independently of the loaders, the errors an error joins, a
// buffer safe for concurrent writers and the processor time of a
// benchmark. Only _test.go files import it.
package testtool

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Missing ends the test for a tool it needs that is absent: a failure
// when the CI variable is set, a skip otherwise. hint says how to get it.
func Missing(t testing.TB, what, hint string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is not installed (%s): .ci/run installs it", what, hint)
	}
	t.Skipf("%s is not installed (%s)", what, hint)
}

// Command returns the path of the first of names found on PATH, or ends
// the test as Missing does.
func Command(t testing.TB, hint string, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	Missing(t, names[0], hint)
	return ""
}

// Once returns a function that calls load the first time it is called and
// gives every later caller the same value; when load failed, it ends the
// test, naming what was loaded. Tests share what it loads, so it must be
// immutable (graphs are).
func Once[T any](what string, load func() (T, error)) func(testing.TB) T {
	f := sync.OnceValues(load)
	return func(t testing.TB) T {
		t.Helper()
		v, err := f()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return v
	}
}

// Golden compares got with the file testdata/name; with update set
// (each package's -update flag), it writes got there instead.
func Golden(t testing.TB, name string, got []byte, update bool) {
	t.Helper()
	file := filepath.Join("testdata", name)
	if update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test with -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from what the test gives now (run go test with -update and review the diff):\n%s", file, LineDiff(string(want), string(got)))
	}
}

// LineDiff lists the lines only in want (-) and only in got (+).
func LineDiff(want, got string) string {
	count := map[string]int{}
	for _, l := range strings.Split(want, "\n") {
		count[l]++
	}
	for _, l := range strings.Split(got, "\n") {
		count[l]--
	}
	var b strings.Builder
	for _, l := range strings.Split(want, "\n") {
		if count[l] > 0 {
			fmt.Fprintf(&b, "- %s\n", l)
			count[l]--
		}
	}
	for _, l := range strings.Split(got, "\n") {
		if count[l] < 0 {
			fmt.Fprintf(&b, "+ %s\n", l)
			count[l]++
		}
	}
	return b.String()
}

// CSVRows reads the one CSV file of fsys that glob names with
// encoding/csv alone, as maps keyed by its header (a leading byte-order
// mark dropped): the oracle tests compare the loaders with.
func CSVRows(t testing.TB, fsys fs.FS, glob string) []map[string]string {
	t.Helper()
	names, err := fs.Glob(fsys, glob)
	if err != nil || len(names) != 1 {
		t.Fatalf("fs.Glob(%q) = %v, %v; want one file", glob, names, err)
	}
	b, err := fs.ReadFile(fsys, names[0])
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", names[0], err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

// ErrorsOf returns every error of type E that err is, wraps or joins,
// depth first; nil for a nil err.
func ErrorsOf[E error](err error) []E {
	var out []E
	var walk func(error)
	walk = func(err error) {
		if e, ok := err.(E); ok {
			out = append(out, e)
			return
		}
		switch u := err.(type) {
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				walk(e)
			}
		case interface{ Unwrap() error }:
			walk(u.Unwrap())
		}
	}
	walk(err)
	return out
}

// LockedBuffer is a bytes.Buffer that several goroutines may write to,
// such as a server's log read by the test that started it.
type LockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *LockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *LockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// CPUTime returns the processor time the process has used, user and
// system, the collector's included: steadier than the wall clock on a
// shared machine, for benchmarks that report cpu-ns/op.
func CPUTime(tb testing.TB) time.Duration {
	tb.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
