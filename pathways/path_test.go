package pathways

import (
	"cmp"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/fixture"
	"github.com/pathways-fr/pathways/internal/synthetic"
)

func stepIDs(p Path) []graph.JobID {
	out := make([]graph.JobID, len(p.Steps))
	for i, s := range p.Steps {
		out[i] = s.ID
	}
	return out
}

func evidences(p Path) []string {
	var out []string
	for _, e := range p.Edges {
		out = append(out, string(e.Match)+": "+e.Evidence)
	}
	return out
}

// ends resolves a start with FindFrom and an end with Find, ending the
// test at a text that names nothing.
func ends(tb testing.TB, g *graph.Graph, from, to string) (Endpoint, []int32) {
	tb.Helper()
	ep, err := FindFrom(g, from)
	if err != nil {
		tb.Fatalf("FindFrom(%q): %v", from, err)
	}
	nodes, err := Find(g, to)
	if err != nil {
		tb.Fatalf("Find(%q): %v", to, err)
	}
	return ep, nodes
}

// Ends is ends for the tests of package pathways_test.
var Ends = ends

func shortest(t *testing.T, g *graph.Graph, from, to string, opts Options) Paths {
	t.Helper()
	ep, nodes := ends(t, g, from, to)
	doc, err := Shortest(g, ep, nodes, opts)
	if err != nil {
		t.Fatalf("Shortest(%q, %q, %+v): %v", from, to, opts, err)
	}
	return doc
}

// TestShortestTechnicienArchitecte checks the routes from the two
// technicians to the two architects, edge by edge against the cards'
// "Perspectives d’évolution".
func TestShortestTechnicienArchitecte(t *testing.T) {
	g := fixture.Metiers(t)
	doc := shortest(t, g, "technicien", "architecte", Options{K: 3})
	type want struct {
		steps     []graph.JobID
		evidence  []string
		hops      int
		raisesAt  []int // steps that ask for a higher level than the one before
		firstStep string
	}
	wants := []want{{
		// TECHNICIEN RÉSEAUX/CLOUD: "Perspectives d’évolution : … Administrateur base de données."
		// ADMINISTRATEUR DE BASE DE DONNÉES: "… Études et développement informatique …", the title of
		// ROME card M1805, to which four jobs belong (rome_links): the phrase leads to each.
		// DÉVELOPPEUR WEB: "Expertise et support en systèmes d’information", ROME card M1802, to
		// which ARCHITECTE CLOUD/RÉSEAUX belongs among four.
		steps:    []graph.JobID{"technicien-reseaux-cloud", "administrateur-base-de-donnees", "developpeur-web", "architecte-cloud-reseaux"},
		evidence: []string{"title: Administrateur base de données", "domain: Études et développement informatique", "domain: Expertise et support en systèmes d’information"},
		hops:     3,
		raisesAt: []int{3}, // Bac +2 → Bac +4/5
	}, {
		// DÉVELOPPEUR WEB MOBILE prints the same perspectives.
		steps:    []graph.JobID{"technicien-reseaux-cloud", "administrateur-base-de-donnees", "developpeur-web-mobile", "architecte-cloud-reseaux"},
		evidence: []string{"title: Administrateur base de données", "domain: Études et développement informatique", "domain: Expertise et support en systèmes d’information"},
		hops:     3,
		raisesAt: []int{3},
	}, {
		// INGÉNIEUR ÉTUDES ET DÉVELOPPEMENT: "… Architecte technique …", a synonym printed on
		// ARCHITECTE CLOUD/RÉSEAUX ("Synonymes : Concepteur réseaux, Urbaniste réseaux, Architecte technique, …").
		steps:    []graph.JobID{"technicien-reseaux-cloud", "administrateur-base-de-donnees", "ingenieur-etudes-developpement", "architecte-cloud-reseaux"},
		evidence: []string{"title: Administrateur base de données", "domain: Études et développement informatique", "synonym: Architecte technique"},
		hops:     3,
		raisesAt: []int{3},
	}}
	if len(doc.Paths) != len(wants) {
		t.Fatalf("Shortest(technicien, architecte, k=3) = %d routes, want %d", len(doc.Paths), len(wants))
	}
	for i, w := range wants {
		p := doc.Paths[i]
		if got := stepIDs(p); !slices.Equal(got, w.steps) {
			t.Errorf("route %d = %v, want %v", i+1, got, w.steps)
		}
		if got := evidences(p); !slices.Equal(got, w.evidence) {
			t.Errorf("route %d evidence = %q, want %q", i+1, got, w.evidence)
		}
		if p.Hops != w.hops || p.Cost != w.hops {
			t.Errorf("route %d: %d hops, cost %d; want %d and %d", i+1, p.Hops, p.Cost, w.hops, w.hops)
		}
		var raises []int
		for k, s := range p.Steps {
			if s.RaisesLevel {
				raises = append(raises, k)
			}
		}
		if !slices.Equal(raises, w.raisesAt) {
			t.Errorf("route %d raises the level at steps %v, want %v", i+1, raises, w.raisesAt)
		}
	}
	if doc.By != "steps" || doc.K != 3 || doc.Level != nil || doc.Message != "" {
		t.Errorf("Shortest document: by %q, k %d, level %v, message %q", doc.By, doc.K, doc.Level, doc.Message)
	}
	var from, to []graph.JobID
	for _, s := range doc.From {
		from = append(from, s.ID)
	}
	for _, s := range doc.To {
		to = append(to, s.ID)
	}
	if !slices.Equal(from, []graph.JobID{"technicien-maintenance-support", "technicien-reseaux-cloud"}) ||
		!slices.Equal(to, []graph.JobID{"architecte-cloud-reseaux", "architecte-logiciel"}) {
		t.Errorf("Shortest document from %v to %v", from, to)
	}
	checkRoutes(t, g, doc)
}

// TestShortestFromLevel starts from a diploma: the step from the level to
// its entry jobs is free and not a hop.
func TestShortestFromLevel(t *testing.T) {
	g := fixture.Metiers(t)
	doc := shortest(t, g, "BTS", "Architecte logiciel", Options{K: 3})
	if doc.Level == nil || *doc.Level != "bac+2" {
		t.Errorf("Shortest(BTS, …).Level = %v, want bac+2", doc.Level)
	}
	if len(doc.Paths) != 3 {
		t.Fatalf("Shortest(BTS, Architecte logiciel, k=3) = %d routes, want 3", len(doc.Paths))
	}
	// INGÉNIEUR ÉTUDES ET DÉVELOPPEMENT: "Niveau minimum d’accès : Bac +2", and its
	// perspectives print "Architecte logiciel".
	p := doc.Paths[0]
	if got, want := stepIDs(p), []graph.JobID{"level-bac+2", "ingenieur-etudes-developpement", "architecte-logiciel"}; !slices.Equal(got, want) {
		t.Errorf("route 1 = %v, want %v", got, want)
	}
	if got, want := evidences(p), []string{"level: Niveau minimum d’accès : Bac +2", "title: Architecte logiciel"}; !slices.Equal(got, want) {
		t.Errorf("route 1 evidence = %q, want %q", got, want)
	}
	if p.Hops != 1 || p.Cost != 1 || p.Edges[0].Type != graph.Access {
		t.Errorf("route 1: %d hops, cost %d, first edge %s; want 1, 1, access", p.Hops, p.Cost, p.Edges[0].Type)
	}
	// Two routes of two moves, through DÉVELOPPEUR WEB and DÉVELOPPEUR WEB
	// MOBILE ("Expertise et support en systèmes d’information", ROME card
	// M1802), then ARCHITECTE CLOUD/RÉSEAUX, whose card prints "Architecte
	// logiciel".
	var got [][]graph.JobID
	for _, p := range doc.Paths[1:] {
		got = append(got, stepIDs(p))
		if p.Hops != 2 {
			t.Errorf("route %v: %d hops, want 2", stepIDs(p), p.Hops)
		}
	}
	want := [][]graph.JobID{
		{"level-bac+2", "developpeur-web", "architecte-cloud-reseaux", "architecte-logiciel"},
		{"level-bac+2", "developpeur-web-mobile", "architecte-cloud-reseaux", "architecte-logiciel"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("routes 2 and 3 = %v, want %v", got, want)
	}
	checkRoutes(t, g, doc)
}

func TestShortestNoPath(t *testing.T) {
	g := fixture.Metiers(t)
	// DIRECTEUR DES SI prints one perspective, "Directeur général adjoint
	// en charge de l’informatique, la logistique et l’organisation", a role
	// outside the repertoire: nothing leads on from it.
	doc := shortest(t, g, "DSI", "technicien", Options{K: 3})
	if doc.Paths == nil || len(doc.Paths) != 0 || doc.Message == "" {
		t.Errorf("Shortest(DSI, technicien) = %d paths (nil: %v), message %q; want an empty list and a message", len(doc.Paths), doc.Paths == nil, doc.Message)
	}
	b, err := json.Marshal(doc)
	if err != nil || !strings.Contains(string(b), `"paths":[]`) {
		t.Errorf("Shortest(DSI, technicien) JSON = %s, %v; want \"paths\":[]", b, err)
	}
	// Without endpoints.
	doc, err = Shortest(g, Endpoint{}, fixture.Nodes(t, g, "directeur-systemes-information"), Options{K: 1})
	if err != nil || len(doc.Paths) != 0 || doc.Message == "" {
		t.Errorf("Shortest(no start) = %+v, %v; want no path and a message", doc, err)
	}
	// The repertoire prints no close mobility.
	doc = shortest(t, g, "technicien", "architecte", Options{K: 1, Types: graph.Close})
	if len(doc.Paths) != 0 {
		t.Errorf("Shortest(technicien, architecte, proche) = %v, want none", doc.Paths)
	}
	// A job is its own route, of no step.
	doc = shortest(t, g, "DSI", "directeur-systemes-information", Options{K: 2})
	if len(doc.Paths) != 1 || doc.Paths[0].Hops != 0 || len(doc.Paths[0].Steps) != 1 {
		t.Errorf("Shortest(DSI, DSI) = %+v, want one route of no step", doc.Paths)
	}
}

func TestShortestBadOptions(t *testing.T) {
	g := fixture.Metiers(t)
	from := Endpoint{Nodes: fixture.Nodes(t, g, "technicien-reseaux-cloud")}
	to := fixture.Nodes(t, g, "architecte-logiciel")
	for _, k := range []int{0, -1, MaxK + 1} {
		_, err := Shortest(g, from, to, Options{K: k})
		queryError(t, fmt.Sprintf("Shortest(k=%d)", k), err, ErrBadQuery, CodeOutOfRange)
	}
	if doc, err := Shortest(g, from, to, Options{K: MaxK}); err != nil || len(doc.Paths) == 0 {
		t.Errorf("Shortest(k=%d) = %d routes, %v", MaxK, len(doc.Paths), err)
	}
}

// TestQueriesOfTexts checks Route, FeedersOf, ReachableFrom and
// ReachableFromLevel, the queries of texts the API and the command line
// answer: the same documents as their steps (FindFrom, FindTo or
// LevelEndpoint, then Shortest, Feeders or Reachable) with the
// ambiguities of the texts, the start's first; and a text that names
// nothing is the error before those of the options (k, depth, no_skills
// on the repertoire).
func TestQueriesOfTexts(t *testing.T) {
	g := fixture.Metiers(t)
	from, errFrom := FindFrom(g, "technicien")
	to, errTo := FindTo(g, "architecte")
	if errFrom != nil || errTo != nil || len(from.Ambiguities) != 1 || len(to.Ambiguities) != 1 {
		t.Fatalf("FindFrom(technicien), FindTo(architecte) = %+v, %v, %+v, %v; want one ambiguity each", from.Ambiguities, errFrom, to.Ambiguities, errTo)
	}
	want, err := Shortest(g, from, to.Nodes, Options{K: 2})
	if err != nil {
		t.Fatal(err)
	}
	want.Ambiguities = append(want.Ambiguities, to.Ambiguities...)
	doc, err := Route(g, "technicien", "architecte", Options{K: 2})
	if err != nil || !reflect.DeepEqual(doc, want) || len(doc.Ambiguities) != 2 || doc.Ambiguities[0].Param != "from" {
		t.Errorf("Route(technicien, architecte) = %+v, %v; want %+v", doc, err, want)
	}
	feeders, err := Feeders(g, to.Nodes, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	feeders.Ambiguities = to.Ambiguities
	if doc, err := FeedersOf(g, "architecte", 1, 0); err != nil || !reflect.DeepEqual(doc, feeders) {
		t.Errorf("FeedersOf(architecte) = %+v, %v; want %+v", doc, err, feeders)
	}
	reach, err := Reachable(g, from, 2, 0)
	if err != nil {
		t.Fatal(err)
	}
	if doc, err := ReachableFrom(g, "technicien", 2, 0); err != nil || !reflect.DeepEqual(doc, reach) || len(doc.Ambiguities) != 1 {
		t.Errorf("ReachableFrom(technicien) = %+v, %v; want %+v", doc, err, reach)
	}
	bts, err := LevelEndpoint(g, "BTS")
	if err != nil {
		t.Fatal(err)
	}
	if reach, err = Reachable(g, bts, 1, 0); err != nil {
		t.Fatal(err)
	}
	if doc, err := ReachableFromLevel(g, "BTS", 1, 0); err != nil || !reflect.DeepEqual(doc, reach) || doc.Level == nil {
		t.Errorf("ReachableFromLevel(BTS) = %+v, %v; want %+v", doc, err, reach)
	}
	const nothing = "zzqxw"
	for _, tc := range []struct {
		call     string
		err      error
		sentinel error
		code     string
	}{
		{"Route(nothing, architecte, suggestion)", errOf(Route(g, nothing, "architecte", Options{K: 1, Types: graph.Suggestion})), ErrUnknownJob, CodeUnknownJob},
		{"Route(technicien, nothing, k=0)", errOf(Route(g, "technicien", nothing, Options{K: 0})), ErrUnknownJob, CodeUnknownJob},
		{"Route(technicien, architecte, suggestion)", errOf(Route(g, "technicien", "architecte", Options{K: 1, Types: graph.Suggestion})), ErrBadQuery, CodeNoSkills},
		{"Route(technicien, architecte, k=0, suggestion)", errOf(Route(g, "technicien", "architecte", Options{K: 0, Types: graph.Suggestion})), ErrBadQuery, CodeOutOfRange},
		{"FeedersOf(nothing, depth MaxDepth+1, suggestion)", errOf(FeedersOf(g, nothing, MaxDepth+1, graph.Suggestion)), ErrUnknownJob, CodeUnknownJob},
		{"FeedersOf(architecte, suggestion)", errOf(FeedersOf(g, "architecte", 1, graph.Suggestion)), ErrBadQuery, CodeNoSkills},
		{"ReachableFrom(nothing, depth MaxDepth+1, suggestion)", errOf(ReachableFrom(g, nothing, MaxDepth+1, graph.Suggestion)), ErrUnknownJob, CodeUnknownJob},
		{"ReachableFrom(technicien, suggestion)", errOf(ReachableFrom(g, "technicien", 1, graph.Suggestion)), ErrBadQuery, CodeNoSkills},
		{"ReachableFromLevel(architecte)", errOf(ReachableFromLevel(g, "architecte", 1, 0)), ErrBadQuery, CodeUnknownLevel},
		{"ReachableFromLevel(BTS, depth MaxDepth+1, suggestion)", errOf(ReachableFromLevel(g, "BTS", MaxDepth+1, graph.Suggestion)), ErrBadQuery, CodeOutOfRange},
	} {
		queryError(t, tc.call, tc.err, tc.sentinel, tc.code)
	}
}

// errOf returns the error of a query.
func errOf[D any](_ D, err error) error { return err }

func TestParseByAndTypes(t *testing.T) {
	for _, tc := range []struct {
		in     string
		effort bool
		ok     bool
	}{{"", false, true}, {"steps", false, true}, {"effort", true, true}, {"fast", false, false}, {"EFFORT", false, false}} {
		effort, err := ParseBy(tc.in)
		if tc.ok && (err != nil || effort != tc.effort) {
			t.Errorf("ParseBy(%q) = %v, %v; want %v", tc.in, effort, err, tc.effort)
		}
		if !tc.ok {
			queryError(t, "ParseBy("+tc.in+")", err, ErrBadQuery, CodeInvalid)
		}
	}
	for _, tc := range []struct {
		in   string
		want graph.EdgeType
	}{
		{"", graph.Moves | graph.Formation}, {"formation", graph.Formation}, {"evolution,formation", graph.Evolution | graph.Formation},
		{"evolution", graph.Evolution}, {"Évolution", graph.Evolution}, {"proche", graph.Close},
		{"close", graph.Close}, {"evolution,proche", graph.Moves}, {" proche , evolution ", graph.Moves},
	} {
		got, err := ParseTypes(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseTypes(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	for _, in := range []string{"access", "evolution,", "promotion"} {
		_, err := ParseTypes(in)
		queryError(t, "ParseTypes("+in+")", err, ErrBadQuery, CodeInvalid)
	}
}

// effortGraph has a short route that goes up, down and up again, and a
// long one that goes up once.
const effortGraph = `{"jobs": [
  {"id": "a", "title": "Départ", "level_text": "Bac +2"},
  {"id": "h", "title": "Haut", "level_text": "Bac +5"},
  {"id": "m", "title": "Milieu", "level_text": "Bac"},
  {"id": "d", "title": "Arrivée", "level_text": "Bac +5"},
  {"id": "p", "title": "P", "level_text": "BTS"},
  {"id": "q", "title": "Q", "level_text": "BTS"},
  {"id": "r", "title": "R", "level_text": "BTS"},
  {"id": "s", "title": "S", "level_text": "BTS"}
],
"edges": [
  {"from": "a", "to": "h"}, {"from": "h", "to": "m"}, {"from": "m", "to": "d"},
  {"from": "a", "to": "p"}, {"from": "p", "to": "q"}, {"from": "q", "to": "r"}, {"from": "r", "to": "s"}, {"from": "s", "to": "d"}
]}`

// TestShortestEffort checks that a step that raises the level costs one
// more per level of the scale (CAP, Bac, Bac +2, Bac +3, Bac +4, Bac +5) it
// climbs.
func TestShortestEffort(t *testing.T) {
	g := loadJSON(t, effortGraph)
	short := []graph.JobID{"a", "h", "m", "d"}
	long := []graph.JobID{"a", "p", "q", "r", "s", "d"}

	doc := shortest(t, g, "a", "d", Options{K: 2})
	if len(doc.Paths) != 2 || !slices.Equal(stepIDs(doc.Paths[0]), short) || !slices.Equal(stepIDs(doc.Paths[1]), long) {
		t.Fatalf("Shortest(a, d, steps) = %v, want %v then %v", doc.Paths, short, long)
	}
	if doc.Paths[0].Cost != 3 || doc.Paths[1].Cost != 5 {
		t.Errorf("costs by steps %d, %d; want 3, 5", doc.Paths[0].Cost, doc.Paths[1].Cost)
	}

	doc = shortest(t, g, "a", "d", Options{K: 2, Effort: true})
	if doc.By != "effort" || len(doc.Paths) != 2 {
		t.Fatalf("Shortest(a, d, effort) = %+v", doc)
	}
	// long: four steps at Bac +2, then Bac +2 → Bac +5, 1+3: 8.
	// short: Bac +2 → Bac +5 (1+3), down to Bac (1), Bac → Bac +5 (1+4): 10.
	if got := stepIDs(doc.Paths[0]); !slices.Equal(got, long) || doc.Paths[0].Cost != 8 {
		t.Errorf("Shortest(a, d, effort) route 1 = %v, cost %d; want %v, cost 8", got, doc.Paths[0].Cost, long)
	}
	if got := stepIDs(doc.Paths[1]); !slices.Equal(got, short) || doc.Paths[1].Cost != 10 || doc.Paths[1].Hops != 3 {
		t.Errorf("Shortest(a, d, effort) route 2 = %v, cost %d; want %v, cost 10", got, doc.Paths[1].Cost, short)
	}
	var raises []graph.JobID
	for _, s := range doc.Paths[1].Steps {
		if s.RaisesLevel {
			raises = append(raises, s.ID)
		}
	}
	if !slices.Equal(raises, []graph.JobID{"h", "d"}) {
		t.Errorf("route %v raises the level at %v, want [h d]", short, raises)
	}

	// On the repertoire: levels rank Bac +2 = 3, Bac +4 = 5, Bac +5 = 6.
	g = fixture.Metiers(t)
	doc = shortest(t, g, "technicien", "architecte", Options{K: 3, Effort: true})
	for i, w := range []struct {
		last graph.JobID
		hops int
		cost int
	}{
		{"architecte-cloud-reseaux", 3, 5}, // 1 + 1 + (1+2), through DÉVELOPPEUR WEB
		{"architecte-cloud-reseaux", 3, 5}, // the same through DÉVELOPPEUR WEB MOBILE
		{"architecte-cloud-reseaux", 3, 5}, // the same through INGÉNIEUR ÉTUDES ET DÉVELOPPEMENT ("Architecte technique")
	} {
		p := doc.Paths[i]
		if p.Steps[len(p.Steps)-1].ID != w.last || p.Hops != w.hops || p.Cost != w.cost {
			t.Errorf("Shortest(technicien, architecte, effort) route %d = %v, cost %d; want %d hops to %s, cost %d", i+1, stepIDs(p), p.Cost, w.hops, w.last, w.cost)
		}
	}
	checkRoutes(t, g, doc)
}

// checkRoutes checks what every route of a document must be: a chain of
// edges of the graph, loopless, from a start to a target, priced as
// documented, shortest first, each route once.
func checkRoutes(t *testing.T, g *graph.Graph, doc Paths) {
	t.Helper()
	starts := map[graph.JobID]bool{}
	for _, s := range doc.From {
		starts[s.ID] = true
	}
	targets := map[graph.JobID]bool{}
	for _, s := range doc.To {
		targets[s.ID] = true
	}
	seen := map[string]bool{}
	for i, p := range doc.Paths {
		ids := stepIDs(p)
		name := fmt.Sprintf("route %d %v", i+1, ids)
		if len(p.Steps) == 0 || len(p.Edges) != len(p.Steps)-1 {
			t.Errorf("%s: %d steps and %d edges", name, len(p.Steps), len(p.Edges))
			continue
		}
		if !starts[ids[0]] || !targets[ids[len(ids)-1]] {
			t.Errorf("%s: does not go from a start to a target", name)
		}
		for k, id := range ids[:len(ids)-1] {
			if targets[id] {
				t.Errorf("%s: passes through the target %s at step %d", name, id, k)
			}
		}
		dup := map[graph.JobID]bool{}
		for _, id := range ids {
			if dup[id] {
				t.Errorf("%s: visits %s twice", name, id)
			}
			dup[id] = true
		}
		key := fmt.Sprint(p.Edges)
		if seen[key] {
			t.Errorf("%s: listed twice", name)
		}
		seen[key] = true
		cost, hops := 0, 0
		for k, e := range p.Edges {
			if e.From != ids[k] || e.To != ids[k+1] || p.Steps[k+1].Type != e.Type || p.Steps[k+1].Evidence != e.Evidence {
				t.Errorf("%s: edge %d %+v does not join steps %s and %s", name, k, e, ids[k], ids[k+1])
			}
			found := false
			fi, _ := g.Index(e.From)
			ti, _ := g.Index(e.To)
			for _, a := range g.Out(fi) {
				ge := g.Edge(a.Edge)
				if ge.To == e.To && ge.Type == e.Type && ge.Evidence[0].Text == e.Evidence && ge.Evidence[0].Match == e.Match {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: edge %s → %s %s « %s » is not in the graph", name, e.From, e.To, e.Type, e.Evidence)
			}
			c, _ := arcCost(g, fi, ti, e.Type, doc.By == "effort")
			cost += c
			if e.Type != graph.Access {
				hops++
			}
		}
		if p.Cost != cost || p.Hops != hops {
			t.Errorf("%s: cost %d, %d hops; want %d, %d", name, p.Cost, p.Hops, cost, hops)
		}
		if i > 0 {
			q := doc.Paths[i-1]
			if c := cmp.Or(cmp.Compare(q.Cost, p.Cost), cmp.Compare(len(q.Steps), len(p.Steps))); c > 0 {
				t.Errorf("%s (cost %d) comes after a route of cost %d and %d steps", name, p.Cost, q.Cost, len(q.Steps))
			}
		}
	}
}

// arcCost is the cost of the arc u → v of type t as documented, written
// out again: a bridge is no step (by effort it costs the levels it
// climbs), the first arc from a level costs 0, any other 1, plus by effort
// the levels climbed when both ends have one. The second figure counts
// the arcs that are not bridges: they break ties between routes of equal
// cost.
func arcCost(g *graph.Graph, u, v int32, t graph.EdgeType, effort bool) (int, int) {
	a, b := g.Node(u), g.Node(v)
	climb := 0
	if effort && a.Level != graph.LevelNone && b.Level > a.Level {
		climb = slices.Index(graph.Levels, b.Level) - slices.Index(graph.Levels, a.Level)
	}
	switch {
	case t == graph.Bridge:
		return climb, 0
	case a.Kind == graph.KindLevel:
		return 0, 1
	}
	return 1 + climb, 1
}

// bruteRoutes lists (cost, arcs that are not bridges, nodes) of every
// loopless route from a start that stops at its first target, never
// takes two bridges in a row and costs at most bound, by depth-first
// enumeration, sorted.
func bruteRoutes(g *graph.Graph, starts, targets []int32, mask graph.EdgeType, effort bool, bound int) [][3]int {
	var out [][3]int
	on := make([]bool, g.Len())
	var walk func(u int32, cost, arcs, nodes int, bridged bool)
	walk = func(u int32, cost, arcs, nodes int, bridged bool) {
		if slices.Contains(targets, u) {
			out = append(out, [3]int{cost, arcs, nodes})
			return
		}
		on[u] = true
		for _, a := range g.Out(u) {
			if a.Type&mask == 0 || on[a.Node] || bridged && a.Type == graph.Bridge {
				continue
			}
			c, n := arcCost(g, u, a.Node, a.Type, effort)
			if cost+c <= bound {
				walk(a.Node, cost+c, arcs+n, nodes+1, a.Type == graph.Bridge)
			}
		}
		on[u] = false
	}
	for _, s := range starts {
		walk(s, 0, 0, 1, false)
	}
	slices.SortFunc(out, func(x, y [3]int) int {
		return cmp.Or(cmp.Compare(x[0], y[0]), cmp.Compare(x[1], y[1]), cmp.Compare(x[2], y[2]))
	})
	return out
}

// checkAgainstBruteForce checks that the k routes of Shortest are the k
// cheapest loopless routes (by cost, then steps), as exhaustive
// enumeration finds them.
func checkAgainstBruteForce(t *testing.T, g *graph.Graph, from Endpoint, to []int32, opts Options) {
	t.Helper()
	doc, err := Shortest(g, from, to, opts)
	if err != nil {
		t.Fatalf("Shortest: %v", err)
	}
	bound := 1 << 20
	if len(doc.Paths) == opts.K {
		bound = doc.Paths[opts.K-1].Cost
	}
	types := opts.Types
	if types == 0 {
		types = graph.Moves
	}
	all := bruteRoutes(g, from.Nodes, to, types|graph.Access, opts.Effort, bound)
	var got, want [][2]int
	for _, p := range doc.Paths {
		got = append(got, [2]int{p.Cost, len(p.Steps)})
	}
	for _, r := range all[:min(len(all), opts.K)] {
		want = append(want, [2]int{r[0], r[2]})
	}
	if !slices.Equal(got, want) {
		t.Errorf("Shortest(%v → %v, %+v) routes (cost, steps) = %v, want %v", ids(g, from.Nodes), ids(g, to), opts, got, want)
	}
	checkRoutes(t, g, doc)
}

func TestShortestMatchesBruteForce(t *testing.T) {
	g := fixture.Metiers(t)
	for _, q := range [][2]string{
		{"technicien", "architecte"}, {"BTS", "DSI"}, {"bac", "architecte"}, {"data", "DSI"}, {"ingénieur", "manager"},
		{"développeur", "directeur"}, {"CAP", "manager"}, {"master", "chef de projet"}, {"web designer", "DSI"},
	} {
		from, to := ends(t, g, q[0], q[1])
		for _, effort := range []bool{false, true} {
			checkAgainstBruteForce(t, g, from, to, Options{K: MaxK, Effort: effort})
		}
	}
	// Small synthetic repertoires: every pair, pairs of pairs, and levels.
	for seed := range uint64(4) {
		g := fixture.Synthetic(t, synthetic.Options{Jobs: 12, Edges: 34, Families: 3, Seed: seed})
		var jobs []int32
		for i := range int32(g.Len()) {
			if g.Node(i).Kind == graph.KindJob {
				jobs = append(jobs, i)
			}
		}
		for _, effort := range []bool{false, true} {
			for _, types := range []graph.EdgeType{graph.Moves, graph.Evolution} {
				opts := Options{K: 4, Effort: effort, Types: types}
				for _, a := range jobs {
					for _, b := range jobs {
						checkAgainstBruteForce(t, g, Endpoint{Nodes: []int32{a}}, []int32{b}, opts)
					}
				}
				for i := 0; i+3 < len(jobs); i += 2 {
					checkAgainstBruteForce(t, g, Endpoint{Nodes: jobs[i : i+2]}, jobs[i+2:i+4], opts)
				}
				for _, l := range graph.Levels {
					checkAgainstBruteForce(t, g, levelEndpoint(g, l), jobs[len(jobs)-3:], opts)
				}
			}
		}
	}
}

// TestAlternatives checks the k routes: stable from call to call, and
// the routes for k are the first of those for more.
func TestAlternatives(t *testing.T) {
	g := fixture.Metiers(t)
	syn := fixture.Synthetic(t, synthetic.Options{Jobs: 300, Edges: 1500, Seed: 9})
	synFrom, synTo := connectedPair(t, syn, 5)
	for _, tc := range []struct {
		g        *graph.Graph
		from, to string
	}{
		{g, "technicien", "architecte"},
		{g, "BTS", "DSI"},
		{g, "ingénieur", "manager"},
		{syn, synFrom, synTo},
		{syn, "Bac +2", synTo},
	} {
		for _, effort := range []bool{false, true} {
			opts := Options{K: 5, Effort: effort}
			first := shortest(t, tc.g, tc.from, tc.to, opts)
			if len(first.Paths) < 2 {
				t.Errorf("Shortest(%q, %q) = %d routes; want alternatives to compare", tc.from, tc.to, len(first.Paths))
			}
			checkRoutes(t, tc.g, first)
			for range 50 {
				if again := shortest(t, tc.g, tc.from, tc.to, opts); !reflect.DeepEqual(again, first) {
					t.Fatalf("Shortest(%q, %q, %+v) changed from one call to the next", tc.from, tc.to, opts)
				}
			}
			for k := 1; k < opts.K; k++ {
				fewer := shortest(t, tc.g, tc.from, tc.to, Options{K: k, Effort: effort})
				n := min(k, len(first.Paths))
				if !reflect.DeepEqual(fewer.Paths, first.Paths[:n]) {
					t.Errorf("Shortest(%q, %q, k=%d, effort %v) is not the first %d of k=%d", tc.from, tc.to, k, effort, n, opts.K)
				}
			}
		}
	}
}
