package pathways

import (
	"math"
	"slices"
	"testing"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/fixture"
)

func TestRomeMembers(t *testing.T) {
	g := fixture.Metiers(t)
	for _, tt := range []struct {
		code string
		want []string
	}{
		// rome_links of data/metiers.json: the three developer cards and
		// Ingénieur études et développement belong to M1805 « Études et
		// développement informatique ».
		{"M1805", []string{"developpeur-multimedia", "developpeur-web", "developpeur-web-mobile", "ingenieur-etudes-developpement"}},
		// M1803 « Direction des systèmes d'information »: the DSI and the
		// manager de projet.
		{"M1803", []string{"directeur-systemes-information", "manager-projet"}},
		// No métier belongs to a warehouse card.
		{"N1103", []string{}},
	} {
		var got []string
		for _, j := range RomeMembers(g, tt.code) {
			got = append(got, string(j.ID))
		}
		if !slices.Equal(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
			t.Errorf("RomeMembers(%s) = %v, want %v", tt.code, got, tt.want)
		}
	}
	if got := RomeMembers(g, "M1805"); got == nil {
		t.Errorf("RomeMembers returned nil, want an empty or full list")
	}
}

// oracleStateCost returns the cost of a cheapest route from starts to a
// target along arcs of mask, priced as pricer does, that never takes two
// bridges in a row, by a textbook Dijkstra over the states (node, reached
// by a bridge); -1 when there is none.
func oracleStateCost(g *graph.Graph, starts, targets []int32, mask graph.EdgeType, effort bool) int64 {
	p := pricer{g, indexOf(g), effort}
	n := 2 * g.Len()
	dist := make([]int64, n)
	done := make([]bool, n)
	for i := range dist {
		dist[i] = math.MaxInt64
	}
	for _, s := range starts {
		dist[2*s] = 0
	}
	for {
		x := -1
		for i := range n {
			if !done[i] && dist[i] != math.MaxInt64 && (x < 0 || dist[i] < dist[x]) {
				x = i
			}
		}
		if x < 0 {
			return -1
		}
		done[x] = true
		u := int32(x / 2)
		for _, t := range targets {
			if t == u {
				return dist[x]
			}
		}
		for _, a := range g.Out(u) {
			if a.Type&mask == 0 || x%2 == 1 && a.Type == graph.Bridge {
				continue
			}
			y := 2 * int(a.Node)
			if a.Type == graph.Bridge {
				y++
			}
			if d := dist[x] + int64(p.cost(u, a.Node, a.Type)); d < dist[y] {
				dist[y] = d
			}
		}
	}
}

// TestNoTwoBridgesInARow checks issue 12's free move: on dataset all,
// Développeur web and Développeur web mobile are both bridged to ROME
// 4.0's M1855, and Ingénieur études et développement and Architecte
// logiciel to M1818. A route from one to the other may not go métier ≡
// fiche ≡ métier at no cost: it takes at least one step, and no route of
// any search (steps, effort, k routes) takes two bridges in a row.
func TestNoTwoBridgesInARow(t *testing.T) {
	g := fixture.All(t)
	for _, q := range [][2]graph.JobID{
		{"developpeur-web", "developpeur-web-mobile"},
		{"developpeur-web-mobile", "developpeur-web"},
		{"ingenieur-etudes-developpement", "architecte-logiciel"},
		{"ergonome", "designer-experience"},
	} {
		a, _ := g.Index(q[0])
		b, _ := g.Index(q[1])
		for _, effort := range []bool{false, true} {
			doc, err := Shortest(g, Endpoint{Nodes: []int32{a}}, []int32{b}, Options{K: 5, Effort: effort})
			if err != nil {
				t.Fatal(err)
			}
			for i, p := range doc.Paths {
				if p.Hops == 0 {
					t.Errorf("Shortest(%s, %s, effort %v) route %d has no step: %v", q[0], q[1], effort, i+1, p.Steps)
				}
				for k := 1; k < len(p.Edges); k++ {
					if p.Edges[k].Type == graph.Bridge && p.Edges[k-1].Type == graph.Bridge {
						t.Errorf("Shortest(%s, %s, effort %v) route %d: %s ≡ %s ≡ %s", q[0], q[1], effort, i+1, p.Edges[k-1].From, p.Edges[k].From, p.Edges[k].To)
					}
				}
			}
		}
		for _, backward := range []bool{false, true} {
			if backward {
				doc, err := Feeders(g, []int32{b}, 0, 0)
				if err != nil {
					t.Fatal(err)
				}
				for _, r := range doc.Roles {
					if r.node == a {
						t.Errorf("Feeders(%s, depth 0) lists %s", q[1], q[0])
					}
				}
				continue
			}
			doc, err := Reachable(g, Endpoint{Nodes: []int32{a}}, 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range doc.Roles {
				if r.node == b {
					t.Errorf("Reachable(%s, depth 0) lists %s", q[0], q[1])
				}
			}
		}
	}
}

// looplessSteps returns the fewest steps of a route from a to b along
// moves and bridges that visits no node twice and never takes two
// bridges in a row, or -1: an iterative deepening search, pruned by the
// distances to b that ignore the first rule (zeroOneDistances backward).
// It is the oracle where those distances are too short, because the route
// they count comes back to a node to cross a second bridge from it.
func looplessSteps(g *graph.Graph, a, b int32) int {
	lb := zeroOneDistances(g, []int32{b}, graph.Moves, true)
	if lb[a] < 0 {
		return -1
	}
	on := make([]bool, g.Len())
	var dfs func(u int32, steps, limit int, bridged bool) bool
	dfs = func(u int32, steps, limit int, bridged bool) bool {
		if u == b {
			return true
		}
		if lb[u] < 0 || steps+lb[u] > limit {
			return false
		}
		on[u] = true
		defer func() { on[u] = false }()
		for _, x := range g.Out(u) {
			if x.Type&(graph.Moves|graph.Bridge) == 0 || on[x.Node] || bridged && x.Type == graph.Bridge {
				continue
			}
			d := steps + 1
			if x.Type == graph.Bridge {
				d = steps
			}
			if dfs(x.Node, d, limit, x.Type == graph.Bridge) {
				return true
			}
		}
		return false
	}
	for limit := lb[a]; limit <= MaxHops; limit++ {
		if dfs(a, 0, limit, false) {
			return limit
		}
	}
	return -1
}

// TestBridgeNeverRaisesLevel checks the level flag on dataset all: a
// bridge step never carries it, and a move carries it exactly when the
// job it reaches, at the lowest level of the nodes bridged to it, asks
// more than the job it leaves, taken the same way (BTS → Data scientist:
// Ingénieur études et développement [bac+2] ≡ M1818 [bac+3] → M1405
// [bac+5] ≡ Data scientist [bac+4] raises from bac+2 to bac+4 on the move).
func TestBridgeNeverRaisesLevel(t *testing.T) {
	g, from, ds := btsToDataScientist(t)
	doc, err := Shortest(g, from, []int32{ds}, Options{K: 5, Types: graph.Moves})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Paths) == 0 {
		t.Fatal("Shortest(BTS, data-scientist) on all: no route")
	}
	raised := 0
	for i, p := range doc.Paths {
		// The job each step stands at: a step and the steps bridged to
		// it, at the lowest level stated among them.
		run := make([]graph.Level, len(p.Steps))
		for lo := 0; lo < len(p.Steps); {
			hi := lo + 1
			for hi < len(p.Steps) && p.Steps[hi].Type == graph.Bridge {
				hi++
			}
			l := graph.LevelNone
			for _, st := range p.Steps[lo:hi] {
				if m := g.Node(st.node).Level; m != graph.LevelNone && (l == graph.LevelNone || m < l) {
					l = m
				}
			}
			for k := lo; k < hi; k++ {
				run[k] = l
			}
			lo = hi
		}
		last := graph.LevelNone
		for k, st := range p.Steps {
			if k == 0 {
				last = run[0]
				continue
			}
			want := st.Type != graph.Bridge && last != graph.LevelNone && run[k] > last
			if st.RaisesLevel != want {
				t.Errorf("route %d step %d (%s, %s): raises_level %v, want %v", i+1, k, st.ID, st.Type, st.RaisesLevel, want)
			}
			if want {
				raised++
			}
			if run[k] != graph.LevelNone {
				last = run[k]
			}
		}
	}
	if raised == 0 {
		t.Error("Shortest(BTS, data-scientist): no step raises the level")
	}
}
