package datasets

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pathways-fr/pathways/cmd/internal/cli"
	"github.com/pathways-fr/pathways/graph"
)

func TestCheckName(t *testing.T) {
	for _, tt := range []struct {
		name string
		ok   bool
	}{
		{"metiers", true},
		{"petit", true},
		{"a", true},
		{"mon-repertoire-2", true},
		{strings.Repeat("a", 32), true},
		{strings.Repeat("a", 33), false},
		{"", false},
		{"2e", false},
		{"-a", false},
		{"Majuscule", false},
		{"<script>", false},
		{"a\r\nb", false},
		{"é", false},
		{"a_b", false},
		{ROME, false},
		{ROMEv3, false},
	} {
		err := CheckName(tt.name)
		if tt.ok != (err == nil) {
			t.Errorf("CheckName(%q) = %v, want ok %v", tt.name, err, tt.ok)
		}
		if err != nil && (!errors.Is(err, ErrName) || !errors.Is(err, graph.ErrInvalid)) {
			t.Errorf("CheckName(%q) = %v, want it to wrap ErrName and graph.ErrInvalid", tt.name, err)
		}
	}
}

// repertoire writes a one-job repertoire named name and returns its path.
func repertoire(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "r.json")
	doc := `{"dataset": "` + name + `", "jobs": [{"id": "a", "title": "A"}]}`
	if err := os.WriteFile(p, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadData(t *testing.T) {
	g, err := Load(Options{Data: repertoire(t, "petit")}, "")
	if err != nil || g.Dataset != "petit" || g.Job("a") == nil {
		t.Fatalf("Load(--data petit) = %v, %v; want the file's graph", g, err)
	}
	if _, err := Load(Options{Data: repertoire(t, ROME)}, ""); !errors.Is(err, ErrName) {
		t.Errorf("Load(--data named rome) = %v, want ErrName", err)
	}
	if _, err := Load(Options{Data: repertoire(t, "petit")}, ROME); !cli.IsUsage(err) {
		t.Errorf("Load(--data, --dataset rome) = %v, want a usage error", err)
	}
	if _, err := Load(Options{ROMEDir: t.TempDir()}, Metiers); !cli.IsUsage(err) {
		t.Errorf("Load(--rome-dir, --dataset metiers) = %v, want a usage error", err)
	}
	if _, err := Load(Options{}, "nope"); !cli.IsUsage(err) {
		t.Errorf("Load(nope) = %v, want a usage error", err)
	}
	// An empty folder is neither release: the v3 reader says why.
	if _, err := Load(Options{ROMEDir: t.TempDir()}, ROME); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Load(--rome-dir EMPTY, rome) = %v, want graph.ErrInvalid", err)
	}
}

func TestReloadKeepsName(t *testing.T) {
	o := Options{Data: repertoire(t, "autre")}
	if _, err := Reload(o, "petit"); !errors.Is(err, ErrName) {
		t.Errorf("Reload of a file renamed petit → autre = %v, want ErrName", err)
	}
}

func TestLoadAll(t *testing.T) {
	gs, err := LoadAll(Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{Metiers: "", ROME: "4.60", ROMEv3: "3.47"}
	for i, g := range gs {
		if g.Dataset != Names[i] {
			t.Errorf("LoadAll()[%d].Dataset = %q, want %q", i, g.Dataset, Names[i])
		}
		if v, ok := want[g.Dataset]; ok && v != "" && g.Version != v {
			t.Errorf("LoadAll(): %s is version %q, want %q", g.Dataset, g.Version, v)
		}
	}
	if len(gs) != len(Names) {
		t.Errorf("LoadAll() = %d datasets, want %d", len(gs), len(Names))
	}
}
