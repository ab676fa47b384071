package web

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/fixture"
	"github.com/pathways-fr/pathways/internal/testtool"
	"github.com/pathways-fr/pathways/pathways"
)

// TestDOTCombinedGolden checks the maps of issue 12: the ROME 4.0
// overview with grand domains and domains by title, a fiche's ego map
// with its parent (and a parent's with its children), and a route on
// dataset all with its edges coloured by source and the legend saying so.
func TestDOTCombinedGolden(t *testing.T) {
	r := fixture.ROME4(t)
	all := fixture.All(t)
	job := func(g *graph.Graph, id string) *view {
		d, err := pathways.Show(g, id)
		if err != nil {
			t.Fatal(err)
		}
		return jobView(g, d)
	}
	overview, err := mapView(r, "")
	if err != nil {
		t.Fatal(err)
	}
	ends := func(ids ...graph.JobID) []int32 { return fixture.Nodes(t, all, ids...) }
	doc, err := pathways.Shortest(all, pathways.Endpoint{Nodes: ends("technicien-reseaux-cloud", "technicien-maintenance-support")},
		ends("architecte-cloud-reseaux"), pathways.Options{K: 2})
	if err != nil || len(doc.Paths) == 0 {
		t.Fatalf("Shortest on all = %v, %v", doc.Paths, err)
	}
	for _, tt := range []struct {
		golden string
		g      *graph.Graph
		v      *view
		want   []string
	}{
		{"map-rome4.dot.golden", r, overview, []string{
			`Grand domaine M — Support à l'entreprise`, `M18 — Systèmes d'information et de télécommunication`}},
		{"job-rome4-M1860.dot.golden", r, job(r, "M1860"), []string{"fiche fille de", "Fiche parente → fiche fille"}},
		{"job-all-M1802.dot.golden", all, job(all, "M1802"), []string{"style=tapered", "Lien : ROME 4.0"}},
		{"path-all-technicien-architecte.dot.golden", all, pathView(all, doc), []string{
			`arrowhead=none, label="≡"`, "même métier dans ROME, correspondance revue", "(rang 1)"}},
	} {
		got := dotOf(t, tt.g, tt.v)
		if again := dotOf(t, tt.g, tt.v); !bytes.Equal(got, again) {
			t.Errorf("%s: writeDOT gave different bytes on a second call", tt.golden)
		}
		for _, w := range tt.want {
			if !strings.Contains(string(got), w) {
				t.Errorf("%s: the DOT lacks %q", tt.golden, w)
			}
		}
		testtool.Golden(t, tt.golden, got, *update)
	}
}
