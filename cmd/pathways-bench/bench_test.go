package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/pathways-fr/pathways/cmd/internal/cli"
	"github.com/pathways-fr/pathways/web"
)

func TestMain(m *testing.M) {
	web.ServeIfRenderWorker() // the renderer starts this test binary as its worker
	os.Exit(m.Run())
}

// runTool runs the command as the shell would and returns what it wrote
// and its exit code.
func runTool(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), cli.ExitCode(err)
}

// TestBenchTable checks the table bench prints: a head, a rule, then one
// line a row, columns aligned whatever the width of the cells.
func TestBenchTable(t *testing.T) {
	var tb benchTable
	tb.add(benchRow{"metiers (71 nœuds, 112 arêtes)", "chargement", "1.23 ms", "—", "—", "—", "< 3 s : tenue"})
	tb.add(benchRow{"rome", "parcours (k=1)", "12.0 µs", "4", "ShortestPath 1.20 ms", "×100", ""})
	var b bytes.Buffer
	tb.print(&b)
	want := "" +
		"| jeu                            | mesure         | médiane | allocs/op | dominikbraun/graph   | rapport | cible         |\n" +
		"| ------------------------------ | -------------- | ------- | --------- | -------------------- | ------- | ------------- |\n" +
		"| metiers (71 nœuds, 112 arêtes) | chargement     | 1.23 ms | —         | —                    | —       | < 3 s : tenue |\n" +
		"| rome                           | parcours (k=1) | 12.0 µs | 4         | ShortestPath 1.20 ms | ×100    |               |\n"
	if got := b.String(); got != want {
		t.Errorf("benchTable.print =\n%s\nwant\n%s", got, want)
	}
}

// TestHelp checks that the tool lists its three commands.
func TestHelp(t *testing.T) {
	out, _, code := runTool(t, "help")
	for _, cmd := range []string{"\n  bench ", "\n  gen ", "\n  loadtest "} {
		if code != cli.ExitOK || !strings.Contains(out, cmd) {
			t.Errorf("pathways-bench help: exit %d, no %q:\n%s", code, cmd, out)
		}
	}
}
