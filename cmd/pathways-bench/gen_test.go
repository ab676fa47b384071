package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pathways-fr/pathways/cmd/internal/cli"
	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/pathways"
)

// TestGen generates a repertoire, loads it as --data would and asks a
// path between the ends of its first edge.
func TestGen(t *testing.T) {
	out, errs, code := runTool(t, "gen", "--jobs", "500", "--edges", "3000", "--seed", "7", "--families", "6")
	if code != cli.ExitOK || errs != "" {
		t.Fatalf("gen: exit %d, stderr %q", code, errs)
	}
	if again, _, _ := runTool(t, "gen", "--seed", "7", "--edges", "3000", "--families", "6", "--jobs", "500"); again != out {
		t.Error("gen with the same options wrote different files")
	}
	if other, _, _ := runTool(t, "gen", "--jobs", "500", "--edges", "3000", "--seed", "8", "--families", "6"); other == out {
		t.Error("gen with seeds 7 and 8 wrote the same file")
	}
	var ds struct {
		Families []json.RawMessage `json:"families"`
		Jobs     []json.RawMessage `json:"jobs"`
		Edges    []struct {
			From string `json:"from"`
			To   string `json:"to"`
		} `json:"edges"`
	}
	if err := json.Unmarshal([]byte(out), &ds); err != nil {
		t.Fatalf("gen wrote no JSON: %v", err)
	}
	if len(ds.Jobs) != 500 || len(ds.Edges) != 3000 || len(ds.Families) != 6 {
		t.Fatalf("gen wrote %d jobs, %d edges, %d families; want 500, 3000, 6", len(ds.Jobs), len(ds.Edges), len(ds.Families))
	}
	g, err := graph.LoadMetiers(strings.NewReader(out), "synthetic.json")
	if err != nil {
		t.Fatalf("LoadMetiers(gen): %v", err)
	}
	// 500 jobs and the 6 levels.
	if g.Dataset != "synthetic" || g.Len() != 506 {
		t.Errorf("gen loads as dataset %q with %d nodes, want synthetic and 506", g.Dataset, g.Len())
	}
	e := ds.Edges[0]
	from, _ := g.Index(graph.JobID(e.From))
	to, _ := g.Index(graph.JobID(e.To))
	doc, err := pathways.Shortest(g, pathways.Endpoint{Nodes: []int32{from}}, []int32{to}, pathways.Options{K: 1})
	if err != nil || len(doc.Paths) != 1 || doc.Paths[0].Hops != 1 {
		t.Errorf("Shortest(%s, %s) on gen's file = %+v, %v; want the edge between them", e.From, e.To, doc.Paths, err)
	}
}
