package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/pathways-fr/pathways/cmd/internal/cli"
	"github.com/pathways-fr/pathways/graph"
)

// cmdCounts is the script command "counts FORMAT FILE DATASET": the
// export FILE (stdout, a file, or for csv a folder) holds as many nodes
// and edges as DATASET, loaded as the command loads it.
func cmdCounts(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: counts FORMAT FILE DATASET")
	}
	format, file, dataset := args[0], args[1], args[2]
	want, err := datasetOnce(dataset)
	ts.Check(err)
	var nodes, edges int
	if format == "csv" {
		dir := ts.MkAbs(file)
		got, err := graph.LoadCSVFS(os.DirFS(dir), dir)
		ts.Check(err)
		nodes, edges = got.Len(), len(got.Edges())
	} else {
		nodes, edges, err = countExport(format, ts.ReadFile(file))
		ts.Check(err)
	}
	if nodes != want.Len() || edges != len(want.Edges()) {
		ts.Fatalf("%s export of %s: %d nodes, %d edges; want %d, %d", format, dataset, nodes, edges, want.Len(), len(want.Edges()))
	}
}

// loaded holds the datasets counts compares with, loaded once: ROME takes
// a while, and scripts run in parallel.
var loaded sync.Map // dataset name → func() (*graph.Graph, error)

func datasetOnce(name string) (*graph.Graph, error) {
	f, _ := loaded.LoadOrStore(name, sync.OnceValues(func() (*graph.Graph, error) {
		return loadGraph(&options{dataset: name})
	}))
	return f.(func() (*graph.Graph, error))()
}

// countExport reads the node and edge counts back from an export.
func countExport(format, out string) (nodes, edges int, err error) {
	switch format {
	case "graphml":
		var doc struct {
			Nodes []struct{} `xml:"graph>node"`
			Edges []struct{} `xml:"graph>edge"`
		}
		err = xml.Unmarshal([]byte(out), &doc)
		return len(doc.Nodes), len(doc.Edges), err
	case "jgf":
		var doc struct {
			Graph struct {
				Nodes map[string]json.RawMessage `json:"nodes"`
				Edges []json.RawMessage          `json:"edges"`
			} `json:"graph"`
		}
		err = json.Unmarshal([]byte(out), &doc)
		return len(doc.Graph.Nodes), len(doc.Graph.Edges), err
	case "dot":
		if !strings.HasPrefix(out, "digraph ") || !strings.HasSuffix(out, "}\n") {
			return 0, 0, errNotDigraph
		}
		// The writer of the SVG views: nodes are n<index>.
		nodes := regexp.MustCompile(`(?m)^\s+n\d+ \[`).FindAllString(out, -1)
		edges := regexp.MustCompile(`(?m)^\s+n\d+ -> n\d+ \[`).FindAllString(out, -1)
		return len(nodes), len(edges), nil
	case "cypher":
		return strings.Count(out, "\nMERGE (n:"), strings.Count(out, "\nMATCH (a:"), nil
	}
	return 0, 0, errUnknownFormat
}

var (
	errNotDigraph    = cli.Usagef("not a digraph")
	errUnknownFormat = cli.Usagef("unknown format")
)

// TestExitCodes checks the exit code of each kind of outcome, which a
// script cannot: 0 done, 1 failed, 2 called wrongly (an unknown job or
// level included).
func TestExitCodes(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want int
	}{
		{nil, cli.ExitOK},
		{[]string{"help", "path"}, cli.ExitOK},
		{[]string{"path", "DSI", "technicien"}, cli.ExitOK},
		{[]string{"completion", "fish"}, cli.ExitOK},
		{[]string{"nope"}, cli.ExitUsage},
		{[]string{"help", "nope"}, cli.ExitUsage},
		{[]string{"path", "technicien", "architecte", "--k", "abc"}, cli.ExitUsage},
		{[]string{"path", "technicien", "architecte", "--nope", "--json"}, cli.ExitUsage},
		{[]string{"path", "tecnicien", "architecte"}, cli.ExitUsage},
		{[]string{"reachable", "--level", "astronaute"}, cli.ExitUsage},
		{[]string{"reachable", "--level", "BTS", "--depth", "-1"}, cli.ExitUsage},
		{[]string{"show"}, cli.ExitUsage},
		{[]string{"export", "--format", "gexf"}, cli.ExitUsage},
		{[]string{"completion", "ksh"}, cli.ExitUsage},
		{[]string{"serve", "--trusted-proxies", "pas-une-adresse"}, cli.ExitUsage},
		{[]string{"serve", "--admin-token", "court"}, cli.ExitUsage},
		{[]string{"serve", "--render-burst", "0"}, cli.ExitUsage},
		{[]string{"serve", "en-trop"}, cli.ExitUsage},
		{[]string{"path", "a", "b", "--data", t.TempDir() + "/absent.json"}, cli.ExitError},
		{[]string{"validate", "--data", t.TempDir()}, cli.ExitError},
	} {
		var stdout, stderr bytes.Buffer
		if got := exitCode(run(context.Background(), tt.args, &stdout, &stderr)); got != tt.want {
			t.Errorf("pathways %s: exit %d, want %d", strings.Join(tt.args, " "), got, tt.want)
		}
	}
}
