// Package testtool finds the outside programs that tests drive (xmllint,
// Graphviz's dot, Chromium, the OpenAPI linters). .ci/run installs them,
// so on CI a missing one fails its test; on a workstation it skips it.
package testtool

import (
	"os"
	"os/exec"
	"testing"
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
