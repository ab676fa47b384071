package pathways

import (
	"cmp"
	"reflect"
	"slices"
	"testing"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/fixture"
	"github.com/pathways-fr/pathways/internal/synthetic"
)

func indexGraphs(t *testing.T) []*graph.Graph {
	t.Helper()
	return []*graph.Graph{fixture.Metiers(t), fixture.ROME(t), fixture.Synthetic(t, synthetic.Options{Jobs: 300, Edges: 1500, Seed: 9})}
}

// TestSummaries checks that documents summarize nodes as Summary does.
func TestSummaries(t *testing.T) {
	for _, g := range indexGraphs(t) {
		nodes := make([]int32, g.Len())
		for i := range nodes {
			nodes[i] = int32(i)
		}
		got := summaries(g, nodes[:g.Len()/2], nodes[g.Len()/2:])
		for i, s := range got {
			if want := Summary(g.Node(int32(i))); !reflect.DeepEqual(s, want) {
				t.Fatalf("%s: summary of %s = %+v, want %+v", g.Dataset, want.ID, s, want)
			}
		}
	}
}

// TestIndex checks the precomputed order of roles against a plain sort.
func TestIndex(t *testing.T) {
	for _, g := range indexGraphs(t) {
		ix := indexOf(g)
		order := make([]int32, g.Len())
		for i := range order {
			order[i] = int32(i)
		}
		slices.SortFunc(order, func(a, b int32) int {
			return cmp.Or(cmp.Compare(kindRank(g.Node(a).Kind), kindRank(g.Node(b).Kind)), cmp.Compare(g.TitleRank(a), g.TitleRank(b)))
		})
		if !slices.Equal(ix.byRank, order) {
			t.Errorf("%s: roles are not listed by kind, then title", g.Dataset)
		}
		for r, n := range ix.byRank {
			if ix.rank[n] != int32(r) {
				t.Fatalf("%s: rank of node %d is %d, want %d", g.Dataset, n, ix.rank[n], r)
			}
		}
	}
}
