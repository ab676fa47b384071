package pathways

import (
	"github.com/pathways-fr/pathways/internal/fixture"
	"slices"
	"testing"

	"github.com/pathways-fr/pathways/graph"
)

// TestOneWordAppellationOnAll checks issue 12's « architecte » on dataset
// all: F1101's appellation « Architecte DE » reads « architecte », a word
// that begins the titles of two métiers. On all it is no name given whole:
// the métiers are meant, the text is ambiguous between them and lists them
// as candidates. On ROME 4.0 alone the appellation still pins its fiche,
// and on all a title or an ID still pins its job.
func TestOneWordAppellationOnAll(t *testing.T) {
	all := fixture.All(t)
	ep, err := FindTo(all, "architecte")
	if err != nil {
		t.Fatal(err)
	}
	var ids []graph.JobID
	for _, n := range ep.Nodes {
		ids = append(ids, all.Node(n).ID)
	}
	if want := []graph.JobID{"architecte-cloud-reseaux", "architecte-logiciel"}; !slices.Equal(ids, want) {
		t.Errorf("FindTo(all, architecte) = %v, want %v", ids, want)
	}
	if len(ep.Ambiguities) != 1 || len(ep.Ambiguities[0].Candidates) != 2 {
		t.Errorf("FindTo(all, architecte): ambiguities %+v, want the two métiers as candidates", ep.Ambiguities)
	}
	for _, text := range []string{"Architecte du bâtiment", "F1101", "architecte logiciel"} {
		ep, err := FindTo(all, text)
		if err != nil || len(ep.Nodes) != 1 || len(ep.Ambiguities) != 0 {
			t.Errorf("FindTo(all, %q) = %v, %+v, %v; want one job, no question", text, ep.Nodes, ep.Ambiguities, err)
		}
	}
	rome := fixture.ROME4(t)
	ep, err = FindTo(rome, "architecte")
	if err != nil || len(ep.Nodes) != 1 || rome.Node(ep.Nodes[0]).ID != "F1101" {
		t.Errorf("FindTo(rome, architecte) = %v, %v; want F1101 by its appellation", ep.Nodes, err)
	}
}
