package pathways

import (
	"cmp"
	"math"
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
	// Ambiguities holds, when the text the endpoint was read from names
	// several jobs with close scores, that ambiguity: documents report it
	// so that a person can choose.
	Ambiguities []Ambiguity
}

// FindFrom reads the start of a query: a job named by text as Find does,
// or a diploma or level ("BTS", "bac+2", "master", "niveau 6"). An exact
// job name wins over a diploma word.
func FindFrom(g *graph.Graph, text string) (Endpoint, error) {
	if err := checkText(text); err != nil {
		return Endpoint{}, err
	}
	s := getScratch(g.Len())
	defer s.release()
	w := wordsOf(text)
	ms, n := lookup(g, s, text, w, false)
	if len(ms) == 0 || ms[0].tier != tierExact {
		if l, ok := levelOfText(text, w); ok {
			return levelEndpoint(g, l), nil
		}
	}
	return endpointOf(g, text, "from", ms, n)
}

// levelOfText reads the level text names, whose words are w: a level's
// ID, or what graph.ParseLevel reads.
func levelOfText(text string, w words) (graph.Level, bool) {
	t := strings.TrimSpace(text)
	if id, ok := strings.CutPrefix(t, "level-"); ok {
		return graph.LevelByID(id)
	}
	return graph.LevelOfKey(t, w.key) // t has the key of text: Key ignores the space around words
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
	l, ok := levelOfText(text, wordsOf(text))
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
	Types  graph.EdgeType // edge types to follow; 0 means graph.Moves; graph.Formation adds study steps, graph.Suggestion suggested moves
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
	if opts.Types&graph.Suggestion != 0 {
		if g, err = withSuggestions(g); err != nil {
			return Paths{}, err
		}
	}
	d := routeDocs{g: g, ix: indexOf(g)}
	ends := summaries(g, from.Nodes, to) // one allocation for both
	doc := Paths{From: ends[:len(from.Nodes):len(from.Nodes)], To: ends[len(from.Nodes):], By: "steps", K: opts.K, Paths: []Path{},
		Ambiguities: from.Ambiguities}
	if opts.Effort {
		doc.By = "effort"
	}
	doc.Level = levelName(from.Level)
	if len(from.Nodes) == 0 || len(to) == 0 {
		doc.Message = "aucun point de départ ou d’arrivée"
		return doc, nil
	}
	var one [1]route // k=1 needs no more
	s := getScratch(g.Len())
	defer s.release()
	routes := yen(g, d.ix, s, from.Nodes, to, opts.Types|graph.Access|graph.Bridge, opts.Effort, opts.K, one[:0])
	if len(routes) > 0 {
		doc.Paths = make([]Path, 0, len(routes))
	}
	for _, r := range routes {
		run := d.runLevels(r.hops)
		p := d.path(r, run)
		if opts.Types&graph.Formation != 0 {
			d.addStudyFirst(r, run, &p)
		}
		doc.Paths = append(doc.Paths, p)
	}
	// Study routes are always possible once the level is gained: they
	// take the places the routes through jobs leave among the k.
	if opts.Types&graph.Formation != 0 && len(doc.Paths) < opts.K {
		doc.Paths = append(doc.Paths, d.studyPaths(from, to, opts.Effort, opts.K-len(doc.Paths))...)
	}
	if len(doc.Paths) == 0 {
		doc.Message = "Aucun parcours connu ne mène du départ à l’arrivée."
	}
	doc.searched = g
	return doc, nil
}

// Route answers a path query between two texts: the start read as
// FindFrom does (a job, or a diploma or level), the target as FindTo does,
// then Shortest. The document reports the ambiguities of both texts, the
// start's first. A text that names nothing is the error before any of
// the options' (k out of range, or no_skills for graph.Suggestion on a
// graph without skills): a person corrects what they typed first.
func Route(g *graph.Graph, from, to string, opts Options) (Paths, error) {
	start, err := FindFrom(g, from)
	if err != nil {
		return Paths{}, err
	}
	end, err := FindTo(g, to)
	if err != nil {
		return Paths{}, err
	}
	doc, err := Shortest(g, start, end.Nodes, opts)
	if err != nil {
		return Paths{}, err
	}
	doc.Ambiguities = append(doc.Ambiguities, end.Ambiguities...) // the start's are in already
	return doc, nil
}

// nodeSet is the set of targets of a search.
type nodeSet struct {
	list  []int32
	stamp []uint32 // for a long list: members are stamped with ep
	ep    uint32
}

func (t *nodeSet) has(n int32) bool {
	if t.stamp == nil {
		return slices.Contains(t.list, n)
	}
	return t.stamp[n] == t.ep
}

// searcher runs the searches of one path query on one scratch.
type searcher struct {
	g       *graph.Graph
	s       *scratch
	mask    graph.EdgeType
	price   pricer
	targets nodeSet
	bfs     bool    // searches by steps run breadth-first
	ranks   []int32 // the edges' ranks (edgeFacts), for breadth-first searches
}

// noBound is the budget of a search whose route is wanted at any cost.
const noBound = math.MaxInt32

// search finds a cheapest route from starts to a target with at most
// maxHops edges, avoiding the nodes of avoid and the arcs of c; noBridge
// is a start reached by a bridge, which may not cross another, or -1. It
// returns the target, the route in s, or -1. A route that would cost
// more than budget is not wanted: the search may return -1 instead.
func (q *searcher) search(starts []int32, avoid []hop, c *cut, maxHops, budget, noBridge int32) int32 {
	q.block(avoid)
	if q.bfs {
		// A move costs hopScale+1; the first step from a level costs 1.
		h := budget / (hopScale + 1)
		if q.price.ix.isLevel[starts[0]] && budget >= 1 {
			h = (budget-1)/(hopScale+1) + 1
		}
		return q.layered(starts, c, min(maxHops, h), noBridge)
	}
	return dijkstra(q.g, q.s, starts, q.mask, q.price, &q.targets, c, maxHops, budget, noBridge)
}

// block starts a search: it removes the nodes of avoid.
func (q *searcher) block(avoid []hop) {
	q.s.bump()
	for _, h := range avoid {
		q.s.block[h.node] = q.s.epoch
	}
}

// homogeneous reports whether starts are all levels or all other nodes.
func homogeneous(ix *index, starts []int32) bool {
	for _, st := range starts {
		if ix.isLevel[st] != ix.isLevel[starts[0]] {
			return false
		}
	}
	return true
}

// yen appends to found up to k loopless routes by Yen's algorithm, over a
// virtual source joined to every start. A route found that visits a node
// twice (a fiche left and come back to, to cross a bridge from it: the
// searches know only one bridge at a time) is not listed, but its
// deviations are searched as Yen's algorithm does. ix is g's index; s
// the scratch of the searches, which holds the first route's hops: the
// routes are read before s is released.
func yen(g *graph.Graph, ix *index, s *scratch, starts, targets []int32, mask graph.EdgeType, effort bool, k int, found []route) []route {
	q := &searcher{g: g, s: s, mask: mask, price: pricer{g, ix, effort}, targets: nodeSet{list: targets}}
	q.stampTargets()
	// By steps, every arc of a layer costs the same unless starts mix
	// levels and other nodes.
	q.bfs = !effort && ix.uniform && homogeneous(ix, starts)
	if q.bfs {
		q.ranks = ix.edges(g).rank
	}
	first := q.search(starts, nil, &cut{from: -1}, MaxHops, noBound, -1)
	if first < 0 {
		return nil
	}
	r := trace(g, ix, s, first, s.first)
	s.first = r.hops
	r.cost = q.price.routeCost(r.hops)
	base := len(found)
	found = append(found, r)
	valid := 0
	if loopless(r.hops) {
		valid++
	}
	var candidates []route
	for valid < k {
		candidates = q.spurs(starts, found[base:], candidates, k-valid)
		if len(candidates) == 0 {
			break
		}
		// The first of the cheapest, in the order found.
		best := 0
		for i := range candidates {
			if compareRoutes(candidates[i], candidates[best]) < 0 {
				best = i
			}
		}
		found = append(found, candidates[best])
		if loopless(candidates[best].hops) {
			valid++
		}
		candidates = slices.Delete(candidates, best, best+1)
	}
	if valid == len(found)-base {
		return found
	}
	out := found[:base]
	for _, r := range found[base:] {
		if loopless(r.hops) {
			out = append(out, r)
		}
	}
	return out
}

// loopless reports whether a route visits each node once.
func loopless(hops []hop) bool {
	for i := range hops {
		for j := range i {
			if hops[i].node == hops[j].node {
				return false
			}
		}
	}
	return true
}

// stampTargets makes membership of a long list of targets one load.
func (q *searcher) stampTargets() {
	s, n := q.s, q.g.Len()
	if len(q.targets.list) <= 8 {
		return
	}
	if len(s.target) < n {
		s.target = make([]uint32, n)
	}
	s.targetEpoch++
	if s.targetEpoch == 0 {
		clear(s.target)
		s.targetEpoch = 1
	}
	for _, t := range q.targets.list {
		s.target[t] = s.targetEpoch
	}
	q.targets.stamp, q.targets.ep = s.target, s.targetEpoch
}

// spurs adds to candidates the routes that leave the last route found
// from the virtual source (i = -1) and from each of its nodes but the
// target, as Yen's algorithm does.
func (q *searcher) spurs(starts []int32, found, candidates []route, want int) []route {
	last := found[len(found)-1]
	var spurStarts, cutEdges []int32
	for i := -1; i < len(last.hops)-1; i++ {
		root := last.hops[:i+1]
		c := cut{from: -1}
		var avoid []hop
		if i < 0 {
			spurStarts = spurStarts[:0]
			for _, st := range starts {
				if !slices.ContainsFunc(found, func(p route) bool { return p.hops[0].node == st }) {
					spurStarts = append(spurStarts, st)
				}
			}
		} else {
			spurStarts = append(spurStarts[:0], root[i].node)
			cutEdges = cutEdges[:0]
			for _, p := range found {
				if len(p.hops) > i+1 && sameNodes(p.hops[:i+1], root) {
					cutEdges = append(cutEdges, p.hops[i+1].edge)
				}
			}
			c = cut{from: root[i].node, edges: cutEdges}
			avoid = root[:i]
		}
		if len(spurStarts) == 0 {
			continue
		}
		// A candidate dearer than the want cheapest already
		// known would never be chosen.
		budget := int32(noBound)
		if x, ok := nthCost(candidates, want); ok {
			budget = x - q.price.routeCost(root)
			if budget < 0 {
				continue
			}
		}
		noBridge := int32(-1)
		if i >= 0 && root[i].edge >= 0 && q.g.Edge(root[i].edge).Type == graph.Bridge {
			noBridge = root[i].node
		}
		t := q.search(spurStarts, avoid, &c, int32(MaxHops-len(root)+1), budget, noBridge)
		if t < 0 {
			continue
		}
		spur := trace(q.g, q.price.ix, q.s, t, q.s.spur).hops
		q.s.spur = spur
		var r route
		if i >= 0 {
			r.hops = append(slices.Clip(root), spur[1:]...)
		} else {
			r.hops = slices.Clone(spur)
		}
		r.cost = q.price.routeCost(r.hops)
		if !containsRoute(found, r) && !containsRoute(candidates, r) {
			candidates = append(candidates, r)
		}
	}
	return candidates
}

// nthCost returns the n-th least cost of the loopless candidates, if
// there are n: the others are never listed.
func nthCost(candidates []route, n int) (int32, bool) {
	if n <= 0 || len(candidates) < n {
		return 0, false
	}
	var buf [16]int32
	costs := buf[:0]
	for _, c := range candidates {
		if loopless(c.hops) {
			costs = append(costs, c.cost)
		}
	}
	if len(costs) < n {
		return 0, false
	}
	slices.Sort(costs)
	return costs[n-1], true
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
	return slices.ContainsFunc(rs, func(x route) bool { return sameRoute(x, r) })
}

func sameRoute(a, b route) bool { return sameNodes(a.hops, b.hops) && edgesEqual(a.hops, b.hops) }

func edgesEqual(a, b []hop) bool {
	for i := range a {
		if a[i].edge != b[i].edge {
			return false
		}
	}
	return true
}

// routeDocs writes the routes of one path query as documents: what it
// reads of the graph (its index, the sentences of its edges) is looked up
// once per query.
type routeDocs struct {
	g    *graph.Graph
	ix   *index
	says *edgeFacts                 // looked up on first use
	run  [2*MaxHops + 1]graph.Level // what runLevels returns, for a route of up to that many hops
}

// facts returns the edge facts of the graph.
func (d *routeDocs) facts() *edgeFacts {
	if d.says == nil {
		d.says = d.ix.edges(d.g)
	}
	return d.says
}

// sentence returns the sentence of the step along edge e.
func (d *routeDocs) sentence(e int32) string { return d.facts().sentence(d.g, e) }

// runLevels returns, for each hop of a route, the level of the job it
// stands at: nodes joined by bridges are one job (« même métier dans
// ROME »), whose level is the lowest any of them states, the level its
// sources open it at. LevelNone where none states one. On a graph without
// bridges it returns nil: each node's own level is its job's. What it
// returns is valid until the next call.
func (d *routeDocs) runLevels(hops []hop) []graph.Level {
	if !d.ix.bridged {
		return nil
	}
	g, out := d.g, d.run[:0]
	if len(hops) > len(d.run) {
		out = make([]graph.Level, 0, len(hops))
	}
	out = out[:len(hops)]
	for lo := 0; lo < len(hops); {
		hi, l := lo+1, g.Node(hops[lo].node).Level
		for ; hi < len(hops) && g.Edge(hops[hi].edge).Type == graph.Bridge; hi++ {
			if m := g.Node(hops[hi].node).Level; m != graph.LevelNone && (l == graph.LevelNone || m < l) {
				l = m
			}
		}
		for i := lo; i < hi; i++ {
			out[i] = l
		}
		lo = hi
	}
	return out
}

// path writes a route as a document. A step raises the level when the
// job it moves to asks for a higher minimum level than the job it leaves,
// each taken across its bridges as runLevels does; a bridge is no move and
// never raises the level. run is runLevels of the route.
func (d *routeDocs) path(r route, run []graph.Level) Path {
	g := d.g
	p := Path{Cost: int(r.cost / hopScale), Steps: make([]Step, len(r.hops)), Edges: make([]EdgeDoc, len(r.hops)-1)}
	prevLevel := graph.LevelNone
	for i, h := range r.hops {
		j := g.Node(h.node)
		// Field by field: the steps and edges are zeroed, and a composite
		// literal would be copied whole.
		st := &p.Steps[i]
		st.ID, st.Title, st.Kind, st.Level, st.Family, st.node = j.ID, j.Title, j.Kind, levelOf(j), j.Family, h.node
		level := j.Level
		if run != nil {
			level = run[i]
		}
		if i > 0 {
			e := g.Edge(h.edge)
			st.Type, st.Source = e.Type, e.Source
			if len(e.Evidence) > 0 {
				st.Evidence, st.Match = e.Evidence[0].Text, e.Evidence[0].Match
			}
			st.RaisesLevel = e.Type != graph.Bridge && prevLevel != graph.LevelNone && level > prevLevel
			if e.Type == graph.Suggestion {
				st.Suggestion = suggestedMove(g, h.edge)
			}
			st.Says = d.sentence(h.edge) // trace makes each hop's edge go from the hop before
			ed := &p.Edges[i-1]
			ed.From, ed.To, ed.Type, ed.Source, ed.edge = e.From, e.To, e.Type, e.Source, h.edge
			ed.Evidence, ed.Match, ed.Suggestion = st.Evidence, st.Match, st.Suggestion
			if len(e.Evidence) > 1 {
				ed.More = e.Evidence[1:]
			}
			if e.Type != graph.Access && e.Type != graph.Bridge {
				p.Hops++
			}
		}
		if level != graph.LevelNone {
			prevLevel = level
		}
	}
	return p
}

// ParseTypes reads a filter on edge types: "evolution", "proche",
// "formation" (study steps, which path queries compute), "suggestion"
// (moves suggested from skill overlap, not official: datasets with skills
// only), or several separated by commas. The empty string means the first
// three: study steps are on by default, and a list without "formation"
// turns them off; suggestions are never followed unless listed. Reachable
// and feeders follow only edges, so formation changes nothing there.
func ParseTypes(s string) (graph.EdgeType, error) {
	var t graph.EdgeType
	if strings.TrimSpace(s) == "" {
		return graph.Moves | graph.Formation, nil
	}
	for _, part := range strings.Split(s, ",") {
		switch strings.ToLower(strings.TrimSpace(part)) {
		case "evolution", "évolution":
			t |= graph.Evolution
		case "proche", "close":
			t |= graph.Close
		case "formation", "etudes", "études":
			t |= graph.Formation
		case "suggestion", "suggestions":
			t |= graph.Suggestion
		default:
			return 0, badQuery(CodeInvalid, "types inconnu « %s » : evolution, proche, formation, suggestion, ou plusieurs séparés par des virgules", part)
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
