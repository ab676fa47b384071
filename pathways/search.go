package pathways

import (
	"slices"
	"sync"

	"github.com/pathways-fr/pathways/graph"
)

// mark is what a search knows of a node. It is valid only where stamp
// equals the current epoch, so a search never clears the marks.
type mark struct {
	stamp uint32
	dist  int32
	prev  int32 // node before, -1 for a start
	edge  int32 // edge taken from prev, -1 for a start
}

// backMark is what the backward half of a bidirectional search knows of
// a node: its distance to the nearest target.
type backMark struct {
	stamp uint32
	dist  int32
}

// scratch holds the per-search arrays, reused from search to search.
type scratch struct {
	epoch uint32
	mark  []mark
	back  []backMark
	block []uint32 // nodes removed for this search (Yen), stamped with the epoch
	queue []int32
	next  []int32
	bq    []int32 // frontiers of the backward search
	bnext []int32
	heap  minHeap
	bits  []uint64 // nodes reached by bfs

	target      []uint32 // targets of a path query, stamped with targetEpoch
	targetEpoch uint32
	toward      []int32 // hops to the nearest target (see searcher.towardTargets)
}

var scratches = sync.Pool{New: func() any { return &scratch{} }}

func getScratch(n int) *scratch {
	s := scratches.Get().(*scratch)
	if len(s.mark) < n {
		s.mark = make([]mark, n)
		s.back = make([]backMark, n)
		s.block = make([]uint32, n)
		s.epoch = 0
	}
	s.bump()
	s.queue = s.queue[:0]
	return s
}

func (s *scratch) release() { scratches.Put(s) }

// bump starts a new search: every mark becomes stale.
func (s *scratch) bump() {
	s.epoch++
	if s.epoch == 0 { // wrapped: old stamps could look current
		clear(s.mark)
		clear(s.back)
		clear(s.block)
		s.epoch = 1
	}
}

func (s *scratch) seen(i int32) bool { return s.mark[i].stamp == s.epoch }

func (s *scratch) visit(i, d, prev, edge int32) {
	s.mark[i] = mark{s.epoch, d, prev, edge}
}

func (s *scratch) blocked(i int32) bool { return s.block[i] == s.epoch }

// hop is one step of a route: the node reached and the edge taken to it
// (-1 for the first node).
type hop struct {
	node, edge int32
}

// route is a sequence of hops and its cost.
type route struct {
	hops []hop
	cost int32
}

// bfs runs a breadth-first search from the nodes already queued in s
// (each marked reached) and from starts, along edges of the types in
// mask, forward or backward, up to depth (negative: unbounded). s.queue
// then holds every node reached, in the order reached, and s.bits has a
// bit set for each; a node's prev is the first node of that order with an
// edge to it, so the result is the same on every call.
func bfs(g *graph.Graph, s *scratch, starts []int32, mask graph.EdgeType, backward bool, depth int32) {
	// A bit per node rather than the stamps: the set stays in the
	// nearest cache, and it is the array the search reads the most.
	words := (g.Len() + 63) / 64
	if cap(s.bits) < words {
		s.bits = make([]uint64, words)
	}
	seen := s.bits[:words]
	clear(seen)
	for _, u := range s.queue {
		seen[u>>6] |= 1 << (u & 63)
	}
	for _, st := range starts {
		if seen[st>>6]&(1<<(st&63)) == 0 {
			seen[st>>6] |= 1 << (st & 63)
			s.visit(st, 0, -1, -1)
			s.queue = append(s.queue, st)
		}
	}
	marks := s.mark
	for head := 0; head < len(s.queue); head++ {
		u := s.queue[head]
		d := marks[u].dist
		if depth >= 0 && d >= depth {
			// The queue is in distance order: no node further on is
			// expanded either.
			break
		}
		arcs := g.Out(u)
		if backward {
			arcs = g.In(u)
		}
		for _, a := range arcs {
			v := a.Node
			if a.Type&mask == 0 || seen[v>>6]&(1<<(v&63)) != 0 {
				continue
			}
			seen[v>>6] |= 1 << (v & 63)
			marks[v] = mark{s.epoch, d + 1, u, a.Edge}
			s.queue = append(s.queue, v)
		}
	}
	s.bits = seen
}

// cut removes arcs from a search: the listed edges that leave node from.
type cut struct {
	from  int32
	edges []int32
}

func (c *cut) has(from, edge int32) bool {
	return from == c.from && len(c.edges) > 0 && slices.Contains(c.edges, edge)
}

// layered finds a route with the fewest edges from starts to a target,
// along arcs of the types in mask, avoiding blocked nodes and the arcs of
// c, with at most maxHops edges. It returns the target reached, with the
// route in the prev links of s, or -1.
//
// The route is the one a Dijkstra search that pops nodes by distance,
// then node number, and stops at the first target would find: the target
// of least number among the nearest, and back from each node of the route
// the node of least number one step nearer the starts (and the first of
// its arcs). It is found by a bidirectional breadth-first search, which
// expands the smaller side layer by layer until the two meet; then a
// forward pass over the nodes on shortest routes only, which the two
// distances tell apart, gives the distance from the starts wherever the
// forward side did not reach, and the route is read back from the target.
func layered(g *graph.Graph, s *scratch, starts []int32, targets *nodeSet, mask graph.EdgeType, c *cut, maxHops int32) int32 {
	ep, marks, back := s.epoch, s.mark, s.back
	fq := s.queue[:0]
	best := int32(-1)
	for _, st := range starts {
		if s.blocked(st) || marks[st].stamp == ep {
			continue
		}
		marks[st] = mark{ep, 0, -1, -1}
		fq = append(fq, st)
		if targets.has(st) && (best < 0 || st < best) {
			best = st
		}
	}
	if best >= 0 || len(fq) == 0 {
		s.queue = fq
		return best
	}
	bq := s.bq[:0]
	for _, t := range targets.list {
		if s.blocked(t) || back[t].stamp == ep {
			continue
		}
		back[t] = backMark{ep, 0}
		bq = append(bq, t)
	}
	fnext, bnext := s.next[:0], s.bnext[:0]
	defer func() { s.queue, s.next, s.bq, s.bnext = fq, fnext, bq, bnext }()
	fwork, bwork := 0, 0
	for _, u := range fq {
		fwork += len(g.Out(u))
	}
	for _, v := range bq {
		bwork += len(g.In(v))
	}
	var a, b int32 // depths reached forward and backward
	meet := int32(-1)
	for meet < 0 {
		if len(fq) == 0 || len(bq) == 0 || a+b >= maxHops {
			return -1
		}
		if fwork <= bwork {
			fnext, fwork = fnext[:0], 0
			for _, u := range fq {
				for _, arc := range g.Out(u) {
					v := arc.Node
					if arc.Type&mask == 0 || marks[v].stamp == ep || s.blocked(v) || c.has(u, arc.Edge) {
						continue
					}
					marks[v] = mark{ep, a + 1, -1, -1}
					fnext = append(fnext, v)
					fwork += len(g.Out(v))
					if back[v].stamp == ep {
						if d := a + 1 + back[v].dist; meet < 0 || d < meet {
							meet = d
						}
					}
				}
			}
			fq, fnext = fnext, fq
			a++
		} else {
			bnext, bwork = bnext[:0], 0
			for _, v := range bq {
				for _, arc := range g.In(v) {
					u := arc.Node
					if arc.Type&mask == 0 || back[u].stamp == ep || s.blocked(u) || c.has(u, arc.Edge) {
						continue
					}
					back[u] = backMark{ep, b + 1}
					bnext = append(bnext, u)
					bwork += len(g.In(u))
					if marks[u].stamp == ep {
						if d := marks[u].dist + b + 1; meet < 0 || d < meet {
							meet = d
						}
					}
				}
			}
			bq, bnext = bnext, bq
			b++
		}
	}
	if meet > maxHops {
		return -1
	}
	// fq is the complete forward layer a. Every node at distance k+1 from
	// the starts on a shortest route is reached from layer k and lies at
	// meet-k-1 from the targets; a node reached from layer k at that
	// distance from the targets is at k+1 from the starts.
	for k := a; k < meet; k++ {
		fnext = fnext[:0]
		for _, u := range fq {
			for _, arc := range g.Out(u) {
				v := arc.Node
				if arc.Type&mask == 0 || back[v].stamp != ep || back[v].dist != meet-k-1 || marks[v].stamp == ep || s.blocked(v) || c.has(u, arc.Edge) {
					continue
				}
				marks[v] = mark{ep, k + 1, -1, -1}
				fnext = append(fnext, v)
			}
		}
		fq, fnext = fnext, fq
	}
	t := int32(-1)
	for _, x := range targets.list {
		if marks[x].stamp == ep && marks[x].dist == meet && !s.blocked(x) && (t < 0 || x < t) {
			t = x
		}
	}
	traceBack(g, s, t, mask, c, func(u int32) int32 {
		if marks[u].stamp != ep {
			return -1
		}
		return marks[u].dist
	})
	return t
}

// traceBack links the route to t in s: back from each node, along the
// first arc from the node of least number one step nearer the starts, as
// dist tells (-1: not reached). Nodes of the route are marked reached.
func traceBack(g *graph.Graph, s *scratch, t int32, mask graph.EdgeType, c *cut, dist func(int32) int32) {
	v, d := t, dist(t)
	s.mark[t] = mark{s.epoch, d, -1, -1}
	for ; d > 0; d-- {
		for _, arc := range g.In(v) {
			u := arc.Node
			if arc.Type&mask == 0 || dist(u) != d-1 || s.blocked(u) || c.has(u, arc.Edge) {
				continue
			}
			s.mark[v].prev, s.mark[v].edge = u, arc.Edge
			s.mark[u] = mark{s.epoch, d - 1, -1, -1}
			v = u
			break
		}
	}
}

// rest returns a bound on what the rest of a route costs from node v:
// toward holds the hops from each node to the nearest target, and a move
// costs at least hopScale+1, but a step from a level 1. When no arc
// enters a level, only the first node of a route can be one. It returns
// -1 if no target can be reached from v, 0 if toward is nil.
func rest(p pricer, toward []int32, v int32) int32 {
	if toward == nil {
		return 0
	}
	n := toward[v]
	switch {
	case n <= 0:
		return n
	case !p.ix.uniform:
		return n
	case p.ix.isLevel[v]:
		return (n-1)*(hopScale+1) + 1
	}
	return n * (hopScale + 1)
}

// dijkstra finds a cheapest route from starts to a target along edges of
// the types in mask, avoiding blocked nodes and the arcs of c, with at
// most maxHops edges. It returns the target reached or -1, and whether a
// node was left unexpanded at the limit of hops. Nodes are popped by
// distance, then node number, so ties are broken the same way on every
// call.
//
// Nodes through which no route costs at most budget, as rest bounds it,
// are left out. As rest never decreases by more than an arc's price
// along an arc, none of those is on the route found nor before it in the
// order of search: if the route costs at most budget, it is the route
// found with no budget, unless the limit of hops cut the search.
func dijkstra(g *graph.Graph, s *scratch, starts []int32, mask graph.EdgeType, p pricer, targets *nodeSet, c *cut, maxHops int32, toward []int32, budget int32) (int32, bool) {
	h := s.heap[:0]
	defer func() { s.heap = h[:0] }()
	ep, marks := s.epoch, s.mark
	for _, st := range starts {
		if s.blocked(st) || marks[st].stamp == ep {
			continue
		}
		if r := rest(p, toward, st); r < 0 || r > budget {
			continue
		}
		marks[st] = mark{ep, 0, -1, -1}
		h.push(item{0, st, 0})
	}
	truncated := false
	for len(h) > 0 {
		it := h.pop()
		if it.key != marks[it.node].dist {
			continue // stale
		}
		if targets.has(it.node) {
			return it.node, truncated
		}
		if it.hops >= maxHops {
			truncated = true
			continue
		}
		for _, a := range g.Out(it.node) {
			v := a.Node
			if a.Type&mask == 0 || s.blocked(v) || c.has(it.node, a.Edge) {
				continue
			}
			nd := it.key + p.cost(it.node, v)
			if marks[v].stamp == ep && marks[v].dist <= nd {
				continue
			}
			if r := rest(p, toward, v); r < 0 || int64(nd)+int64(r) > int64(budget) {
				continue
			}
			marks[v] = mark{ep, nd, it.node, a.Edge}
			h.push(item{nd, v, it.hops + 1})
		}
	}
	return -1, truncated
}

// astar finds the route dijkstra would find with no budget, from starts
// to a target with at most maxHops edges, avoiding blocked nodes and the
// arcs of c, if it costs at most budget. It returns the target, the route
// in s, or -1; ok is false when it cannot tell, and dijkstra must search.
//
// It pops nodes by cost so far plus rest, which needs toward, and goes on
// past the first target until every node that a cheapest route can pass
// by is popped, each then at its least cost. The target of least number
// among the cheapest, and back from each node of the route the node that
// reaches it at its least cost and that dijkstra pops first (least cost,
// then least number), give dijkstra's route. A limit of hops that cut a
// cheapest route would change it: when the least cost is high enough
// for a route of maxHops edges, ok is false.
func astar(g *graph.Graph, s *scratch, starts []int32, mask graph.EdgeType, p pricer, targets *nodeSet, c *cut, maxHops int32, toward []int32, budget int32) (t int32, ok bool) {
	h := s.heap[:0]
	defer func() { s.heap = h[:0] }()
	ep, marks, closed := s.epoch, s.mark, s.back
	for _, st := range starts {
		if s.blocked(st) || marks[st].stamp == ep {
			continue
		}
		if r := rest(p, toward, st); r >= 0 && r <= budget {
			marks[st] = mark{ep, 0, -1, -1}
			h.push(item{r, st, 0})
		}
	}
	least := int32(-1)
	for len(h) > 0 {
		it := h.pop()
		u := it.node
		d := marks[u].dist
		if it.key != d+rest(p, toward, u) || closed[u].stamp == ep {
			continue // stale
		}
		if least >= 0 && it.key > least {
			break
		}
		closed[u].stamp = ep
		if targets.has(u) {
			if least < 0 {
				least = d
			}
			continue
		}
		for _, a := range g.Out(u) {
			v := a.Node
			if a.Type&mask == 0 || s.blocked(v) || c.has(u, a.Edge) {
				continue
			}
			nd := d + p.cost(u, v)
			if marks[v].stamp == ep && marks[v].dist <= nd {
				continue
			}
			if r := rest(p, toward, v); r >= 0 && int64(nd)+int64(r) <= int64(budget) {
				marks[v] = mark{ep, nd, u, a.Edge}
				h.push(item{nd + r, v, 0})
			}
		}
	}
	if least < 0 {
		return -1, true
	}
	// A route of maxHops edges costs at least this much.
	limit := maxHops
	if p.ix.uniform {
		limit = (maxHops-1)*(hopScale+1) + 1
	}
	if least >= limit {
		return -1, false
	}
	t = -1
	for _, x := range targets.list {
		if closed[x].stamp == ep && marks[x].dist == least && (t < 0 || x < t) {
			t = x
		}
	}
	for v := t; marks[v].dist > 0; {
		best, edge := int32(-1), int32(-1)
		for _, a := range g.In(v) {
			u := a.Node
			if a.Type&mask == 0 || closed[u].stamp != ep || c.has(u, a.Edge) || marks[u].dist+p.cost(u, v) != marks[v].dist {
				continue
			}
			if best < 0 || marks[u].dist < marks[best].dist {
				best, edge = u, a.Edge
			}
		}
		marks[v].prev, marks[v].edge = best, edge
		v = best
	}
	marks[t].stamp = ep
	return t, true
}

// item is an entry of a search's heap: a node, with its key at the time
// it was pushed and, for Dijkstra, its number of hops.
type item struct {
	key, node, hops int32
}

// minHeap is a binary heap of items ordered by key, then node number.
type minHeap []item

func (it item) less(o item) bool {
	return it.key < o.key || it.key == o.key && it.node < o.node
}

func (h *minHeap) push(it item) {
	a := append(*h, it)
	i := len(a) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !a[i].less(a[p]) {
			break
		}
		a[i], a[p] = a[p], a[i]
		i = p
	}
	*h = a
}

func (h *minHeap) pop() item {
	a := *h
	top := a[0]
	n := len(a) - 1
	a[0] = a[n]
	a = a[:n]
	for i := 0; ; {
		l := 2*i + 1
		if l >= n {
			break
		}
		m := l
		if r := l + 1; r < n && a[r].less(a[l]) {
			m = r
		}
		if !a[m].less(a[i]) {
			break
		}
		a[i], a[m] = a[m], a[i]
		i = m
	}
	*h = a
	return top
}

// trace returns the route that ends at node t in s.
func trace(s *scratch, t int32) route {
	n := 0
	for u := t; u >= 0; u = s.mark[u].prev {
		n++
	}
	hops := make([]hop, n)
	for u := t; u >= 0; u = s.mark[u].prev {
		n--
		hops[n] = hop{u, s.mark[u].edge}
	}
	return route{hops: hops, cost: s.mark[t].dist}
}
