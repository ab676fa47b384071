package pathways

import (
	"math"
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
// mask, forward or backward, up to depth (negative: unbounded). Bridge
// arcs are followed whatever mask says, at no distance. s.queue
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
	bridged := indexOf(g).bridged
	if bridged {
		closeBridges(g, s, seen, 0, backward)
	}
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
			if bridged {
				closeBridges(g, s, seen, len(s.queue)-1, backward)
			}
		}
	}
	s.bits = seen
}

// closeBridges adds to the queue of bfs, at the distance of the node they
// are bridged to, the nodes bridged to those of s.queue[from:] not yet
// seen: a bridge is no step. Every node then enters the queue with its
// bridged nodes right after it, so that the queue stays in distance order.
func closeBridges(g *graph.Graph, s *scratch, seen []uint64, from int, backward bool) {
	for k := from; k < len(s.queue); k++ {
		u := s.queue[k]
		arcs := g.Out(u)
		if backward {
			arcs = g.In(u)
		}
		for _, a := range arcs {
			v := a.Node
			if a.Type != graph.Bridge || seen[v>>6]&(1<<(v&63)) != 0 {
				continue
			}
			seen[v>>6] |= 1 << (v & 63)
			s.mark[v] = mark{s.epoch, s.mark[u].dist, u, a.Edge}
			s.queue = append(s.queue, v)
		}
	}
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
//
// Bridge arcs (dataset all) are no step: each layer of either side is
// closed over them, every node a bridge adds recording that bridge as the
// way it was reached. Routes then have the fewest steps, and among those
// the route read back is the one the rules above give, the bridges of a
// layer taken in the order they were found.
func layered(g *graph.Graph, s *scratch, starts []int32, targets *nodeSet, mask graph.EdgeType, c *cut, maxHops int32) int32 {
	b := &bidi{g: g, s: s, mask: mask, bridged: indexOf(g).bridged}
	defer b.release()
	if t := b.seedForward(starts, targets, c); t >= 0 || len(b.fq) == 0 {
		return t
	}
	b.seedBackward(targets, c)
	meet := b.meet(c, maxHops)
	if meet < 0 || meet > maxHops {
		return -1
	}
	b.completeForward(c, meet)
	t := int32(-1)
	for _, x := range targets.list {
		if s.mark[x].stamp == s.epoch && s.mark[x].dist == meet && !s.blocked(x) && (t < 0 || x < t) {
			t = x
		}
	}
	traceBack(g, s, t, mask, c, func(u int32) int32 {
		if s.mark[u].stamp != s.epoch {
			return -1
		}
		return s.mark[u].dist
	})
	return t
}

// bidi is the state of a bidirectional breadth-first search: the
// frontiers of both sides, the work their expansion would take, and the
// depths reached. It holds no pointer to the caller's stack (the cut, the
// targets): those are arguments, so that they need not escape.
type bidi struct {
	g                    *graph.Graph
	s                    *scratch
	mask                 graph.EdgeType
	fq, fnext, bq, bnext []int32
	fwork, bwork         int
	a, b                 int32 // depths reached forward and backward
	bridged              bool  // the graph has bridge arcs: layers are closed over them
}

// release hands the frontiers back to the scratch for the next search.
func (b *bidi) release() {
	b.s.queue, b.s.next, b.s.bq, b.s.bnext = b.fq, b.fnext, b.bq, b.bnext
}

// open reports whether the arc from u along arc may be taken.
func (b *bidi) open(c *cut, u int32, arc graph.Arc, v int32) bool {
	return arc.Type&b.mask != 0 && !b.s.blocked(v) && !c.has(u, arc.Edge)
}

// seedForward marks the starts, and the nodes bridged to them, and
// returns the start of least number that is a target, else the first
// node bridged to a start that is, or -1.
func (b *bidi) seedForward(starts []int32, targets *nodeSet, c *cut) int32 {
	s, best := b.s, int32(-1)
	b.fq, b.fnext, b.bq, b.bnext = s.queue[:0], s.next[:0], s.bq[:0], s.bnext[:0]
	for _, st := range starts {
		if s.blocked(st) || s.seen(st) {
			continue
		}
		s.mark[st] = mark{s.epoch, 0, -1, -1}
		b.fq = append(b.fq, st)
		b.fwork += len(b.g.Out(st))
		if targets.has(st) && (best < 0 || st < best) {
			best = st
		}
	}
	if b.bridged && best < 0 {
		n := len(b.fq)
		b.fq, _ = b.closeForward(c, b.fq, 0, 0, -1)
		for _, v := range b.fq[n:] {
			if targets.has(v) {
				return v
			}
		}
	}
	return best
}

// seedBackward marks the targets at distance 0 from themselves, and the
// nodes bridged to them.
func (b *bidi) seedBackward(targets *nodeSet, c *cut) {
	s := b.s
	for _, t := range targets.list {
		if s.blocked(t) || s.back[t].stamp == s.epoch {
			continue
		}
		s.back[t] = backMark{s.epoch, 0}
		b.bq = append(b.bq, t)
		b.bwork += len(b.g.In(t))
	}
	if b.bridged {
		b.bq, _ = b.closeBackward(c, b.bq, 0, -1)
	}
}

// closeForward marks at distance d the nodes not yet reached that a
// bridge leads to from list[from:], appending them to list, each with
// the bridge it was reached by; d+the distance to the targets of any it
// marks that the backward side reached lowers meet.
func (b *bidi) closeForward(c *cut, list []int32, from int, d, meet int32) ([]int32, int32) {
	s, ep := b.s, b.s.epoch
	for k := from; k < len(list); k++ {
		u := list[k]
		for _, arc := range b.g.Out(u) {
			v := arc.Node
			if arc.Type != graph.Bridge || s.mark[v].stamp == ep || !b.open(c, u, arc, v) {
				continue
			}
			s.mark[v] = mark{ep, d, u, arc.Edge}
			list = append(list, v)
			b.fwork += len(b.g.Out(v))
			if s.back[v].stamp == ep {
				meet = shorter(meet, d+s.back[v].dist)
			}
		}
	}
	return list, meet
}

// closeBackward is closeForward for the backward side: the nodes with a
// bridge to list[from:] get the same distance to the targets.
func (b *bidi) closeBackward(c *cut, list []int32, from int, meet int32) ([]int32, int32) {
	s, ep := b.s, b.s.epoch
	for k := from; k < len(list); k++ {
		v := list[k]
		d := s.back[v].dist
		for _, arc := range b.g.In(v) {
			u := arc.Node
			if arc.Type != graph.Bridge || s.back[u].stamp == ep || arc.Type&b.mask == 0 || s.blocked(u) || c.has(u, arc.Edge) {
				continue
			}
			s.back[u] = backMark{ep, d}
			list = append(list, u)
			b.bwork += len(b.g.In(u))
			if s.mark[u].stamp == ep {
				meet = shorter(meet, s.mark[u].dist+d)
			}
		}
	}
	return list, meet
}

// meet expands the side whose next layer costs less until the two meet,
// and returns the length of a shortest route, or -1 if there is none
// within maxHops.
func (b *bidi) meet(c *cut, maxHops int32) int32 {
	meet := int32(-1)
	for meet < 0 {
		if len(b.fq) == 0 || len(b.bq) == 0 || b.a+b.b >= maxHops {
			return -1
		}
		if b.fwork <= b.bwork {
			meet = b.stepForward(c)
		} else {
			meet = b.stepBackward(c)
		}
	}
	return meet
}

// stepForward expands the forward frontier by one layer. It returns the
// length of the shortest route through a node both sides reached, or -1.
func (b *bidi) stepForward(c *cut) int32 {
	s, ep, meet := b.s, b.s.epoch, int32(-1)
	b.fnext, b.fwork = b.fnext[:0], 0
	for _, u := range b.fq {
		for _, arc := range b.g.Out(u) {
			v := arc.Node
			if s.mark[v].stamp == ep || arc.Type == graph.Bridge || !b.open(c, u, arc, v) {
				continue
			}
			s.mark[v] = mark{ep, b.a + 1, -1, -1}
			b.fnext = append(b.fnext, v)
			b.fwork += len(b.g.Out(v))
			if s.back[v].stamp == ep {
				meet = shorter(meet, b.a+1+s.back[v].dist)
			}
		}
	}
	if b.bridged {
		b.fnext, meet = b.closeForward(c, b.fnext, 0, b.a+1, meet)
	}
	b.fq, b.fnext = b.fnext, b.fq
	b.a++
	return meet
}

// stepBackward expands the backward frontier by one layer, as
// stepForward does the forward one.
func (b *bidi) stepBackward(c *cut) int32 {
	s, ep, meet := b.s, b.s.epoch, int32(-1)
	b.bnext, b.bwork = b.bnext[:0], 0
	for _, v := range b.bq {
		for _, arc := range b.g.In(v) {
			u := arc.Node
			if s.back[u].stamp == ep || arc.Type&b.mask == 0 || arc.Type == graph.Bridge || s.blocked(u) || c.has(u, arc.Edge) {
				continue
			}
			s.back[u] = backMark{ep, b.b + 1}
			b.bnext = append(b.bnext, u)
			b.bwork += len(b.g.In(u))
			if s.mark[u].stamp == ep {
				meet = shorter(meet, s.mark[u].dist+b.b+1)
			}
		}
	}
	if b.bridged {
		b.bnext, meet = b.closeBackward(c, b.bnext, 0, meet)
	}
	b.bq, b.bnext = b.bnext, b.bq
	b.b++
	return meet
}

// shorter returns the lesser of a length and d, a length of -1 meaning
// none yet.
func shorter(meet, d int32) int32 {
	if meet < 0 || d < meet {
		return d
	}
	return meet
}

// completeForward gives their distance from the starts to the nodes on
// shortest routes the forward side did not reach. fq is the complete
// forward layer a. Every node at distance k+1 from the starts on a
// shortest route is reached from layer k and lies at meet-k-1 from the
// targets; a node reached from layer k at that distance from the targets
// is at k+1 from the starts.
func (b *bidi) completeForward(c *cut, meet int32) {
	s, ep := b.s, b.s.epoch
	for k := b.a; k < meet; k++ {
		b.fnext = b.fnext[:0]
		for _, u := range b.fq {
			for _, arc := range b.g.Out(u) {
				v := arc.Node
				if s.back[v].stamp != ep || s.back[v].dist != meet-k-1 || s.mark[v].stamp == ep || arc.Type == graph.Bridge || !b.open(c, u, arc, v) {
					continue
				}
				s.mark[v] = mark{ep, k + 1, -1, -1}
				b.fnext = append(b.fnext, v)
			}
		}
		if b.bridged {
			b.fnext = b.closeOnRoutes(c, b.fnext, k+1, meet-k-1)
		}
		b.fq, b.fnext = b.fnext, b.fq
	}
}

// closeOnRoutes is closeForward for completeForward: it marks at
// distance d only the nodes that lie at toGo from the targets.
func (b *bidi) closeOnRoutes(c *cut, list []int32, d, toGo int32) []int32 {
	s, ep := b.s, b.s.epoch
	for k := 0; k < len(list); k++ {
		u := list[k]
		for _, arc := range b.g.Out(u) {
			v := arc.Node
			if arc.Type != graph.Bridge || s.back[v].stamp != ep || s.back[v].dist != toGo || s.mark[v].stamp == ep || !b.open(c, u, arc, v) {
				continue
			}
			s.mark[v] = mark{ep, d, u, arc.Edge}
			list = append(list, v)
		}
	}
	return list
}

// bridgedIn reports whether node v of s was reached by a bridge, which
// its mark then records.
func bridgedIn(g *graph.Graph, s *scratch, v int32) bool {
	e := s.mark[v].edge
	return e >= 0 && g.Edge(e).Type == graph.Bridge
}

// traceBack links the route to t in s: back from each node, along the
// arc of best mobility rank (ROME 4.0) from a node one step nearer the
// starts, as dist tells (-1: not reached), the first such arc (from the
// node of least number) when none is ranked; or along the bridge a node
// was reached by. Of equally short routes, that is the one whose last step
// ranks best, then the step before. Nodes of the route are marked reached.
func traceBack(g *graph.Graph, s *scratch, t int32, mask graph.EdgeType, c *cut, dist func(int32) int32) {
	v, d := t, dist(t)
	if !bridgedIn(g, s, t) {
		s.mark[t] = mark{s.epoch, d, -1, -1}
	}
	for ; d > 0; d-- {
		for bridgedIn(g, s, v) {
			v = s.mark[v].prev
		}
		best, rank := graph.Arc{Node: -1}, int32(math.MaxInt32)
		for _, arc := range g.In(v) {
			u := arc.Node
			if arc.Type&mask == 0 || arc.Type == graph.Bridge || dist(u) != d-1 || s.blocked(u) || c.has(u, arc.Edge) {
				continue
			}
			if r := rankOf(g, arc.Edge); best.Node < 0 || r < rank {
				best, rank = arc, r
			}
			if rank == 1 {
				break // none better
			}
		}
		u := best.Node
		if u < 0 {
			return // cannot happen: dist says a node one step nearer exists
		}
		s.mark[v].prev, s.mark[v].edge = u, best.Edge
		if !bridgedIn(g, s, u) {
			s.mark[u] = mark{s.epoch, d - 1, -1, -1}
		}
		v = u
	}
}

// rankOf returns the mobility rank of edge e (ROME 4.0's numero_ordre, 1
// the best), or math.MaxInt32 for an edge with none.
func rankOf(g *graph.Graph, e int32) int32 {
	if ev := g.Edge(e).Evidence; len(ev) > 0 && ev[0].Rank > 0 {
		return int32(ev[0].Rank)
	}
	return math.MaxInt32
}

// dijkstra finds a cheapest route from starts to a target along edges of
// the types in mask, avoiding blocked nodes and the arcs of c, with at
// most maxHops edges and a cost of at most budget. It returns the target
// reached or -1. Nodes are popped by distance, then node number, so ties
// are broken the same way on every call; leaving out what costs more
// than budget changes no route that costs at most budget.
func dijkstra(g *graph.Graph, s *scratch, starts []int32, mask graph.EdgeType, p pricer, targets *nodeSet, c *cut, maxHops, budget int32) int32 {
	h := s.heap[:0]
	defer func() { s.heap = h[:0] }()
	ep, marks := s.epoch, s.mark
	for _, st := range starts {
		if !s.blocked(st) && marks[st].stamp != ep {
			marks[st] = mark{ep, 0, -1, -1}
			h.push(item{0, st, 0})
		}
	}
	for len(h) > 0 {
		it := h.pop()
		if it.key != marks[it.node].dist {
			continue // stale
		}
		if targets.has(it.node) {
			return it.node
		}
		if it.hops >= maxHops {
			continue
		}
		for _, a := range g.Out(it.node) {
			v := a.Node
			if a.Type&mask == 0 || s.blocked(v) || c.has(it.node, a.Edge) {
				continue
			}
			nd := it.key + p.cost(it.node, v, a.Type)
			if nd > budget || marks[v].stamp == ep && marks[v].dist <= nd {
				continue
			}
			marks[v] = mark{ep, nd, it.node, a.Edge}
			h.push(item{nd, v, it.hops + 1})
		}
	}
	return -1
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
