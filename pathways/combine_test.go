package pathways

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/fixture"
	"github.com/pathways-fr/pathways/internal/synthetic"
)

// smallCombined combines a synthetic repertoire with the ROME 4.0 fixture
// of package graph, bridging three of its jobs to fiches: small enough to
// enumerate every route.
func smallCombined(t testing.TB, seed uint64) *graph.Graph {
	t.Helper()
	m := fixture.Synthetic(t, synthetic.Options{Jobs: 12, Edges: 30, Families: 3, Seed: seed})
	r, err := graph.LoadROME4(os.DirFS("../graph/testdata/rome4"), nil)
	if err != nil {
		t.Fatalf("LoadROME4(fixture): %v", err)
	}
	var jobs []graph.JobID
	for _, j := range m.Jobs() {
		if j.Kind == graph.KindJob {
			jobs = append(jobs, j.ID)
		}
	}
	br := &graph.BridgeFile{}
	for i, code := range []graph.JobID{"M1876", "M1860", "M1810"} {
		br.Links = append(br.Links, graph.BridgeLink{Job: jobs[(int(seed)+4*i)%len(jobs)], Code: code, Label: "test"})
	}
	// Two jobs share a fiche, and one job has two: a route may not cross
	// from one to the other through it.
	br.Links = append(br.Links, graph.BridgeLink{Job: jobs[(int(seed)+2)%len(jobs)], Code: "M1876", Label: "test"},
		graph.BridgeLink{Job: jobs[int(seed)%len(jobs)], Code: "M1810", Label: "test"})
	g, err := graph.Combine(m, r, br)
	if err != nil {
		t.Fatalf("Combine(synthetic, fixture): %v", err)
	}
	return g
}

// TestCombinedRoutesMatchOracle checks the first route on dataset all
// against the textbook Dijkstra of oracleStateCost, which never takes two
// bridges in a row: its cost, by steps (the bidirectional search) and by
// effort (Dijkstra), and that it is a route of the graph with no two
// bridges in a row.
func TestCombinedRoutesMatchOracle(t *testing.T) {
	g := fixture.All(t)
	rng := rand.New(rand.NewPCG(7, 8))
	mask := graph.Moves | graph.Access | graph.Bridge
	found, bridged := 0, 0
	for q := range 400 {
		starts := []int32{int32(rng.IntN(g.Len()))}
		targets := []int32{int32(rng.IntN(g.Len())), int32(rng.IntN(g.Len()))}
		effort := q%2 == 1
		got := firstYen(g, starts, targets, mask, effort)
		want := oracleStateCost(g, starts, targets, mask, effort)
		p := pricer{g, indexOf(g), effort}
		if (got == nil) != (want < 0) || got != nil && int64(p.routeCost(got)) != want {
			t.Fatalf("all: route from %v to %v (effort %v) = %v, oracle costs %d", starts, targets, effort, got, want)
		}
		checkHops(t, g, got, starts, targets, mask)
		if got != nil {
			found++
			if slices.ContainsFunc(got[1:], func(h hop) bool { return g.Edge(h.edge).Type == graph.Bridge }) {
				bridged++
			}
		}
	}
	if found < 50 || bridged < 5 {
		t.Errorf("all: %d routes, %d through a bridge, in 400 queries: too few to compare", found, bridged)
	}
}

// checkHops checks that hops is a loopless route of g from a start to a
// target along arcs of mask, with no two bridges in a row.
func checkHops(t *testing.T, g *graph.Graph, hops []hop, starts, targets []int32, mask graph.EdgeType) {
	t.Helper()
	if hops == nil {
		return
	}
	seen := map[int32]bool{}
	for i, h := range hops {
		if seen[h.node] {
			t.Fatalf("route %v visits %s twice", hops, g.Node(h.node).ID)
		}
		seen[h.node] = true
		if i == 0 {
			continue
		}
		e := g.Edge(h.edge)
		if e.Type&mask == 0 || e.From != g.Node(hops[i-1].node).ID || e.To != g.Node(h.node).ID {
			t.Fatalf("route %v: hop %d is not an edge of the graph", hops, i)
		}
		if i > 1 && e.Type == graph.Bridge && g.Edge(hops[i-1].edge).Type == graph.Bridge {
			t.Fatalf("route %v: hops %d and %d are two bridges in a row", hops, i-1, i)
		}
	}
	if !slices.Contains(starts, hops[0].node) || !slices.Contains(targets, hops[len(hops)-1].node) {
		t.Fatalf("route %v does not go from %v to %v", hops, starts, targets)
	}
}

// TestCombinedYenMatchesBruteForce checks the k routes of Shortest on
// small combined graphs against every loopless route, bridges costing no
// step.
func TestCombinedYenMatchesBruteForce(t *testing.T) {
	compared, bridged := 0, 0
	for seed := range uint64(3) {
		g := smallCombined(t, seed)
		for _, effort := range []bool{false, true} {
			opts := Options{K: 4, Effort: effort}
			for a := range int32(g.Len()) {
				for b := range int32(g.Len()) {
					if a == b || g.Node(a).Kind == graph.KindLevel || g.Node(b).Kind == graph.KindLevel {
						continue
					}
					doc, err := Shortest(g, Endpoint{Nodes: []int32{a}}, []int32{b}, opts)
					if err != nil {
						t.Fatal(err)
					}
					// Routes of equal cost and arcs come in any order.
					var got, want [][2]int
					for _, p := range doc.Paths {
						arcs := 0
						for _, e := range p.Edges {
							if e.Type != graph.Bridge {
								arcs++
							}
						}
						got = append(got, [2]int{p.Cost, arcs})
					}
					all := bruteRoutes(g, []int32{a}, []int32{b}, graph.Moves|graph.Access|graph.Bridge, effort, math.MaxInt)
					for _, r := range all[:min(len(all), opts.K)] {
						want = append(want, [2]int{r[0], r[1]})
					}
					if !slices.Equal(got, want) {
						t.Fatalf("seed %d: Shortest(%s → %s, effort %v) = %v, brute force %v", seed, g.Node(a).ID, g.Node(b).ID, effort, got, want)
					}
					if len(want) > 0 {
						compared++
					}
					for _, p := range doc.Paths {
						if slices.ContainsFunc(p.Edges, func(e EdgeDoc) bool { return e.Type == graph.Bridge && e.Source == graph.SourceBridge }) {
							bridged++
						}
					}
				}
			}
		}
	}
	if compared < 100 || bridged < 20 {
		t.Errorf("%d queries with routes compared, %d routes through a bridge: too few", compared, bridged)
	}
}

// repertoireJobs returns the nodes of g that are jobs of the repertoire,
// not ROME fiches.
func repertoireJobs(g *graph.Graph) []int32 {
	var out []int32
	for i := range int32(g.Len()) {
		if j := g.Node(i); j.Kind == graph.KindJob && j.Fiche == nil {
			out = append(out, i)
		}
	}
	return out
}

// TestCombinedReachMatchesOracle checks reachable and feeders on dataset
// all from each métier against a 0-1 breadth-first search: bridged nodes
// at the distance of the node they are bridged to.
func TestCombinedReachMatchesOracle(t *testing.T) {
	g := fixture.All(t)
	bridgedAtZero := 0
	for _, a := range repertoireJobs(g) {
		for _, backward := range []bool{false, true} {
			var doc Reach
			var err error
			if backward {
				doc, err = Feeders(g, []int32{a}, NoLimit, 0)
			} else {
				doc, err = Reachable(g, Endpoint{Nodes: []int32{a}}, NoLimit, 0)
			}
			if err != nil {
				t.Fatal(err)
			}
			want := zeroOneDistances(g, []int32{a}, graph.Moves, backward)
			got := make([]int, g.Len())
			for i := range got {
				got[i] = -1
			}
			for _, r := range slices.Concat(doc.Roles, doc.Directions) {
				got[r.node] = r.Distance
				if r.Distance == 0 && r.node != a {
					bridgedAtZero++
				}
			}
			if !slices.Equal(got, want) {
				for i := range got {
					if got[i] != want[i] {
						t.Fatalf("%s of %s (backward %v): %s at %d, oracle %d", "reach", g.Node(a).ID, backward, g.Node(int32(i)).ID, got[i], want[i])
					}
				}
			}
		}
	}
	if bridgedAtZero == 0 {
		t.Error("no fiche reached at distance 0 through a bridge")
	}
}

// TestCombinedPairs counts the ordered pairs of the 35 métiers with a
// route, on the repertoire and on dataset all, and checks each count
// against a breadth-first search over the edges written out again (and a
// search for loopless routes where the route it counts is not).
func TestCombinedPairs(t *testing.T) {
	counts := map[string]int{}
	for _, g := range []*graph.Graph{fixture.Metiers(t), fixture.All(t)} {
		jobs := repertoireJobs(g)
		if len(jobs) != 35 {
			t.Fatalf("%s: %d métiers, want 35", g.Dataset, len(jobs))
		}
		routes, oracle, pairs := 0, 0, 0
		for _, a := range jobs {
			dist := zeroOneDistances(g, []int32{a}, graph.Moves, false)
			for _, b := range jobs {
				if a == b {
					continue
				}
				pairs++
				doc, err := Shortest(g, Endpoint{Nodes: []int32{a}}, []int32{b}, Options{K: 1})
				if err != nil {
					t.Fatal(err)
				}
				if len(doc.Paths) > 0 {
					routes++
				}
				want := dist[b]
				if len(doc.Paths) == 0 || doc.Paths[0].Hops != want {
					want = looplessSteps(g, a, b)
				}
				if want >= 0 {
					oracle++
				}
				if len(doc.Paths) > 0 && doc.Paths[0].Hops != want {
					t.Errorf("%s: Shortest(%s, %s) has %d steps, oracle %d", g.Dataset, g.Node(a).ID, g.Node(b).ID, doc.Paths[0].Hops, want)
				}
			}
		}
		if pairs != 1190 || routes != oracle {
			t.Errorf("%s: %d of %d ordered pairs with a route, oracle %d", g.Dataset, routes, pairs, oracle)
		}
		counts[g.Dataset] = routes
		t.Logf("%s: %d of %d ordered pairs of métiers have a route", g.Dataset, routes, pairs)
	}
	if counts["all"] < counts["metiers"] {
		t.Errorf("all: %d pairs with a route, fewer than the repertoire's %d", counts["all"], counts["metiers"])
	}
}

// TestCombinedHeadlineRoutes checks the two questions of issue 12 on
// dataset all: technicien → architecte has a route whose every edge names
// its source, and BTS → data scientist has a route or a reason.
func TestCombinedHeadlineRoutes(t *testing.T) {
	g := fixture.All(t)
	for _, q := range [][2]string{{"technicien", "architecte"}, {"BTS", "data scientist"}} {
		from, to := ends(t, g, q[0], q[1])
		doc, err := Shortest(g, from, to, Options{K: 3})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range doc.Paths {
			var line []string
			for i, st := range p.Steps {
				if i > 0 && st.Source == "" {
					t.Errorf("path %s %s: step %s has no source", q[0], q[1], st.ID)
				}
				line = append(line, string(st.Source)+":"+string(st.ID))
			}
			for _, e := range p.Edges {
				if e.Source != graph.SourceMetiers && e.Source != graph.SourceROME && e.Source != graph.SourceBridge {
					t.Errorf("path %s %s: edge %s → %s has source %q", q[0], q[1], e.From, e.To, e.Source)
				}
			}
			t.Logf("path %s %s: %d steps: %v", q[0], q[1], p.Hops, line)
		}
		if len(doc.Paths) == 0 {
			t.Errorf("path %s %s on all: no route (%s)", q[0], q[1], doc.Message)
		}
	}
	// The same question between the métiers the repertoire resolves the
	// words to: the route leaves and enters the repertoire.
	m := fixture.Metiers(t)
	var ends [2][]int32
	for i, text := range []string{"technicien", "architecte"} {
		nodes, err := Find(m, text)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range nodes {
			x, ok := g.Index(m.Node(n).ID)
			if !ok {
				t.Fatalf("all lacks %s", m.Node(n).ID)
			}
			ends[i] = append(ends[i], x)
		}
	}
	doc, err := Shortest(g, Endpoint{Nodes: ends[0]}, ends[1], Options{K: 3})
	if err != nil || len(doc.Paths) == 0 {
		t.Fatalf("Shortest(all, métiers technicien → métiers architecte) = %v, %v; want a route", doc.Paths, err)
	}
	for _, p := range doc.Paths {
		var line []string
		for _, e := range p.Edges {
			if e.Source == "" {
				t.Errorf("edge %s → %s has no source", e.From, e.To)
			}
			line = append(line, fmt.Sprintf("%s -%s/%s-> %s", e.From, e.Type, e.Source, e.To))
		}
		t.Logf("métiers technicien → architecte on all: %d steps: %s", p.Hops, strings.Join(line, ", "))
	}
}

// TestRankBreaksTies checks on ROME 4.0 that of equally short routes the
// one read back takes, at its last step, a mobility of the best rank among
// the last steps of shortest routes, which a plain BFS from the start
// tells apart.
func TestRankBreaksTies(t *testing.T) {
	g := fixture.ROME4(t)
	rng := rand.New(rand.NewPCG(11, 12))
	ties := 0
	for range 300 {
		a, b := int32(rng.IntN(g.Len())), int32(rng.IntN(g.Len()))
		if g.Node(a).Kind != graph.KindJob || g.Node(b).Kind != graph.KindJob || a == b {
			continue
		}
		doc, err := Shortest(g, Endpoint{Nodes: []int32{a}}, []int32{b}, Options{K: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(doc.Paths) == 0 {
			continue
		}
		dist := zeroOneDistances(g, []int32{a}, graph.Moves, false)
		p := doc.Paths[0]
		best, choices := math.MaxInt, 0
		for _, arc := range g.In(b) {
			if arc.Type&graph.Moves != 0 && dist[arc.Node] == dist[b]-1 {
				choices++
				best = min(best, g.Edge(arc.Edge).Evidence[0].Rank)
			}
		}
		last := p.Edges[len(p.Edges)-1]
		e := g.Edge(last.edge)
		if e.Evidence[0].Rank != best {
			t.Errorf("Shortest(%s, %s): last step %s → %s of rank %d, a shortest route ends with rank %d", g.Node(a).ID, g.Node(b).ID, e.From, e.To, e.Evidence[0].Rank, best)
		}
		if choices > 1 {
			ties++
		}
	}
	if ties < 20 {
		t.Errorf("%d queries with several last steps: too few", ties)
	}
}
