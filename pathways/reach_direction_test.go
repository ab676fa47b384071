package pathways

import (
	"github.com/pathways-fr/pathways/internal/fixture"
	"testing"

	"github.com/pathways-fr/pathways/graph"
)

// TestDirectionIsNoRole checks issue 11's « Vers les métiers du
// management », a direction the card of Responsable de la stratégie
// names: reachable lists it apart, never among the roles to aim for.
func TestDirectionIsNoRole(t *testing.T) {
	g := fixture.Metiers(t)
	from, _ := g.Index("responsable-strategie-prospective")
	doc, err := Reachable(g, Endpoint{Nodes: []int32{from}}, NoLimit, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range doc.Roles {
		if r.Kind == graph.KindDirection {
			t.Errorf("Reachable(responsable-strategie-prospective) lists the direction %s as a role", r.ID)
		}
	}
	if len(doc.Directions) == 0 || doc.Directions[0].Kind != graph.KindDirection || doc.Directions[0].Distance != 1 {
		t.Errorf("Reachable(responsable-strategie-prospective).Directions = %+v, want the direction at distance 1", doc.Directions)
	}
}
