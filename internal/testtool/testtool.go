// Package testtool holds what the tests of several packages share and
// that needs none of the project's packages: the outside programs tests
// drive (xmllint, Graphviz's dot, Chromium, the OpenAPI linters; .ci/run
// installs them, so on CI a missing one fails its test, on a workstation
// it skips it), values loaded once per test binary, golden files, a
// buffer safe for concurrent writers and the processor time of a
// benchmark. Only _test.go files import it.
package testtool

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
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
		t.Errorf("%s differs from the golden file; run go test with -update and review the diff", name)
	}
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
