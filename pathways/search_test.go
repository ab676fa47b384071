package pathways

import (
	"math/rand/v2"
	"slices"
	"testing"

	dg "github.com/dominikbraun/graph"

	"github.com/pathways-fr/pathways/graph"
)

// oracleRoute is the textbook Dijkstra search the route engine must
// agree with, ties included: it settles the unsettled node of least
// (cost, number) by scanning every node, relaxes its arcs in order,
// keeps the first arc of least cost to each node, and stops at the first
// target settled. It ignores the limit of hops, which no route of these
// graphs reaches.
func oracleRoute(g *graph.Graph, starts, targets []int32, mask graph.EdgeType, effort bool) []hop {
	p := pricer{g, indexOf(g), effort}
	n := g.Len()
	dist := make([]int64, n)
	prev := make([]hop, n)
	done := make([]bool, n)
	for i := range dist {
		dist[i] = -1
	}
	for _, st := range starts {
		dist[st], prev[st] = 0, hop{-1, -1}
	}
	for {
		u := int32(-1)
		for i := range int32(n) {
			if !done[i] && dist[i] >= 0 && (u < 0 || dist[i] < dist[u]) {
				u = i
			}
		}
		if u < 0 {
			return nil
		}
		done[u] = true
		if slices.Contains(targets, u) {
			var r []hop
			for v, e := u, int32(-1); v >= 0; v = prev[v].node {
				e = prev[v].edge
				r = append(r, hop{v, e})
			}
			slices.Reverse(r)
			return r
		}
		for _, a := range g.Out(u) {
			if a.Type&mask == 0 || done[a.Node] {
				continue
			}
			if d := dist[u] + int64(p.cost(u, a.Node, a.Type)); dist[a.Node] < 0 || d < dist[a.Node] {
				dist[a.Node], prev[a.Node] = d, hop{u, a.Edge}
			}
		}
	}
}

// TestRoutesMatchOracle checks the first route of every search, by steps
// (bidirectional breadth-first search, or Dijkstra when starts mix
// levels and jobs) and by effort (Dijkstra), against oracleRoute, hop
// for hop and edge for edge, on the real data and a synthetic graph.
func TestRoutesMatchOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, g := range indexGraphs(t) {
		mask := graph.Moves | graph.Access
		found := 0
		for q := range 600 {
			starts := []int32{int32(rng.IntN(g.Len()))}
			if rng.IntN(3) == 0 {
				starts = append(starts, int32(rng.IntN(g.Len())))
			}
			targets := []int32{int32(rng.IntN(g.Len())), int32(rng.IntN(g.Len()))}
			effort := q%2 == 1
			got, want := firstRoute(g, starts, targets, mask, effort)
			if want != nil {
				found++
			}
			if !slices.Equal(got, want) {
				t.Fatalf("%s: route from %v to %v (effort %v) = %v, oracle %v", g.Dataset, starts, targets, effort, got, want)
			}
		}
		if found < 50 {
			t.Errorf("%s: %d routes found in 600 queries: too few to compare", g.Dataset, found)
		}
	}
}

// firstRoute returns the first route yen finds from starts to targets,
// and the route of oracleRoute.
func firstRoute(g *graph.Graph, starts, targets []int32, mask graph.EdgeType, effort bool) (got, want []hop) {
	return firstYen(g, starts, targets, mask, effort), oracleRoute(g, starts, targets, mask, effort)
}

// firstYen returns the hops of the first route yen finds from starts to
// targets, or nil.
func firstYen(g *graph.Graph, starts, targets []int32, mask graph.EdgeType, effort bool) []hop {
	s := getScratch(g.Len())
	defer s.release()
	if rs := yen(g, indexOf(g), s, starts, targets, mask, effort, 1, nil); len(rs) > 0 {
		return slices.Clone(rs[0].hops)
	}
	return nil
}

// TestRoutesMatchDominikbraun checks the length of the shortest route by
// steps between jobs against dominikbraun/graph's ShortestPath, on a
// model built from the same edges.
func TestRoutesMatchDominikbraun(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, g := range indexGraphs(t) {
		m := dg.New(func(id graph.JobID) graph.JobID { return id }, dg.Directed())
		var jobs []int32
		for i, j := range g.Jobs() {
			if err := m.AddVertex(j.ID); err != nil {
				t.Fatal(err)
			}
			if j.Kind == graph.KindJob {
				jobs = append(jobs, int32(i))
			}
		}
		for _, e := range g.Edges() {
			if e.Type&graph.Moves != 0 {
				if err := m.AddEdge(e.From, e.To); err != nil && err != dg.ErrEdgeAlreadyExists {
					t.Fatal(err)
				}
			}
		}
		found := 0
		for range 200 {
			a, b := jobs[rng.IntN(len(jobs))], jobs[rng.IntN(len(jobs))]
			doc, err := Shortest(g, Endpoint{Nodes: []int32{a}}, []int32{b}, Options{K: 1})
			if err != nil {
				t.Fatal(err)
			}
			path, err := dg.ShortestPath(m, g.Node(a).ID, g.Node(b).ID)
			if err != nil {
				if len(doc.Paths) != 0 {
					t.Errorf("%s: Shortest(%s, %s) found a route, dominikbraun: %v", g.Dataset, g.Node(a).ID, g.Node(b).ID, err)
				}
				continue
			}
			found++
			if len(doc.Paths) != 1 || len(doc.Paths[0].Steps) != len(path) {
				t.Errorf("%s: Shortest(%s, %s) = %v, dominikbraun %d nodes", g.Dataset, g.Node(a).ID, g.Node(b).ID, doc.Paths, len(path))
			}
		}
		if found < 10 {
			t.Errorf("%s: %d routes in 200 queries: too few to compare", g.Dataset, found)
		}
	}
}
