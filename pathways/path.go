package pathways

import (
	"cmp"
	"slices"
	"strings"

	"github.com/pathways-fr/pathways/graph"
)

// Limits of path queries.
const (
	MaxK     = 10 // alternatives
	MaxHops  = 30 // edges in one route
	MaxDepth = 50 // depth of reachable and feeders
)

// Endpoint is where a route starts or ends: a set of nodes, or for a
// start, a diploma level (then Nodes are the level nodes it meets).
type Endpoint struct {
	Nodes []int32
	Level graph.Level
}

// FindFrom reads the start of a query: a job named by text as Find does,
// or a diploma or level ("BTS", "bac+2", "master", "niveau 6"). An exact
// job name wins over a diploma word.
func FindFrom(g *graph.Graph, text string) (Endpoint, error) {
	if err := checkText(text); err != nil {
		return Endpoint{}, err
	}
	if l, ok := levelOfText(g, text); ok {
		if ms := resolve(g, text); len(ms) == 0 || ms[0].Score < exactAtLeast {
			return levelEndpoint(g, l), nil
		}
	}
	nodes, err := Find(g, text)
	return Endpoint{Nodes: nodes}, err
}

func levelOfText(g *graph.Graph, text string) (graph.Level, bool) {
	t := strings.TrimSpace(text)
	if id, ok := strings.CutPrefix(t, "level-"); ok {
		l, ok := graph.LevelByID(id)
		return l, ok
	}
	l, err := graph.ParseLevel(t)
	return l, err == nil
}

// levelEndpoint returns the level nodes a holder of level l meets.
func levelEndpoint(g *graph.Graph, l graph.Level) Endpoint {
	ep := Endpoint{Level: l}
	for _, m := range graph.Levels {
		if m > l {
			break
		}
		if i, ok := g.Index(graph.LevelID(m)); ok {
			ep.Nodes = append(ep.Nodes, i)
		}
	}
	return ep
}

// LevelEndpoint returns the start of a query from a diploma level, given
// as an identifier (bac+2) or as a diploma people type (BTS). An unknown
// level is an *Error wrapping ErrBadQuery with code unknown_level.
func LevelEndpoint(g *graph.Graph, text string) (Endpoint, error) {
	if err := checkText(text); err != nil {
		return Endpoint{}, err
	}
	l, ok := levelOfText(g, text)
	if !ok {
		return Endpoint{}, badQuery(CodeUnknownLevel,
			"niveau inconnu « %s » : essayez bac, bac+2, bac+3, bac+4, bac+5, BTS, licence, master ou niveau 4 à 7", text)
	}
	return levelEndpoint(g, l), nil
}

// Options tune a path query.
type Options struct {
	K      int            // number of routes, 1..MaxK
	Effort bool           // minimise effort (a step that raises the level costs more) rather than steps
	Types  graph.EdgeType // edge types to follow; 0 means graph.Moves
}

func (o Options) check() (Options, error) {
	if o.K < 1 || o.K > MaxK {
		return o, badQuery(CodeOutOfRange, "k doit être compris entre 1 et %d", MaxK)
	}
	if o.Types == 0 {
		o.Types = graph.Moves
	}
	return o, nil
}

// Shortest returns up to opts.K loopless routes from one endpoint to any
// node of to, shortest first, ties in a stable order (fewer hops, then
// node order). A missing route is not an error: the result has no path
// and a message.
func Shortest(g *graph.Graph, from Endpoint, to []int32, opts Options) (Paths, error) {
	opts, err := opts.check()
	if err != nil {
		return Paths{}, err
	}
	doc := Paths{To: summaries(g, to), By: "steps", K: opts.K, Paths: []Path{}}
	if opts.Effort {
		doc.By = "effort"
	}
	if from.Level != graph.LevelNone {
		s := from.Level.String()
		doc.Level = &s
		doc.From = summaries(g, from.Nodes)
	} else {
		doc.From = summaries(g, from.Nodes)
	}
	if len(from.Nodes) == 0 || len(to) == 0 {
		doc.Message = "aucun point de départ ou d'arrivée"
		return doc, nil
	}
	cost := stepCost
	if opts.Effort {
		cost = effortCost
	}
	for _, r := range yen(g, from.Nodes, to, opts.Types|graph.Access, fewerHops(accessFree(cost)), opts.K) {
		doc.Paths = append(doc.Paths, pathDoc(g, r))
	}
	if len(doc.Paths) == 0 {
		doc.Message = "aucun parcours connu ne mène du départ à l'arrivée"
	}
	return doc, nil
}

// hopScale exceeds the number of edges of any route.
const hopScale = MaxHops + 2

// fewerHops prices an edge hopScale times its cost, plus one: a route
// then costs hopScale times its cost plus its number of edges, so that of
// two routes of equal cost the one with fewer edges comes first.
func fewerHops(c costFunc) costFunc {
	return func(g *graph.Graph, from, to int32) int32 { return c(g, from, to)*hopScale + 1 }
}

// accessFree makes the step from a level to its entry jobs free: it is
// where the person stands, not a move.
func accessFree(c costFunc) costFunc {
	return func(g *graph.Graph, from, to int32) int32 {
		if g.Node(from).Kind == graph.KindLevel {
			return 0
		}
		return c(g, from, to)
	}
}

type nodeSet struct {
	small []int32
	big   map[int32]bool
}

func newNodeSet(nodes []int32) nodeSet {
	if len(nodes) <= 8 {
		return nodeSet{small: nodes}
	}
	m := make(map[int32]bool, len(nodes))
	for _, n := range nodes {
		m[n] = true
	}
	return nodeSet{big: m}
}

func (s nodeSet) has(n int32) bool {
	if s.big != nil {
		return s.big[n]
	}
	return slices.Contains(s.small, n)
}

// yen returns up to k loopless routes by Yen's algorithm, over a virtual
// source joined to every start.
func yen(g *graph.Graph, starts, targets []int32, mask graph.EdgeType, cost costFunc, k int) []route {
	tset := newNodeSet(targets)
	isTarget := tset.has
	s := getScratch(g.Len())
	defer s.release()

	first := dijkstra(g, s, starts, mask, cost, isTarget, nil, MaxHops)
	if first < 0 {
		return nil
	}
	found := []route{trace(s, first)}
	var candidates []route
	for len(found) < k {
		last := found[len(found)-1]
		// Spur from the virtual source (i = -1) and from each node of last
		// but the target.
		for i := -1; i < len(last.hops)-1; i++ {
			root := last.hops[:i+1]
			s.epoch++
			var spurStarts []int32
			var blocked map[int32]bool
			if i < 0 {
				used := map[int32]bool{}
				for _, p := range found {
					used[p.hops[0].node] = true
				}
				for _, st := range starts {
					if !used[st] {
						spurStarts = append(spurStarts, st)
					}
				}
			} else {
				spurStarts = []int32{root[i].node}
				blocked = map[int32]bool{}
				for _, p := range found {
					if len(p.hops) > i+1 && sameNodes(p.hops[:i+1], root) {
						blocked[p.hops[i+1].edge] = true
					}
				}
				for _, h := range root[:i] {
					s.block[h.node] = s.epoch
				}
			}
			if len(spurStarts) == 0 {
				continue
			}
			var blockedEdge func(int32) bool
			if blocked != nil {
				blockedEdge = func(e int32) bool { return blocked[e] }
			}
			t := dijkstra(g, s, spurStarts, mask, cost, isTarget, blockedEdge, int32(MaxHops-len(root)+1))
			if t < 0 {
				continue
			}
			spur := trace(s, t)
			r := route{hops: append(slices.Clone(root), spur.hops[min(1, len(root)):]...)}
			if i < 0 {
				r.hops = spur.hops
			}
			r.cost = routeCost(g, r, cost)
			if !containsRoute(found, r) && !containsRoute(candidates, r) {
				candidates = append(candidates, r)
			}
		}
		if len(candidates) == 0 {
			break
		}
		slices.SortFunc(candidates, compareRoutes)
		found = append(found, candidates[0])
		candidates = candidates[1:]
	}
	return found
}

func routeCost(g *graph.Graph, r route, cost costFunc) int32 {
	var c int32
	for i := 1; i < len(r.hops); i++ {
		c += cost(g, r.hops[i-1].node, r.hops[i].node)
	}
	return c
}

func compareRoutes(a, b route) int {
	if c := cmp.Or(cmp.Compare(a.cost, b.cost), cmp.Compare(len(a.hops), len(b.hops))); c != 0 {
		return c
	}
	for i := range a.hops {
		if c := cmp.Compare(a.hops[i].node, b.hops[i].node); c != 0 {
			return c
		}
	}
	return 0
}

func sameNodes(a, b []hop) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].node != b[i].node {
			return false
		}
	}
	return true
}

func containsRoute(rs []route, r route) bool {
	for _, x := range rs {
		if sameNodes(x.hops, r.hops) && edgesEqual(x.hops, r.hops) {
			return true
		}
	}
	return false
}

func edgesEqual(a, b []hop) bool {
	for i := range a {
		if a[i].edge != b[i].edge {
			return false
		}
	}
	return true
}

func pathDoc(g *graph.Graph, r route) Path {
	p := Path{Cost: int(r.cost / hopScale), Steps: make([]Step, 0, len(r.hops)), Edges: make([]EdgeDoc, 0, len(r.hops))}
	prevLevel := graph.LevelNone
	for i, h := range r.hops {
		j := g.Node(h.node)
		st := Step{ID: j.ID, Title: j.Title, Kind: j.Kind, Level: levelOf(j), Family: j.Family}
		if i > 0 {
			e := g.Edge(h.edge)
			st.Type = e.Type
			if len(e.Evidence) > 0 {
				st.Evidence, st.Match = e.Evidence[0].Text, e.Evidence[0].Match
			}
			st.RaisesLevel = prevLevel != graph.LevelNone && j.Level > prevLevel
			ed := EdgeDoc{From: e.From, To: e.To, Type: e.Type, Evidence: st.Evidence, Match: st.Match}
			if len(e.Evidence) > 1 {
				ed.More = e.Evidence[1:]
			}
			p.Edges = append(p.Edges, ed)
			if e.Type != graph.Access {
				p.Hops++
			}
		}
		if j.Level != graph.LevelNone {
			prevLevel = j.Level
		}
		p.Steps = append(p.Steps, st)
	}
	return p
}

// ParseTypes reads a filter on edge types: "evolution", "proche", or
// both separated by a comma. The empty string means both.
func ParseTypes(s string) (graph.EdgeType, error) {
	var t graph.EdgeType
	if strings.TrimSpace(s) == "" {
		return graph.Moves, nil
	}
	for _, part := range strings.Split(s, ",") {
		switch strings.ToLower(strings.TrimSpace(part)) {
		case "evolution", "évolution":
			t |= graph.Evolution
		case "proche", "close":
			t |= graph.Close
		default:
			return 0, badQuery(CodeInvalid, "types inconnu « %s » : evolution, proche ou evolution,proche", part)
		}
	}
	return t, nil
}

// ParseBy reads the cost a path query minimises: "steps" (the default)
// or "effort".
func ParseBy(s string) (effort bool, err error) {
	switch s {
	case "", "steps":
		return false, nil
	case "effort":
		return true, nil
	}
	return false, badQuery(CodeInvalid, "by doit valoir steps ou effort")
}
