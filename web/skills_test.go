package web

import (
	"net/http"
	"slices"
	"testing"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/fixture/served"
	"github.com/pathways-fr/pathways/pathways"
)

func skillsServer(t *testing.T) http.Handler {
	t.Helper()
	h, err := NewServer(Config{Datasets: NewDatasets("metiers", served.Datasets(t)...)})
	if err != nil {
		t.Fatalf("NewServer: %v", err)
	}
	return h
}

// apiSkill, apiJobSkills, apiComparison and apiGapPaths read the skills
// documents through structs of their own.
type apiSkill struct {
	Code string `json:"code"`
	Core string `json:"core"`
}

type apiJobSkills struct {
	Skills *struct {
		Groups []struct {
			Skills []apiSkill `json:"skills"`
		} `json:"groups"`
	} `json:"skills"`
}

type apiComparison struct {
	Shared []apiSkill   `json:"shared"`
	Only   [][]apiSkill `json:"only"`
	Pairs  []struct {
		Shared int `json:"shared"`
	} `json:"pairs"`
}

type apiGapPaths struct {
	Paths []struct {
		Steps []struct {
			ID  string `json:"id"`
			Gap *struct {
				To      string     `json:"to"`
				ToLearn []apiSkill `json:"to_learn"`
			} `json:"gap"`
		} `json:"steps"`
	} `json:"paths"`
}

// skillCodesOf reads the skill codes of a job from /api/jobs/:id.
func skillCodesOf(t *testing.T, h http.Handler, target string) map[string]bool {
	t.Helper()
	var d apiJobSkills
	apiGet(t, h, target, &d)
	if d.Skills == nil {
		t.Fatalf("GET %s: no skills", target)
	}
	out := map[string]bool{}
	for _, g := range d.Skills.Groups {
		for _, s := range g.Skills {
			out[s.Code] = true
		}
	}
	return out
}

// TestCompareAPI checks /api/compare against the set operations on the
// skills /api/jobs/:id lists for each job.
func TestCompareAPI(t *testing.T) {
	h := skillsServer(t)
	for _, tt := range []struct{ dataset, a, b string }{
		{"rome", "M1876", "M1860"},
		{"all", "technicien-reseaux-cloud", "M1860"},
	} {
		a := skillCodesOf(t, h, "/api/jobs/"+tt.a+"?dataset="+tt.dataset)
		b := skillCodesOf(t, h, "/api/jobs/"+tt.b+"?dataset="+tt.dataset)
		var c apiComparison
		apiGet(t, h, "/api/compare?jobs="+tt.a+","+tt.b+"&dataset="+tt.dataset, &c)
		var shared, onlyA []string
		for k := range a {
			if b[k] {
				shared = append(shared, k)
			} else {
				onlyA = append(onlyA, k)
			}
		}
		var gotShared, gotOnlyA []string
		for _, s := range c.Shared {
			gotShared = append(gotShared, s.Code)
		}
		for _, s := range c.Only[0] {
			gotOnlyA = append(gotOnlyA, s.Code)
		}
		slices.Sort(shared)
		slices.Sort(onlyA)
		slices.Sort(gotShared)
		slices.Sort(gotOnlyA)
		if !slices.Equal(gotShared, shared) || !slices.Equal(gotOnlyA, onlyA) {
			t.Errorf("compare %s,%s on %s: %d shared, %d only in A; want %d, %d", tt.a, tt.b, tt.dataset, len(gotShared), len(gotOnlyA), len(shared), len(onlyA))
		}
		if len(c.Pairs) != 1 || c.Pairs[0].Shared != len(shared) {
			t.Errorf("compare %s,%s on %s: pairs %+v, want one with %d shared", tt.a, tt.b, tt.dataset, c.Pairs, len(shared))
		}
	}
}

// TestSuggestAPI checks suggestions are marked as such, best first.
func TestSuggestAPI(t *testing.T) {
	h := skillsServer(t)
	var s pathways.Suggestions
	apiGet(t, h, "/api/suggest?from=M1876&limit=5&dataset=rome", &s)
	if len(s.Suggestions) == 0 || len(s.Suggestions) > 5 {
		t.Fatalf("GET /api/suggest?from=M1876&limit=5: %d suggestions, want 1 to 5", len(s.Suggestions))
	}
	for i, sg := range s.Suggestions {
		if sg.Kind != "suggestion" || sg.Score < sg.Threshold || i > 0 && sg.Score > s.Suggestions[i-1].Score {
			t.Errorf("suggestion %d = %+v: want kind suggestion, score ≥ threshold, sorted", i, sg)
		}
	}
	if s.Note != pathways.SuggestionNote {
		t.Errorf("note = %q, want %q", s.Note, pathways.SuggestionNote)
	}
}

// TestSkillsErrors checks the errors of the skills routes, and that the
// repertoire alone has no skills.
func TestSkillsErrors(t *testing.T) {
	h := skillsServer(t)
	checkErrors(t, h, []errorCase{
		{"/api/compare?jobs=developpeur-web,architecte-logiciel", 422, pathways.CodeNoSkills},
		{"/api/suggest?from=developpeur-web", 422, pathways.CodeNoSkills},
		{"/api/compare?jobs=M1876&dataset=rome", 400, pathways.CodeInvalid},
		{"/api/compare?jobs=M1876,M1876&dataset=rome", 400, pathways.CodeInvalid},
		{"/api/compare?jobs=M1876,M1860,M1805,M1803&dataset=rome", 400, pathways.CodeInvalid},
		{"/api/compare?jobs=M1876,ZZZZ&dataset=rome", 404, pathways.CodeUnknownJob},
		{"/api/compare?dataset=rome", 400, pathways.CodeMissing},
		{"/api/suggest?from=M1876&limit=0&dataset=rome", 400, pathways.CodeOutOfRange},
		{"/api/suggest?from=level-bac&dataset=all", 422, pathways.CodeNoSkills},
		{"/api/path?from=M1876&to=M1860&gap_limit=-1&dataset=rome", 400, pathways.CodeOutOfRange},
	})
	var d apiJobSkills
	apiGet(t, h, "/api/jobs/developpeur-web", &d)
	if d.Skills != nil {
		t.Errorf("GET /api/jobs/developpeur-web on metiers has skills")
	}
}

// TestPathGapsAPI checks every move of a route on rome carries its gap.
func TestPathGapsAPI(t *testing.T) {
	h := skillsServer(t)
	var doc apiGapPaths
	apiGet(t, h, "/api/path?from=M1876&to=M1860&gap_limit=2&dataset=rome", &doc)
	if len(doc.Paths) == 0 {
		t.Fatal("no route M1876 → M1860")
	}
	for _, st := range doc.Paths[0].Steps[1:] {
		if st.Gap == nil || st.Gap.To != st.ID || len(st.Gap.ToLearn) > 2 {
			t.Errorf("step %s: gap %+v, want one to it, lists of at most 2", st.ID, st.Gap)
		}
	}
}

// TestOpenAPISkills validates the answers of the skills routes, and of
// the routes asked to follow suggested moves, against openapi.json.
func TestOpenAPISkills(t *testing.T) {
	doc, router, _ := openAPISetup(t)
	h := skillsServer(t)
	for _, tt := range []openAPICase{
		{method: "GET", target: "/api/compare?jobs=M1876,M1860&dataset=rome", status: 200},
		{method: "GET", target: "/api/compare?jobs=M1876,M1860,M1805&dataset=rome", status: 200},
		{method: "GET", target: "/api/compare?jobs=technicien-reseaux-cloud,M1860&dataset=all", status: 200},
		{method: "GET", target: "/api/suggest?from=M1876&dataset=rome", status: 200},
		{method: "GET", target: "/api/suggest?from=technicien-reseaux-cloud&limit=3&dataset=all", status: 200},
		{method: "GET", target: "/api/jobs/M1860?dataset=rome", status: 200},
		{method: "GET", target: "/api/jobs/technicien-reseaux-cloud?dataset=all", status: 200},
		{method: "GET", target: "/api/path?from=M1876&to=M1860&k=2&dataset=rome", status: 200},
		{method: "GET", target: "/api/path?from=bac&to=M1860&gap_limit=0&dataset=all", status: 200},
		{method: "GET", target: "/api/compare?jobs=developpeur-web,architecte-logiciel", status: 422, code: pathways.CodeNoSkills},
		{method: "GET", target: "/api/compare?jobs=M1876,ZZZZ&dataset=rome", status: 404, code: pathways.CodeUnknownJob},
		{method: "GET", target: "/api/suggest?from=M1876&limit=101&dataset=rome", status: 400, code: pathways.CodeOutOfRange, specInvalid: true},
		// types=suggestion (issue 13): routes, reach and feeders.
		{method: "GET", target: "/api/path?from=M1876&to=M1860&k=3&types=evolution,proche,suggestion&dataset=rome", status: 200},
		{method: "GET", target: "/api/path?from=technicien-reseaux-cloud&to=M1860&k=2&types=evolution,proche,formation,suggestion&dataset=all", status: 200},
		{method: "GET", target: "/api/reachable?from=M1876&depth=1&types=suggestion&dataset=rome", status: 200},
		{method: "GET", target: "/api/feeders?to=M1860&depth=1&types=evolution,proche,suggestion&dataset=all", status: 200},
		{method: "GET", target: "/api/path?from=technicien&to=architecte&types=suggestion", status: 422, code: pathways.CodeNoSkills},
	} {
		checkOpenAPICase(t, doc, router, h, tt)
	}
}

// TestRouteSuggestionsAPI checks types=suggestion over the API (issue
// 13): every suggested edge of a route says so. TestOpenAPISkills checks
// the answers against the spec, and no_skills on the repertoire.
func TestRouteSuggestionsAPI(t *testing.T) {
	h := skillsServer(t)
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
