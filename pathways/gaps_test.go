package pathways_test

import (
	"errors"
	"testing"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/fixture"
	"github.com/pathways-fr/pathways/pathways"
)

// TestAttachSkills checks skills travel with the graph they are attached
// to, and only with it.
func TestAttachSkills(t *testing.T) {
	g, s := fixture.ROME4(t), fixture.Skills(t)
	other, err := fixture.LoadMetiers()
	if err != nil {
		t.Fatal(err)
	}
	b := bridge(t)
	pathways.AttachSkills(g, s, nil)
	if got, ok := pathways.SkillsFor(g); !ok || got.Skills != s || got.Bridge != nil {
		t.Errorf("SkillsFor(rome) = %v, %v, want the attached skills", got, ok)
	}
	if _, ok := pathways.SkillsFor(other); ok {
		t.Errorf("SkillsFor(metiers) reports skills none were attached to")
	}
	pathways.AttachSkills(other, s, b)
	if got, ok := pathways.SkillsFor(other); !ok || len(got.Bridge) != len(b) {
		t.Errorf("SkillsFor(metiers) after AttachSkills = %v, want the bridge of %d métiers", ok, len(b))
	}
	nb := pathways.NewBridge(fixture.Bridge(t))
	for job, codes := range b {
		if len(nb[job]) != len(codes) {
			t.Errorf("NewBridge()[%s] = %v, want %v", job, nb[job], codes)
		}
	}
}

// skillCodes returns the codes of the skills SkillsOf lists for id.
func skillCodes(t *testing.T, g *graph.Graph, s *graph.Skills, b pathways.Bridge, id graph.JobID) map[string]bool {
	t.Helper()
	d, err := pathways.SkillsOf(g, s, b, string(id))
	if err != nil {
		t.Fatalf("SkillsOf(%s): %v", id, err)
	}
	out := map[string]bool{}
	for _, gr := range d.Groups {
		for _, sk := range gr.Skills {
			out[sk.Code] = true
		}
	}
	return out
}

// TestAddGaps checks every move of a route on ROME 4.0 and on the
// combined dataset carries the gap from the step before: as many skills
// to learn and to keep as the set difference and intersection of the two
// jobs' skills.
func TestAddGaps(t *testing.T) {
	r4, s := fixture.ROME4(t), fixture.Skills(t)
	all, b := fixture.All(t), pathways.NewBridge(fixture.Bridge(t))
	for _, tt := range []struct {
		g        *graph.Graph
		b        pathways.Bridge
		from, to string
	}{
		{r4, nil, "M1876", "M1860"},
		{all, b, "technicien-reseaux-cloud", "M1860"},
		{all, b, "bac", "M1860"},
	} {
		doc, err := pathways.Route(tt.g, tt.from, tt.to, pathways.Options{K: 2})
		if err != nil || len(doc.Paths) == 0 {
			t.Fatalf("Route(%s, %s) = %d routes, %v", tt.from, tt.to, len(doc.Paths), err)
		}
		if err := pathways.AddGaps(&doc, tt.g, pathways.SkillBase{Skills: s, Bridge: tt.b}, 3); err != nil {
			t.Fatalf("AddGaps: %v", err)
		}
		gaps := 0
		for _, p := range doc.Paths {
			for i, st := range p.Steps {
				if i == 0 || st.Type == graph.Access || st.Type == graph.Bridge || st.Kind == graph.KindLevel {
					if st.Gap != nil {
						t.Errorf("%s → %s: step %s (%s) has a gap", tt.from, tt.to, st.ID, st.Type)
					}
					continue
				}
				if st.Gap == nil {
					t.Errorf("%s → %s: step %s has no gap", tt.from, tt.to, st.ID)
					continue
				}
				gaps++
				a := skillCodes(t, tt.g, s, tt.b, p.Steps[i-1].ID)
				bb := skillCodes(t, tt.g, s, tt.b, st.ID)
				learn, keep := 0, 0
				for c := range bb {
					if a[c] {
						keep++
					} else {
						learn++
					}
				}
				if st.Gap.From != p.Steps[i-1].ID || st.Gap.Learn.Total != learn || st.Gap.Keep.Total != keep {
					t.Errorf("gap %s → %s = from %s, learn %d, keep %d; want from %s, learn %d, keep %d",
						p.Steps[i-1].ID, st.ID, st.Gap.From, st.Gap.Learn.Total, st.Gap.Keep.Total, p.Steps[i-1].ID, learn, keep)
				}
				if len(st.Gap.ToLearn) > 3 || len(st.Gap.Kept) > 3 || st.Gap.Truncated != (learn > 3 || keep > 3) {
					t.Errorf("gap %s → %s: lists of %d and %d, truncated %v, want at most 3", p.Steps[i-1].ID, st.ID, len(st.Gap.ToLearn), len(st.Gap.Kept), st.Gap.Truncated)
				}
			}
		}
		if gaps == 0 {
			t.Errorf("%s → %s: no step has a gap", tt.from, tt.to)
		}
	}
	var doc pathways.Paths
	if err := pathways.AddGaps(&doc, r4, pathways.SkillBase{Skills: s}, -1); !errors.Is(err, pathways.ErrBadQuery) {
		t.Errorf("AddGaps(limit -1) = %v, want ErrBadQuery", err)
	}
}
