package pathways

import (
	"math"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/pathways-fr/pathways/graph"
)

// index is what queries precompute from a graph, once per graph: flat
// per-node arrays that spare the searches a pointer chase per arc, and
// the order roles are listed in.
type index struct {
	n       int
	level   []graph.Level // minimum access level of each node
	isLevel []bool        // the node is a diploma level
	// uniform is true when no arc enters a level node. A search by steps
	// from levels, or from nodes that are not levels, then prices every
	// arc of one breadth-first layer the same, so it can run as a
	// breadth-first search.
	uniform bool
	// bridged is true when the graph has bridge arcs (dataset all): they
	// cost nothing, so a search by steps cannot run layer by layer.
	bridged bool
	rank    []int32 // position of each node in the order roles are listed: kind, then title
	byRank  []int32 // the node at each position of that order
	// The bridge partners of each node (dataset all): node i's are
	// partner[partnerOff[i]:partnerOff[i+1]], with the bridge edge from i
	// to each (bridgeOut) and from each to i (bridgeIn, -1 if none).
	// outWork and inWork are the arcs a composite arc from each node
	// reads: its own and those of its partners, forward and backward.
	outWork, inWork     []int32
	partnerOff          []int32
	partner             []int32
	bridgeOut, bridgeIn []int32
	// What path queries read of each edge, built on the first (edges).
	edgeOnce sync.Once
	edge     *edgeFacts
}

// edgeFacts is what path queries read of each edge of a graph, and of
// each node a route moves to.
type edgeFacts struct {
	// rank is the mobility rank of each edge (ROME 4.0's numero_ordre, 1
	// the best), math.MaxInt32 for an edge with none, so that reading a
	// route back does not read each arc's evidence.
	rank []int32
	// says is the sentence of the step along each edge, once a route has
	// taken it (sentence): it depends only on the edge and its two ends,
	// and the graph does not change.
	says []atomic.Pointer[string]
	// studies are, for each node, the studies that moves to it ask
	// first, once a route has asked them (studyFirst). Only moves that
	// raise the level ask one, with study steps on: the list is made on
	// the first.
	studyOnce sync.Once
	studies   []atomic.Pointer[studyMemo]
}

// edges returns the edge facts of g, building them on first use: only
// graphs that answer path queries pay for them.
func (ix *index) edges(g *graph.Graph) *edgeFacts {
	ix.edgeOnce.Do(func() {
		f := &edgeFacts{rank: make([]int32, len(g.Edges())), says: make([]atomic.Pointer[string], len(g.Edges()))}
		for e := range f.rank {
			f.rank[e] = math.MaxInt32
			if ev := g.Edge(int32(e)).Evidence; len(ev) > 0 && ev[0].Rank > 0 {
				f.rank[e] = int32(ev[0].Rank)
			}
		}
		ix.edge = f
	})
	return ix.edge
}

// hasPartners reports whether node i has bridge partners.
func (ix *index) hasPartners(i int32) bool {
	return ix.bridged && ix.partnerOff[i] != ix.partnerOff[i+1]
}

// partners returns the bridge partners of node i, and the bridge edges
// to them and from them.
func (ix *index) partners(i int32) (nodes, out, in []int32) {
	lo, hi := ix.partnerOff[i], ix.partnerOff[i+1]
	return ix.partner[lo:hi], ix.bridgeOut[lo:hi], ix.bridgeIn[lo:hi]
}

type indexKey struct{}

// indexOf returns the index of g, building it on first use.
func indexOf(g *graph.Graph) *index {
	return g.Memo(indexKey{}, func() any { return newIndex(g) }).(*index)
}

func newIndex(g *graph.Graph) *index {
	n := g.Len()
	ix := &index{
		n: n, level: make([]graph.Level, n), isLevel: make([]bool, n), uniform: true,
		rank: make([]int32, n), byRank: make([]int32, n),
	}
	byTitle := make([]int32, n)
	for i := range int32(n) {
		j := g.Node(i)
		ix.level[i] = j.Level
		if j.Kind == graph.KindLevel {
			ix.isLevel[i] = true
			if len(g.In(i)) > 0 {
				ix.uniform = false
			}
		}
		byTitle[g.TitleRank(i)] = i
	}
	ix.indexPartners(g)
	// Roles are listed by kind (jobs, external roles, levels), then by
	// title: a stable partition of the title order.
	pos := int32(0)
	for _, k := range []graph.Kind{graph.KindJob, graph.KindExternal, graph.KindLevel} {
		for _, i := range byTitle {
			if g.Node(i).Kind == k {
				ix.byRank[pos], ix.rank[i] = i, pos
				pos++
			}
		}
	}
	for _, i := range byTitle { // kinds a newer loader may add
		if k := g.Node(i).Kind; k != graph.KindJob && k != graph.KindExternal && k != graph.KindLevel {
			ix.byRank[pos], ix.rank[i] = i, pos
			pos++
		}
	}
	return ix
}

// indexPartners lists the bridge partners of every node.
func (ix *index) indexPartners(g *graph.Graph) {
	ix.partnerOff = make([]int32, ix.n+1)
	for i := range int32(ix.n) {
		for _, a := range g.Out(i) {
			if a.Type != graph.Bridge {
				continue
			}
			back := int32(-1)
			if k := slices.IndexFunc(g.In(i), func(b graph.Arc) bool { return b.Node == a.Node && b.Type == graph.Bridge }); k >= 0 {
				back = g.In(i)[k].Edge
			}
			ix.partner = append(ix.partner, a.Node)
			ix.bridgeOut = append(ix.bridgeOut, a.Edge)
			ix.bridgeIn = append(ix.bridgeIn, back)
		}
		ix.partnerOff[i+1] = int32(len(ix.partner))
	}
	ix.bridged = len(ix.partner) > 0
	ix.outWork, ix.inWork = make([]int32, ix.n), make([]int32, ix.n)
	for i := range int32(ix.n) {
		ix.outWork[i], ix.inWork[i] = int32(len(g.Out(i))), int32(len(g.In(i)))
		ws, _, _ := ix.partners(i)
		for _, w := range ws {
			ix.outWork[i] += int32(len(g.Out(w)))
			ix.inWork[i] += int32(len(g.In(w)))
		}
	}
}

// pricer prices the arcs of a route search.
type pricer struct {
	g      *graph.Graph
	ix     *index
	effort bool
}

// hopScale exceeds the number of edges of any route.
const hopScale = MaxHops + 2

// cost prices the arc from one node to another: hopScale times its cost,
// plus one, so that a route costs hopScale times its cost plus its number
// of edges, and of two routes of equal cost the one with fewer edges
// comes first. The step from a level to its entry jobs is free: it is
// where the person stands, not a move. A bridge arc (the same job in
// the repertoire and in ROME) is no step: it costs nothing by steps, and
// by effort only what it raises the minimum level by, so that a raise is
// never hidden behind a bridge. It does not count among the edges that
// break ties between routes of equal cost. Any other step costs 1, plus by effort 1
// for each level it raises the minimum access level by.
func (p pricer) cost(from, to int32, t graph.EdgeType) int32 {
	if p.ix.isLevel[from] {
		return 1
	}
	if t == graph.Bridge {
		if a, b := p.ix.level[from], p.ix.level[to]; p.effort && a != graph.LevelNone && b > a {
			return int32(b-a) * hopScale
		}
		return 0
	}
	if p.effort {
		if a, b := p.ix.level[from], p.ix.level[to]; a != graph.LevelNone && b > a {
			return (1+int32(b-a))*hopScale + 1
		}
	}
	return hopScale + 1
}

// routeCost prices a route.
func (p pricer) routeCost(hops []hop) int32 {
	var c int32
	for i := 1; i < len(hops); i++ {
		c += p.cost(hops[i-1].node, hops[i].node, p.g.Edge(hops[i].edge).Type)
	}
	return c
}

// levelNames are the level names documents point to (Node.Level,
// Step.Level, Study.FromLevel…), one string per level shared by every
// document: documents are read, never written, as they already share the
// graph's texts (evidence, cards, trainings).
var levelNames = func() (names [graph.LevelBac5 + 1]string) {
	for _, l := range graph.Levels {
		names[l] = l.String()
	}
	return names
}()

// levelName returns the name of level l for a document, nil for
// graph.LevelNone.
func levelName(l graph.Level) *string {
	switch {
	case l == graph.LevelNone:
		return nil
	case int(l) < len(levelNames):
		return &levelNames[l]
	}
	name := l.String() // a level a newer graph package may add
	return &name
}

// levelOf returns the name of j's level for a document, nil when it
// states none.
func levelOf(j *graph.Job) *string { return levelName(j.Level) }

// summaries returns the summaries of nodes, then of more, as Summary
// does, in one allocation.
func summaries(g *graph.Graph, nodes, more []int32) []JobSummary {
	out := make([]JobSummary, len(nodes)+len(more))
	for i, n := range nodes {
		out[i] = Summary(g.Node(n))
	}
	for i, n := range more {
		out[len(nodes)+i] = Summary(g.Node(n))
	}
	return out
}
