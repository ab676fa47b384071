package graph_test

import (
	"errors"
	"testing"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/fixture"
)

// TestCombine checks the combined dataset against its parts: every node
// once (levels once), every edge of each part with its source, two bridge
// edges per link, and the v3-title edges only where a phrase is the v3
// title of a parent fiche.
func TestCombine(t *testing.T) {
	m, r, all := fixture.Metiers(t), fixture.ROME4(t), fixture.All(t)
	if all.Dataset != "all" {
		t.Errorf("Combine(...).Dataset = %q, want all", all.Dataset)
	}
	levels := 0
	for _, j := range r.Jobs() {
		if j.Kind == graph.KindLevel && m.Job(j.ID) != nil {
			levels++
		}
	}
	if levels == 0 {
		t.Fatal("the repertoire and ROME 4.0 share no level node")
	}
	if got, want := all.Len(), m.Len()+r.Len()-levels; got != want {
		t.Errorf("Combine: %d nodes, want %d", got, want)
	}
	br := fixture.Bridge(t)
	count := map[graph.Source]int{}
	v3 := 0
	for _, e := range all.Edges() {
		count[e.Source]++
		switch {
		case e.Type == graph.Bridge && e.Source != graph.SourceBridge,
			e.Type != graph.Bridge && e.Source == graph.SourceBridge:
			t.Errorf("edge %s → %s of type %s has source %q", e.From, e.To, e.Type, e.Source)
		case e.Source == "":
			t.Errorf("edge %s → %s has no source", e.From, e.To)
		}
		if e.Evidence[0].Match == graph.MatchV3Title {
			v3++
			f := all.Job(e.To)
			if e.Source != graph.SourceMetiers || f.Fiche == nil || graph.Key(f.Fiche.V3Title) != graph.Key(e.Evidence[0].Text) || f.Fiche.Parent != "" {
				t.Errorf("v3-title edge %s → %s (%q) is not to the parent fiche of that v3 title", e.From, e.To, e.Evidence[0].Text)
			}
		}
	}
	if got, want := count[graph.SourceBridge], 2*len(br.Links); got != want {
		t.Errorf("Combine: %d bridge edges, want %d (two per link)", got, want)
	}
	if got, want := count[graph.SourceROME], len(r.Edges()); got != want {
		t.Errorf("Combine: %d edges of source rome, want %d", got, want)
	}
	if got, want := count[graph.SourceMetiers], len(m.Edges())+v3; got != want {
		t.Errorf("Combine: %d edges of source metiers, want %d (+ %d v3-title edges)", got, want, v3)
	}
	t.Logf("all: %d nodes, %d edges: %d metiers (%d of them v3-title), %d rome, %d bridge", all.Len(), len(all.Edges()),
		count[graph.SourceMetiers], v3, count[graph.SourceROME], count[graph.SourceBridge])
	if v3 == 0 {
		t.Error("Combine: no perspective phrase became an edge to the parent fiche of its v3 title (« Production et exploitation de systèmes d'information » is M1810's)")
	}
	for _, e := range m.Edges() {
		if e.Source != graph.SourceMetiers {
			t.Fatalf("metiers edge %s → %s has source %q", e.From, e.To, e.Source)
		}
	}
	for _, e := range r.Edges() {
		if e.Source != graph.SourceROME {
			t.Fatalf("rome edge %s → %s has source %q", e.From, e.To, e.Source)
		}
	}
}

// TestCombineBridgeProblems checks that a link to an unknown fiche is left
// out and reported, and that a malformed bridge is refused.
func TestCombineBridgeProblems(t *testing.T) {
	br := &graph.BridgeFile{Links: []graph.BridgeLink{
		{Job: "data-scientist", Code: "M1405", Label: "Data scientist"},
		{Job: "data-scientist", Code: "Z9999", Label: "nothing"},
	}}
	all, err := graph.Combine(fixture.Metiers(t), fixture.ROME4(t), br)
	if err != nil {
		t.Fatal(err)
	}
	bridges, reported := 0, false
	for _, e := range all.Edges() {
		if e.Type == graph.Bridge {
			bridges++
		}
	}
	for _, p := range all.Problems() {
		if p.Code == "bridge-unknown" {
			reported = true
		}
	}
	if bridges != 2 || !reported {
		t.Errorf("Combine with a link to Z9999: %d bridge edges, reported %v; want 2, true", bridges, reported)
	}
	for _, bad := range []string{`{"links":[{"job":"x"}]}`, `{"links":[],"extra":1}`, `[`} {
		if _, err := graph.ParseBridge([]byte(bad)); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("ParseBridge(%s) = %v, want ErrInvalid", bad, err)
		}
	}
}
