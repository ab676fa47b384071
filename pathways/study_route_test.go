package pathways

import (
	"github.com/pathways-fr/pathways/internal/fixture"
	"slices"
	"testing"

	"github.com/pathways-fr/pathways/graph"
)

// TestStudyFirstInRoutes checks the study steps inside routes through
// jobs (issue 14): with study steps on, a move that raises the level says
// what studies it asks first, quoting the card of the job reached, and the
// routes are the same, with the same hops and cost, as without: the study
// is that level raise made explicit. Without formation in the types, none.
func TestStudyFirstInRoutes(t *testing.T) {
	g := fixture.All(t)
	from, err := FindFrom(g, "BTS")
	if err != nil {
		t.Fatal(err)
	}
	to, _ := g.Index("data-scientist")
	all, err := ParseTypes("")
	if err != nil {
		t.Fatal(err)
	}
	for _, effort := range []bool{false, true} {
		with, err := Shortest(g, from, []int32{to}, Options{K: 3, Effort: effort, Types: all})
		if err != nil {
			t.Fatal(err)
		}
		without, err := Shortest(g, from, []int32{to}, Options{K: 3, Effort: effort, Types: graph.Moves})
		if err != nil {
			t.Fatal(err)
		}
		studied := 0
		for i, p := range without.Paths {
			q := with.Paths[i]
			if q.Hops != p.Hops || q.Cost != p.Cost || !slices.EqualFunc(q.Steps, p.Steps, func(a, b Step) bool { return a.ID == b.ID }) {
				t.Fatalf("effort %v: route %d with study steps %v (hops %d, cost %d), without %v (hops %d, cost %d)", effort, i+1, q.Steps, q.Hops, q.Cost, p.Steps, p.Hops, p.Cost)
			}
			for k, st := range p.Steps {
				if st.StudyFirst != nil {
					t.Errorf("effort %v: route %d step %s has a study without formation in the types", effort, i+1, st.ID)
				}
				sf := q.Steps[k].StudyFirst
				if sf == nil {
					continue
				}
				studied++
				if !st.RaisesLevel || st.Type == graph.Bridge || st.Type == graph.Access || !sf.Computed || sf.Quote == "" || sf.FromLevel == nil || sf.Says == "" {
					t.Errorf("effort %v: route %d step %s: study %+v on a step raising %v, type %s", effort, i+1, st.ID, sf, st.RaisesLevel, st.Type)
				}
			}
		}
		if len(without.Paths) == 0 || studied == 0 {
			t.Fatalf("effort %v: BTS → data-scientist: %d routes, %d studies, want a study where the level rises", effort, len(without.Paths), studied)
		}
		if effort {
			continue // by effort the first route goes another way
		}
		for _, st := range with.Paths[0].Steps {
			if sf := st.StudyFirst; sf != nil && (sf.For != "data-scientist" || sf.ToLevel != "bac+4" || *sf.FromLevel != "bac+2") {
				t.Errorf("effort %v: study %+v, want bac+2 → bac+4 quoting data-scientist's card", effort, sf)
			}
		}
	}
}
