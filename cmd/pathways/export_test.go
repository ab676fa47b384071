package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pathways-fr/pathways/cmd/internal/cli"

	"github.com/pathways-fr/pathways/graph"
)

// exportRun runs the CLI and returns its outputs and exit code.
func exportRun(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), exitCode(err)
}

// exportWant loads the dataset the CLI is expected to export.
func exportWant(t *testing.T, dataset string) *graph.Graph {
	t.Helper()
	g, err := loadGraph(&options{dataset: dataset})
	if err != nil {
		t.Fatalf("loadGraph(%s): %v", dataset, err)
	}
	return g
}

func TestExportFormats(t *testing.T) {
	// count reads the node and edge counts back from each format.
	count := map[string]func(t *testing.T, out string) (nodes, edges int){
		"graphml": func(t *testing.T, out string) (int, int) {
			var doc struct {
				Nodes []struct{} `xml:"graph>node"`
				Edges []struct{} `xml:"graph>edge"`
			}
			if err := xml.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatalf("xml.Unmarshal: %v", err)
			}
			return len(doc.Nodes), len(doc.Edges)
		},
		"jgf": func(t *testing.T, out string) (int, int) {
			var doc struct {
				Graph struct {
					Nodes map[string]json.RawMessage `json:"nodes"`
					Edges []json.RawMessage          `json:"edges"`
				} `json:"graph"`
			}
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatalf("json.Unmarshal: %v", err)
			}
			return len(doc.Graph.Nodes), len(doc.Graph.Edges)
		},
		"dot": func(t *testing.T, out string) (int, int) {
			if !strings.HasPrefix(out, "digraph ") || !strings.HasSuffix(out, "}\n") {
				t.Fatalf("not a digraph: %.80q", out)
			}
			// The writer of the SVG views: nodes are n<index>.
			nodes := regexp.MustCompile(`(?m)^\s+n\d+ \[`).FindAllString(out, -1)
			edges := regexp.MustCompile(`(?m)^\s+n\d+ -> n\d+ \[`).FindAllString(out, -1)
			return len(nodes), len(edges)
		},
		"cypher": func(t *testing.T, out string) (int, int) {
			return strings.Count(out, "\nMERGE (n:"), strings.Count(out, "\nMATCH (a:")
		},
	}
	for _, dataset := range []string{"metiers", "rome"} {
		want := exportWant(t, dataset)
		for format, read := range count {
			t.Run(dataset+"/"+format, func(t *testing.T) {
				out, errOut, code := exportRun(t, "export", "--format", format, "--dataset", dataset)
				if code != cli.ExitOK {
					t.Fatalf("pathways export --format %s --dataset %s: exit %d: %s", format, dataset, code, errOut)
				}
				nodes, edges := read(t, out)
				if nodes != want.Len() || edges != len(want.Edges()) {
					t.Errorf("pathways export --format %s --dataset %s: %d nodes, %d edges, want %d, %d",
						format, dataset, nodes, edges, want.Len(), len(want.Edges()))
				}
			})
		}
	}
}

func TestExportCSV(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "export")
	out, errOut, code := exportRun(t, "export", "--format", "csv", "--out", dir)
	if code != cli.ExitOK {
		t.Fatalf("pathways export --format csv: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, filepath.Join(dir, "nodes.csv")) {
		t.Errorf("pathways export --format csv prints %q, want the files it wrote", out)
	}
	got, err := graph.LoadCSVFS(os.DirFS(dir), dir)
	if err != nil {
		t.Fatalf("LoadCSVFS(export): %v", err)
	}
	want := exportWant(t, "metiers")
	if got.Len() != want.Len() || len(got.Edges()) != len(want.Edges()) {
		t.Errorf("the CSV export loads as %d nodes, %d edges, want %d, %d", got.Len(), len(got.Edges()), want.Len(), len(want.Edges()))
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("the export folder holds %d files, want nodes.csv and edges.csv only", len(entries))
	}
}

func TestExportOut(t *testing.T) {
	dir := t.TempDir()
	out, errOut, code := exportRun(t, "export", "--format", "cypher", "--out", dir, "--json")
	if code != cli.ExitOK {
		t.Fatalf("pathways export --format cypher --out: exit %d: %s", code, errOut)
	}
	var doc struct {
		Files []string `json:"files"`
		Nodes int      `json:"nodes"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("pathways export --json: %v: %s", err, out)
	}
	file := filepath.Join(dir, "metiers.cypher")
	if len(doc.Files) != 1 || doc.Files[0] != file {
		t.Errorf("files = %q, want [%q]", doc.Files, file)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(string(b), "\nMERGE (n:"); got != doc.Nodes || got == 0 {
		t.Errorf("%s holds %d nodes, the command reports %d", file, got, doc.Nodes)
	}
}

func TestExportUsage(t *testing.T) {
	for _, args := range [][]string{
		{"export"},
		{"export", "--format", "gexf"},
		{"export", "--format", "csv"},
		{"export", "--format", "dot", "extra"},
		{"export", "--format", "dot", "--dataset", "nope"},
	} {
		out, errOut, code := exportRun(t, args...)
		if code != cli.ExitUsage || out != "" || errOut == "" {
			t.Errorf("pathways %s: exit %d, stdout %q, stderr %q; want exit %d and a message", strings.Join(args, " "), code, out, errOut, cli.ExitUsage)
		}
	}
}

func TestVersion(t *testing.T) {
	out, errOut, code := exportRun(t, "version")
	if code != cli.ExitOK {
		t.Fatalf("pathways version: exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(out, "pathways ") || !strings.Contains(out, "go1.") {
		t.Errorf("pathways version = %q, want the program and Go versions first", out)
	}
	for _, dataset := range []string{"metiers", "rome"} {
		g := exportWant(t, dataset)
		line := regexp.MustCompile(`(?m)^  ` + dataset + ` +(?:version \S+|sans version) +(\d+) nœuds +(\d+) arêtes  (.*)$`).FindStringSubmatch(out)
		if line == nil {
			t.Errorf("pathways version has no line for %s:\n%s", dataset, out)
			continue
		}
		if want := []string{strconv.Itoa(g.Len()), strconv.Itoa(len(g.Edges())), g.Title}; line[1] != want[0] || line[2] != want[1] || line[3] != want[2] {
			t.Errorf("pathways version: %s has %q, want %q", dataset, line[1:], want)
		}
	}

	out, errOut, code = exportRun(t, "version", "--json")
	if code != cli.ExitOK {
		t.Fatalf("pathways version --json: exit %d: %s", code, errOut)
	}
	var doc versionDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("pathways version --json: %v", err)
	}
	if doc.Version == "" || !strings.HasPrefix(doc.Go, "go") || len(doc.Datasets) != 2 || doc.Datasets[0].Name != "metiers" || doc.Datasets[0].Nodes == 0 {
		t.Errorf("pathways version --json = %+v", doc)
	}
}
