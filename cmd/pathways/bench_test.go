package main

import (
	"strings"
	"testing"
)

// TestBenchQuick runs bench --quick: one table, with the in-process rows
// of both embedded datasets and their comparison with dominikbraun/graph.
func TestBenchQuick(t *testing.T) {
	if testing.Short() {
		t.Skip("measures for a few seconds")
	}
	out, errOut, code := cli(t, "bench", "--quick")
	if code != exitOK {
		t.Fatalf("pathways bench --quick: exit %d, stderr %s", code, errOut)
	}
	for _, want := range []string{
		"| jeu ", "| metiers (", "| rome (", "| chargement ", "| mémoire par arête ", "| parcours (k=1) ", "| 3 alternatives (k=3) ",
		"| atteignables, profondeur 3 ", "| atteignables, sans limite ", "| viviers, sans limite ", "ShortestPath ", "BFS ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("pathways bench --quick prints no %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "\n| "); n != 2+2*8 {
		t.Errorf("pathways bench --quick prints %d table lines, want %d (head, rule, 8 rows a dataset):\n%s", n, 2+2*8, out)
	}
}

func TestBenchFlags(t *testing.T) {
	for _, args := range [][]string{{"bench", "--runs", "0x"}, {"bench", "--runs", "99"}, {"bench", "extra"}} {
		if _, _, code := cli(t, args...); code != exitUsage {
			t.Errorf("pathways %s: exit %d, want %d", strings.Join(args, " "), code, exitUsage)
		}
	}
}
