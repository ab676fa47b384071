package web

import (
	"testing"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/pathways"
)

// TestRouteSuggestionsAPI checks types=suggestion over the API (issue
// 13): the answers follow the spec, every suggested edge of a route says
// so, and the repertoire, which has no skills, answers no_skills.
func TestRouteSuggestionsAPI(t *testing.T) {
	doc, router, _ := openAPISetup(t)
	h := skillsServer(t)
	for _, tt := range []openAPICase{
		{method: "GET", target: "/api/path?from=M1876&to=M1860&k=3&types=evolution,proche,suggestion&dataset=rome", status: 200},
		{method: "GET", target: "/api/path?from=technicien-reseaux-cloud&to=M1860&k=2&types=evolution,proche,formation,suggestion&dataset=all", status: 200},
		{method: "GET", target: "/api/reachable?from=M1876&depth=1&types=suggestion&dataset=rome", status: 200},
		{method: "GET", target: "/api/feeders?to=M1860&depth=1&types=evolution,proche,suggestion&dataset=all", status: 200},
		{method: "GET", target: "/api/path?from=technicien&to=architecte&types=suggestion", status: 422, code: pathways.CodeNoSkills},
	} {
		checkOpenAPICase(t, doc, router, h, tt)
	}
	// Only the fields checked: a step's gap does not decode into Go's types.
	type move struct {
		From, To   string
		Type       graph.EdgeType
		Source     graph.Source
		Suggestion *pathways.SuggestedMove
	}
	var p struct {
		Paths []struct {
			Steps []struct{ Suggestion *pathways.SuggestedMove }
			Edges []move
		}
	}
	apiGet(t, h, "/api/path?from=M1876&to=M1860&k=5&types=evolution,proche,suggestion&dataset=rome", &p)
	suggested := 0
	for _, path := range p.Paths {
		for i, e := range path.Edges {
			if e.Type != graph.Suggestion {
				continue
			}
			suggested++
			if st := path.Steps[i+1]; e.Suggestion == nil || e.Suggestion.Kind != "suggestion" || st.Suggestion == nil || e.Source != graph.SourceSkills {
				t.Errorf("suggested edge %s → %s: %+v, step %+v", e.From, e.To, e, st)
			}
		}
	}
	if suggested == 0 {
		t.Error("GET /api/path?from=M1876&to=M1860&k=5&types=…,suggestion: no suggested edge in 5 routes")
	}
}
