package pathways

import (
	"cmp"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/pathways-fr/pathways/data"
	"github.com/pathways-fr/pathways/graph"
)

func indexGraphs(t *testing.T) []*graph.Graph {
	t.Helper()
	rome, err := graph.LoadROME(data.ROME())
	if err != nil {
		t.Fatal(err)
	}
	return []*graph.Graph{metiers(t), rome, syntheticGraph(t, graph.SyntheticOptions{Jobs: 300, Edges: 1500, Seed: 9})}
}

// TestSummaries checks that documents summarize nodes as Summary does.
func TestSummaries(t *testing.T) {
	for _, g := range indexGraphs(t) {
		nodes := make([]int32, g.Len())
		for i := range nodes {
			nodes[i] = int32(i)
		}
		var lv levels
		got := lv.summaries(g, nodes[:g.Len()/2], nodes[g.Len()/2:])
		for i, s := range got {
			if want := Summary(g.Node(int32(i))); !reflect.DeepEqual(s, want) {
				t.Fatalf("%s: summary of %s = %+v, want %+v", g.Dataset, want.ID, s, want)
			}
		}
	}
}

// TestIndex checks the precomputed order of roles and the all-pairs hop
// distances against plain computations.
func TestIndex(t *testing.T) {
	for _, g := range indexGraphs(t) {
		ix := indexOf(g)
		order := make([]int32, g.Len())
		for i := range order {
			order[i] = int32(i)
		}
		slices.SortFunc(order, func(a, b int32) int {
			return cmp.Or(cmp.Compare(kindRank[g.Node(a).Kind], kindRank[g.Node(b).Kind]), cmp.Compare(g.TitleRank(a), g.TitleRank(b)))
		})
		if !slices.Equal(ix.byRank, order) {
			t.Errorf("%s: roles are not listed by kind, then title", g.Dataset)
		}
		for r, n := range ix.byRank {
			if ix.rank[n] != int32(r) {
				t.Fatalf("%s: rank of node %d is %d, want %d", g.Dataset, n, ix.rank[n], r)
			}
		}
		mask := graph.Moves | graph.Access
		hops := ix.allPairs(g, mask)
		for src := range int32(g.Len()) {
			dist := map[int32]int{src: 0}
			queue := []int32{src}
			for len(queue) > 0 {
				u := queue[0]
				queue = queue[1:]
				for _, a := range g.Out(u) {
					if _, ok := dist[a.Node]; !ok && a.Type&mask != 0 {
						dist[a.Node] = dist[u] + 1
						queue = append(queue, a.Node)
					}
				}
			}
			for dst := range int32(g.Len()) {
				want, ok := dist[dst]
				if !ok {
					want = unreachable
				}
				if got := int(hops[int(src)*g.Len()+int(dst)]); got != want {
					t.Fatalf("%s: %d hops from %s to %s, want %d", g.Dataset, got, g.Node(src).ID, g.Node(dst).ID, want)
				}
			}
		}
	}
}

// TestSearchesAgree checks that the searches by steps find the route
// Dijkstra finds, ties broken alike: the all-pairs distances, the
// bidirectional breadth-first search, and A* by effort on a graph where
// effort and steps agree.
func TestSearchesAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, g := range indexGraphs(t) {
		ix := indexOf(g)
		mask := graph.Moves | graph.Access
		found := 0
		for range 1000 {
			starts := []int32{int32(rng.IntN(g.Len()))}
			if rng.IntN(3) == 0 {
				starts = append(starts, int32(rng.IntN(g.Len())))
			}
			if !homogeneous(ix, starts) {
				continue
			}
			targets := []int32{int32(rng.IntN(g.Len())), int32(rng.IntN(g.Len()))}
			route := func(how string) []hop {
				s := getScratch(g.Len())
				defer s.release()
				q := &searcher{g: g, s: s, mask: mask, price: pricer{ix, false}, targets: nodeSet{list: targets}}
				var t int32
				switch how {
				case "all-pairs":
					q.bfs, q.hops = true, ix.allPairs(g, mask)
					t = q.first(starts)
				case "layered":
					q.bfs = true
					t = q.search(starts, nil, &cut{from: -1}, MaxHops, noBound)
				case "dijkstra":
					t, _ = dijkstra(g, s, starts, mask, q.price, &q.targets, &cut{from: -1}, MaxHops, nil, noBound)
				case "astar":
					q.towardTargets()
					t = q.search(starts, nil, &cut{from: -1}, MaxHops, noBound)
				}
				if t < 0 {
					return nil
				}
				return trace(s, t).hops
			}
			want := route("dijkstra")
			if want != nil {
				found++
			}
			for _, how := range []string{"all-pairs", "layered", "astar"} {
				if got := route(how); !slices.Equal(got, want) {
					t.Fatalf("%s: %s from %v to %v = %v, Dijkstra %v", g.Dataset, how, starts, targets, got, want)
				}
			}
		}
		if found < 50 {
			t.Errorf("%s: %d routes found in 1000 queries: too few to compare", g.Dataset, found)
		}
	}
}
