package pathways

import (
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/fixture"
)

// studyRoute returns the first route of doc with a study step (to the
// job of ID to, if not empty), and that step's index.
func studyRoute(doc Paths, to ...graph.JobID) (Path, int, bool) {
	for _, p := range doc.Paths {
		if len(to) > 0 && p.Steps[len(p.Steps)-1].ID != to[0] {
			continue
		}
		for i, st := range p.Steps {
			if st.Type == graph.Formation {
				return p, i, true
			}
		}
	}
	return Path{}, 0, false
}

func TestStudyStepFromDiploma(t *testing.T) {
	def, _ := ParseTypes("")
	// On all, routes through ROME fiches take the k places: keep study
	// steps alone there.
	for _, tc := range []struct {
		name  string
		g     *graph.Graph
		types graph.EdgeType
	}{{"metiers", fixture.Metiers(t), def}, {"all", fixture.All(t), graph.Formation}} {
		g := tc.g
		types := tc.types
		for _, effort := range []bool{false, true} {
			doc, err := Route(g, "BTS", "data scientist", Options{K: 3, Effort: effort, Types: types})
			if err != nil {
				t.Fatalf("%s: Route(BTS, data scientist): %v", tc.name, err)
			}
			p, i, ok := studyRoute(doc, "data-scientist")
			if !ok {
				t.Fatalf("%s: Shortest(BTS, data scientist, effort=%v) has no study step: %+v", tc.name, effort, doc.Paths)
			}
			st, target := p.Steps[i], p.Steps[len(p.Steps)-1]
			ds := g.Node(target.node)
			if st.Kind != graph.KindLevel || st.ID != graph.LevelID(graph.LevelBac4) || st.Study == nil || !st.Study.Computed {
				t.Errorf("%s: study step = %+v, want the computed level node bac+4", tc.name, st)
			}
			if ds.Card == nil || st.Evidence != ds.Card.InitialTraining || st.Study.Quote != ds.Card.InitialTraining || st.Study.Trainings != ds.Card.Trainings {
				t.Errorf("%s: study step quotes %q, want the card's initial training of %s", tc.name, st.Evidence, ds.ID)
			}
			if st.Says == "" || target.Type != graph.Access || !st.RaisesLevel {
				t.Errorf("%s: study route steps = %+v", tc.name, p.Steps)
			}
			if want := map[bool]int{false: 1, true: 3}[effort]; p.Hops != 1 || p.Cost != want {
				t.Errorf("%s: study route hops, cost = %d, %d; want 1, %d", tc.name, p.Hops, p.Cost, want)
			}
			if p.Edges[i-1].Type != graph.Formation || p.Edges[i-1].edge != -1 {
				t.Errorf("%s: study edge = %+v", tc.name, p.Edges[i-1])
			}
			// A study step is no edge of g; alone, study routes are drawn.
			if tc.name == "metiers" && !viewHas(PathView(g, doc), g, st.ID) {
				t.Errorf("%s: PathView of study routes alone lacks %s", tc.name, st.ID)
			}
		}
		doc, err := Route(g, "BTS", "data scientist", Options{K: 3, Types: graph.Moves})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, ok := studyRoute(doc); ok {
			t.Errorf("%s: Shortest without formation has a study step", tc.name)
		}
	}
}

// A route through jobs comes first: study routes only fill what is left
// of the k places.
func TestStudyStepsAfterJobRoutes(t *testing.T) {
	g := fixture.Metiers(t)
	from, to := fixture.Nodes(t, g, "technicien-reseaux-cloud"), fixture.Nodes(t, g, "architecte-cloud-reseaux")
	for _, k := range []int{1, 10} {
		doc, err := Shortest(g, Endpoint{Nodes: from}, to, Options{K: k, Types: graph.Moves | graph.Formation})
		if err != nil {
			t.Fatal(err)
		}
		p, _, ok := studyRoute(doc)
		if k == 1 && ok {
			t.Errorf("Shortest(k=1) = %+v, want the route through jobs only", doc.Paths)
		}
		if k == 10 {
			if !ok || doc.Paths[len(doc.Paths)-1].Steps[0].ID != p.Steps[0].ID || len(doc.Paths) > k {
				t.Fatalf("Shortest(k=10) has no study route last: %+v", doc.Paths)
			}
			if p.Steps[0].ID != "technicien-reseaux-cloud" || len(p.Steps) != 3 {
				t.Errorf("study route = %+v, want technicien → bac+4 → architecte", p.Steps)
			}
			if viewHas(PathView(g, doc), g, p.Steps[1].ID) {
				t.Errorf("PathView draws the study step %s beside routes through jobs", p.Steps[1].ID)
			}
		}
	}
}

// A ROME 4.0 fiche's study step quotes the sentence its level was read
// from.
func TestStudyStepROME(t *testing.T) {
	g := fixture.ROME4(t)
	var target int32 = -1
	for i := range int32(g.Len()) {
		if j := g.Node(i); j.Level == graph.LevelBac5 && j.Fiche != nil && j.Fiche.LevelSentence != "" {
			target = i
			break
		}
	}
	if target < 0 {
		t.Fatal("no ROME 4.0 fiche at bac+5 states its level")
	}
	from, err := LevelEndpoint(g, "bac+2")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Shortest(g, from, []int32{target}, Options{K: 1, Types: graph.Formation})
	if err != nil {
		t.Fatal(err)
	}
	p, i, ok := studyRoute(doc)
	if !ok {
		t.Fatalf("Shortest(bac+2, %s) has no study step", g.Node(target).ID)
	}
	if st := p.Steps[i]; st.Evidence != g.Node(target).Fiche.LevelSentence || st.Source != graph.SourceROME {
		t.Errorf("study step = %+v, want the fiche's level sentence", st)
	}
}

func viewHas(v View, g *graph.Graph, id graph.JobID) bool {
	for _, n := range v.Nodes {
		if g.Node(n.Node).ID == id {
			return true
		}
	}
	return false
}

// btsToDataScientist returns dataset all, the start of « BTS » and the
// node of Data scientist: a route whose level rises on a move next to a
// bridge.
func btsToDataScientist(t *testing.T) (*graph.Graph, Endpoint, int32) {
	t.Helper()
	g := fixture.All(t)
	from, err := FindFrom(g, "BTS")
	if err != nil {
		t.Fatal(err)
	}
	to, ok := g.Index("data-scientist")
	if !ok {
		t.Fatal("dataset all has no data-scientist")
	}
	return g, from, to
}

// TestStudyFirstInRoutes checks the study steps inside routes through
// jobs (issue 14): with study steps on, a move that raises the level says
// what studies it asks first, quoting the card of the job reached, and the
// routes are the same, with the same hops and cost, as without: the study
// is that level raise made explicit. Without formation in the types, none.
func TestStudyFirstInRoutes(t *testing.T) {
	g, from, to := btsToDataScientist(t)
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

// TestStudyFirstConcurrent asks, from several goroutines at once, routes
// whose moves ask studies first, on a graph no route has searched yet:
// the studies are written by whichever route comes first, and every
// goroutine gets the documents of a lone route on another load (run with
// -race, it also checks the studies are published safely).
func TestStudyFirstConcurrent(t *testing.T) {
	queries := [][2]string{{"technicien", "architecte"}, {"BTS", "data-scientist"}, {"developpeur-web", "architecte-logiciel"}}
	all, err := ParseTypes("")
	if err != nil {
		t.Fatal(err)
	}
	answers := func(g *graph.Graph) []string {
		var out []string
		for _, q := range queries {
			doc, err := Route(g, q[0], q[1], Options{K: 3, Types: all})
			if err != nil {
				t.Error(err)
				return nil
			}
			b, _ := json.Marshal(doc)
			out = append(out, string(b))
		}
		return out
	}
	lone, err := fixture.LoadMetiers()
	if err != nil {
		t.Fatal(err)
	}
	want := answers(lone)
	if !strings.Contains(strings.Join(want, ""), `"study_first"`) {
		t.Fatal("no route asks a study first")
	}
	g, err := fixture.LoadMetiers()
	if err != nil {
		t.Fatal(err)
	}
	const workers = 4
	docs := make([][]string, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() { docs[w] = answers(g) })
	}
	wg.Wait()
	for w := range workers {
		if !slices.Equal(docs[w], want) {
			t.Errorf("routes from goroutine %d differ from those of a lone load", w)
		}
	}
}
