package pathways

import (
	"bytes"
	"cmp"
	"math/rand/v2"
	"os"
	"slices"
	"sync"
	"testing"

	"github.com/pathways-fr/pathways/data"
	"github.com/pathways-fr/pathways/graph"
)

// rome4Graph and allGraph load ROME 4.0 (with its v3 titles) and the
// combined dataset once: graphs are immutable.
var (
	rome4Graph = sync.OnceValues(func() (*graph.Graph, error) { return graph.LoadROME4(data.ROME4(), data.ROME()) })
	allGraph   = sync.OnceValues(func() (*graph.Graph, error) {
		r, err := rome4Graph()
		if err != nil {
			return nil, err
		}
		m, err := graph.LoadMetiers(bytes.NewReader(data.Metiers()), "metiers.json")
		if err != nil {
			return nil, err
		}
		br, err := graph.ParseBridge(data.BridgeROME4())
		if err != nil {
			return nil, err
		}
		return graph.Combine(m, r, br)
	})
)

func combinedGraph(t testing.TB) *graph.Graph {
	t.Helper()
	g, err := allGraph()
	if err != nil {
		t.Fatalf("Combine: %v", err)
	}
	return g
}

// smallCombined combines a synthetic repertoire with the ROME 4.0 fixture
// of package graph, bridging three of its jobs to fiches: small enough to
// enumerate every route.
func smallCombined(t testing.TB, seed uint64) *graph.Graph {
	t.Helper()
	m := syntheticGraph(t, graph.SyntheticOptions{Jobs: 12, Edges: 30, Families: 3, Seed: seed})
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
	g, err := graph.Combine(m, r, br)
	if err != nil {
		t.Fatalf("Combine(synthetic, fixture): %v", err)
	}
	return g
}

// TestCombinedRoutesMatchOracle checks the first route on dataset all, by
// steps and by effort, against the textbook Dijkstra of oracleRoute, hop
// for hop, bridges included.
func TestCombinedRoutesMatchOracle(t *testing.T) {
	g := combinedGraph(t)
	rng := rand.New(rand.NewPCG(7, 8))
	mask := graph.Moves | graph.Access | graph.Bridge
	found, bridged := 0, 0
	for q := range 400 {
		starts := []int32{int32(rng.IntN(g.Len()))}
		targets := []int32{int32(rng.IntN(g.Len())), int32(rng.IntN(g.Len()))}
		effort := q%2 == 1
		var got []hop
		if rs := yen(g, starts, targets, mask, effort, 1, nil); len(rs) > 0 {
			got = rs[0].hops
		}
		want := oracleRoute(g, starts, targets, mask, effort)
		if !slices.Equal(got, want) {
			t.Fatalf("all: route from %v to %v (effort %v) = %v, oracle %v", starts, targets, effort, got, want)
		}
		if want != nil {
			found++
			if slices.ContainsFunc(want[1:], func(h hop) bool { return g.Edge(h.edge).Type == graph.Bridge }) {
				bridged++
			}
		}
	}
	if found < 50 || bridged < 5 {
		t.Errorf("all: %d routes, %d through a bridge, in 400 queries: too few to compare", found, bridged)
	}
}

// bruteCost is the cost of the arc u → v as documented, written out again:
// a bridge is no step (by effort it costs the levels it climbs), the first
// arc from a level costs 0, any other 1, plus by effort the levels climbed.
// The second figure is 1: routes of equal cost are ordered by their arcs.
func bruteCost(g *graph.Graph, u, v int32, t graph.EdgeType, effort bool) (int, int) {
	a, b := g.Node(u), g.Node(v)
	climb := 0
	if effort && a.Level != graph.LevelNone && b.Level > a.Level {
		climb = slices.Index(graph.Levels, b.Level) - slices.Index(graph.Levels, a.Level)
	}
	switch {
	case t == graph.Bridge:
		return climb, 1
	case a.Kind == graph.KindLevel:
		return 0, 1
	}
	return 1 + climb, 1
}

// bruteCombined lists (cost, arcs, nodes) of every
// loopless route from a start that stops at its first target, sorted.
func bruteCombined(g *graph.Graph, starts, targets []int32, mask graph.EdgeType, effort bool) [][3]int {
	var out [][3]int
	on := make([]bool, g.Len())
	var walk func(u int32, cost, arcs, nodes int)
	walk = func(u int32, cost, arcs, nodes int) {
		if slices.Contains(targets, u) {
			out = append(out, [3]int{cost, arcs, nodes})
			return
		}
		on[u] = true
		for _, a := range g.Out(u) {
			if a.Type&mask == 0 || on[a.Node] {
				continue
			}
			c, n := bruteCost(g, u, a.Node, a.Type, effort)
			walk(a.Node, cost+c, arcs+n, nodes+1)
		}
		on[u] = false
	}
	for _, s := range starts {
		walk(s, 0, 0, 1)
	}
	slices.SortFunc(out, func(x, y [3]int) int {
		return cmp.Or(cmp.Compare(x[0], y[0]), cmp.Compare(x[1], y[1]), cmp.Compare(x[2], y[2]))
	})
	return out
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
					var got [][3]int
					for _, p := range doc.Paths {
						got = append(got, [3]int{p.Cost, len(p.Edges), len(p.Steps)})
					}
					all := bruteCombined(g, []int32{a}, []int32{b}, graph.Moves|graph.Access|graph.Bridge, effort)
					want := all[:min(len(all), opts.K)]
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
