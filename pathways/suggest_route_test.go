package pathways_test

import (
	"errors"
	"github.com/pathways-fr/pathways/internal/fixture"
	"testing"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/pathways"
)

// TestRouteSuggestions checks types=suggestion on ROME 4.0 (issue 13): a
// route asked with suggestions marks every suggested edge with its kind,
// source, score and threshold; without them, no suggested edge appears;
// on a dataset without skills, asking for them is the no_skills error.
func TestRouteSuggestions(t *testing.T) {
	g, s := fixture.ROME4(t), fixture.Skills(t)
	pathways.AttachSkills(g, s, nil)
	from, _ := g.Index("M1876")
	arcs := pathways.SuggestionArcs(g, s)[from]
	if len(arcs) == 0 {
		t.Fatal("SuggestionArcs(M1876): none")
	}
	to := arcs[0].Node // a suggestion, so no official move: the nearest route is that suggestion
	seen := 0
	for _, types := range []graph.EdgeType{graph.Moves, graph.Moves | graph.Suggestion} {
		doc, err := pathways.Shortest(g, pathways.Endpoint{Nodes: []int32{from}}, []int32{to}, pathways.Options{K: 5, Types: types})
		if err != nil {
			t.Fatal(err)
		}
		asked := types&graph.Suggestion != 0
		if asked && (len(doc.Paths) == 0 || doc.Paths[0].Hops != 1 || doc.Paths[0].Edges[0].Type != graph.Suggestion) {
			t.Fatalf("Shortest(M1876, %s, types=suggestion): first route %+v, want the suggested move", g.Node(to).ID, doc.Paths)
		}
		for _, p := range doc.Paths {
			for i, e := range p.Edges {
				st := p.Steps[i+1]
				isSugg := e.Type == graph.Suggestion
				if isSugg && !asked {
					t.Fatalf("Shortest(M1876, %s) without suggestions takes %s → %s, a suggestion", g.Node(to).ID, e.From, e.To)
				}
				if !isSugg {
					if e.Suggestion != nil || st.Suggestion != nil {
						t.Errorf("official edge %s → %s marked as a suggestion", e.From, e.To)
					}
					continue
				}
				seen++
				for _, m := range []*pathways.SuggestedMove{e.Suggestion, st.Suggestion} {
					if m == nil || m.Kind != "suggestion" || m.Score < m.Threshold || m.Threshold <= 0 || m.Note != pathways.SuggestionNote {
						t.Errorf("suggested edge %s → %s: %+v, want kind suggestion, score ≥ threshold > 0", e.From, e.To, m)
					}
				}
				if e.Source != graph.SourceSkills || st.Source != graph.SourceSkills || st.Type != graph.Suggestion {
					t.Errorf("suggested edge %s → %s: source %s, step %s %s", e.From, e.To, e.Source, st.Source, st.Type)
				}
			}
		}
	}
	if seen == 0 {
		t.Error("no suggested edge in any route")
	}

	// Reachable and feeders mark the roles reached by a suggestion.
	r, err := pathways.Reachable(g, pathways.Endpoint{Nodes: []int32{from}}, 1, graph.Suggestion)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Roles) != len(arcs)+1 {
		t.Errorf("Reachable(M1876, depth 1, suggestions only): %d roles, want %d", len(r.Roles), len(arcs)+1)
	}
	for _, role := range r.Roles[1:] {
		if role.Suggestion == nil || !role.Suggested {
			t.Errorf("Reachable(M1876, suggestions only): %s not marked as a suggestion", role.ID)
		}
	}
	plain, err := pathways.Reachable(g, pathways.Endpoint{Nodes: []int32{from}}, pathways.NoLimit, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, role := range plain.Roles {
		if role.Suggestion != nil || role.Suggested {
			t.Errorf("Reachable(M1876) without suggestions marks %s", role.ID)
		}
	}
	f, err := pathways.Feeders(g, []int32{to}, 1, graph.Suggestion)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, role := range f.Roles {
		found = found || role.ID == "M1876" && role.Suggestion != nil
	}
	if !found {
		t.Errorf("Feeders(%s, suggestions only) does not list M1876 as a suggestion", g.Node(to).ID)
	}

	m := fixture.Metiers(t)
	_, err = pathways.Shortest(m, pathways.Endpoint{Nodes: []int32{0}}, []int32{1}, pathways.Options{K: 1, Types: graph.Moves | graph.Suggestion})
	var qe *pathways.Error
	if !errors.As(err, &qe) || qe.Code != pathways.CodeNoSkills || !errors.Is(err, pathways.ErrBadQuery) {
		t.Errorf("Shortest on metiers with suggestions: %v, want no_skills", err)
	}
}

// TestParseTypesSuggestion checks that suggestions are never on by default.
func TestParseTypesSuggestion(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{{"", false}, {"evolution,proche", false}, {"suggestion", true}, {"proche,suggestions", true}} {
		got, err := pathways.ParseTypes(tt.in)
		if err != nil || (got&graph.Suggestion != 0) != tt.want {
			t.Errorf("ParseTypes(%q) = %v, %v; suggestion %v", tt.in, got, err, tt.want)
		}
	}
}

// TestPathViewWithSuggestions checks that the map of a route searched
// with suggestions draws edges of the caller's graph only: the suggested
// move, which that graph has not, is left out of the map (its step says
// it is a suggestion), every other edge of the route is drawn.
func TestPathViewWithSuggestions(t *testing.T) {
	g, s := fixture.ROME4(t), fixture.Skills(t)
	pathways.AttachSkills(g, s, nil)
	from, _ := g.Index("M1876")
	to := pathways.SuggestionArcs(g, s)[from][0].Node
	doc, err := pathways.Shortest(g, pathways.Endpoint{Nodes: []int32{from}}, []int32{to}, pathways.Options{K: 3, Types: graph.Moves | graph.Suggestion})
	if err != nil {
		t.Fatal(err)
	}
	v := pathways.PathView(g, doc)
	drawn := map[[2]graph.JobID]bool{}
	for _, e := range v.Edges {
		if int(e.Edge) >= len(g.Edges()) {
			t.Fatalf("PathView draws edge %d, beyond the graph's %d", e.Edge, len(g.Edges()))
		}
		ed := g.Edge(e.Edge)
		drawn[[2]graph.JobID{ed.From, ed.To}] = true
	}
	for _, p := range doc.Paths {
		for _, e := range p.Edges {
			if got, want := drawn[[2]graph.JobID{e.From, e.To}], e.Type != graph.Suggestion; got != want {
				t.Errorf("PathView: edge %s → %s (%s) drawn %v, want %v", e.From, e.To, e.Type, got, want)
			}
		}
	}
}
