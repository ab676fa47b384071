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
	bl    []int32 // every node the backward search reached, layer by layer
	boff  []int32 // where each layer of bl starts
	heap  minHeap
	bits  []uint64 // nodes reached by bfs
	moved []uint64 // nodes bfs reached by a move, or started from
	mq    []int32  // those nodes, in the order reached, and their distances
	md    []int32

	target      []uint32 // targets of a path query, stamped with targetEpoch
	targetEpoch uint32
	// The hops of the first route of a path query, and of the last
	// route traced by a spur search (copied into its candidate).
	first, spur []hop
	// The matches of the last text resolved (lookup).
	matches []Match
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

// release returns s to the pool, without the matches it holds: they
// would keep the texts of their graph. The room for them is kept unless
// a text named many more nodes than a query stands for.
func (s *scratch) release() {
	if cap(s.matches) > maxKeptMatches {
		s.matches = nil
	} else {
		clear(s.matches)
		s.matches = s.matches[:0]
	}
	scratches.Put(s)
}

// maxKeptMatches bounds the room for matches a scratch keeps.
const maxKeptMatches = 2 * MaxSet

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

// reached returns the distance node i was reached at, -1 if it was not.
func (s *scratch) reached(i int32) int32 {
	if s.mark[i].stamp != s.epoch {
		return -1
	}
	return s.mark[i].dist
}

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

// Bridges (dataset all) join the same job in the repertoire and in ROME
// 4.0: they are no step, and a route never takes two in a row, which
// would be a free move between two different jobs that share a fiche (or
// a métier) and that no source states. Every search therefore moves along
// composite arcs: from a node reached by a move (or a start), one step
// along its own arcs, or across one bridge and then one step along the
// arcs of the node across it. Only the nodes at the ends of composite
// arcs carry marks; a node across a bridge is part of the arc, found
// again from its partner when a route is read back.

// sources returns the bridge partners a composite arc from u may cross,
// and the bridge edges from u to each: none when u is noBridge (a start
// itself reached by a bridge) or the graph has no bridges.
func sources(ix *index, u, noBridge int32) (nodes, out []int32) {
	if !ix.bridged || u == noBridge {
		return nil, nil
	}
	nodes, out, _ = ix.partners(u)
	return nodes, out
}

// bfs runs a breadth-first search from the nodes already queued in s
// (each marked reached) and from starts, along edges of the types in
// mask, forward or backward, up to depth (negative: unbounded), by
// composite arcs. s.queue then holds every node reached, in the order
// reached, and s.bits has a bit set for each: a node across a bridge from
// one reached at distance d is listed at d, reached through it. A node's
// prev is the first node of that order with an edge to it, so the result
// is the same on every call.
func bfs(g *graph.Graph, s *scratch, starts []int32, mask graph.EdgeType, backward bool, depth int32) {
	// Bits per node rather than the stamps: the sets stay in the nearest
	// cache, and they are the arrays the search reads the most.
	words := (g.Len() + 63) / 64
	seen, moved := growBits(s.bits, words), growBits(s.moved, words)
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
	ix, marks := indexOf(g), s.mark
	// mq holds the nodes reached by a move (or starts), whose bridges may
	// be crossed, with md their distance: it may be more than the one
	// they are listed at, when a bridge reached them first.
	mq, md := s.mq[:0], s.md[:0]
	for _, u := range s.queue {
		moved[u>>6] |= 1 << (u & 63)
		mq, md = append(mq, u), append(md, marks[u].dist)
	}
	for k := range len(mq) {
		listPartners(ix, s, seen, mq[k], md[k], backward)
	}
	for head := 0; head < len(mq); head++ {
		u, d := mq[head], md[head]
		if depth >= 0 && d >= depth {
			break // mq is in distance order
		}
		ws, _ := sources(ix, u, -1)
		for k := -1; k < len(ws); k++ {
			w := u
			if k >= 0 {
				w = ws[k]
			}
			arcs := g.Out(w)
			if backward {
				arcs = g.In(w)
			}
			for _, a := range arcs {
				v := a.Node
				if a.Type&mask == 0 || a.Type == graph.Bridge || moved[v>>6]&(1<<(v&63)) != 0 {
					continue
				}
				moved[v>>6] |= 1 << (v & 63)
				mq, md = append(mq, v), append(md, d+1)
				if seen[v>>6]&(1<<(v&63)) == 0 {
					seen[v>>6] |= 1 << (v & 63)
					marks[v] = mark{s.epoch, d + 1, w, a.Edge}
					s.queue = append(s.queue, v)
				}
				listPartners(ix, s, seen, v, d+1, backward)
			}
		}
	}
	s.bits, s.moved, s.mq, s.md = seen, moved, mq, md
}

// growBits returns a cleared bit set of words words, reusing b.
func growBits(b []uint64, words int) []uint64 {
	if cap(b) < words {
		b = make([]uint64, words)
	}
	b = b[:words]
	clear(b)
	return b
}

// listPartners lists at distance d, reached through u, the bridge
// partners of u that bfs has not listed yet.
func listPartners(ix *index, s *scratch, seen []uint64, u, d int32, backward bool) {
	if !ix.bridged {
		return
	}
	ws, out, in := ix.partners(u)
	for k, w := range ws {
		if seen[w>>6]&(1<<(w&63)) != 0 {
			continue
		}
		e := out[k]
		if backward {
			e = in[k]
		}
		seen[w>>6] |= 1 << (w & 63)
		s.mark[w] = mark{s.epoch, d, u, e}
		s.queue = append(s.queue, w)
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

// layered finds a route with the fewest steps from starts to a target,
// along arcs of the types in mask, avoiding blocked nodes and the arcs of
// c, with at most maxHops steps. noBridge is a start that may not cross a
// bridge first (it was itself reached by one), or -1. It returns the
// target reached, with the route in the prev links of s, or -1.
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
// Both sides move by composite arcs: forward, [bridge] then step, onto
// nodes reached by a step; backward, step then [bridge], onto nodes whose
// way to the targets starts with a step. The two meet at a node both
// reached, or across one bridge from a node the forward side reached.
func (q *searcher) layered(starts []int32, c *cut, maxHops, noBridge int32) int32 {
	g, s, targets, mask := q.g, q.s, &q.targets, q.mask
	b := &bidi{g: g, ix: q.price.ix, s: s, mask: mask, noBridge: noBridge}
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
	t, via, viaEdge := b.nearestTarget(targets, c, meet)
	if t < 0 {
		return -1 // cannot happen: a route of length meet exists
	}
	end := t
	if via >= 0 {
		end = via
	}
	traceBack(g, b.ix, q.ranks, s, end, mask, c, noBridge)
	if via >= 0 {
		s.mark[t] = mark{s.epoch, meet, via, viaEdge}
	}
	return t
}

// nearestTarget returns the target of least number at distance meet,
// and when the route ends across a bridge, the node before it and the
// bridge (else -1, -1).
func (b *bidi) nearestTarget(targets *nodeSet, c *cut, meet int32) (t, via, viaEdge int32) {
	s, ep := b.s, b.s.epoch
	t, via, viaEdge = -1, -1, -1
	for _, x := range targets.list {
		if s.blocked(x) || t >= 0 && x > t {
			continue
		}
		if s.mark[x].stamp == ep && s.mark[x].dist == meet {
			t, via, viaEdge = x, -1, -1
			continue
		}
		if !b.ix.bridged {
			continue
		}
		ws, _, in := b.ix.partners(x)
		for k, v := range ws {
			if v != b.noBridge && s.mark[v].stamp == ep && s.mark[v].dist == meet && in[k] >= 0 && !c.has(v, in[k]) {
				t, via, viaEdge = x, v, in[k]
				break
			}
		}
	}
	return t, via, viaEdge
}

// bidi is the state of a bidirectional breadth-first search: the
// frontiers of both sides, the work their expansion would take, and the
// depths reached. It holds no pointer to the caller's stack (the cut, the
// targets): those are arguments, so that they need not escape.
type bidi struct {
	g                    *graph.Graph
	ix                   *index
	s                    *scratch
	mask                 graph.EdgeType
	fq, fnext, bq, bnext []int32
	bl, boff             []int32 // the backward layers: layer d is bl[boff[d]:boff[d+1]]
	fwork, bwork         int
	a, b                 int32 // depths reached forward and backward
	noBridge             int32 // a start that may not cross a bridge first, or -1
}

// release hands the frontiers back to the scratch for the next search.
func (b *bidi) release() {
	b.s.queue, b.s.next, b.s.bq, b.s.bnext = b.fq, b.fnext, b.bq, b.bnext
	b.s.bl, b.s.boff = b.bl, b.boff
}

// open reports whether the arc from u along arc may be taken.
func (b *bidi) open(c *cut, u int32, arc graph.Arc, v int32) bool {
	return arc.Type&b.mask != 0 && arc.Type != graph.Bridge && !b.s.blocked(v) && !c.has(u, arc.Edge)
}

// work returns the arcs a composite expansion of u reads, forward or
// backward.
func (b *bidi) work(u int32, backward bool) int {
	if backward {
		return int(b.ix.inWork[u])
	}
	return int(b.ix.outWork[u])
}

// seedForward marks the starts and returns the start of least number
// that is a target, else the first target across a bridge from a start
// (marked reached by it), or -1.
func (b *bidi) seedForward(starts []int32, targets *nodeSet, c *cut) int32 {
	s, best := b.s, int32(-1)
	b.fq, b.fnext, b.bq, b.bnext = s.queue[:0], s.next[:0], s.bq[:0], s.bnext[:0]
	b.bl, b.boff = s.bl[:0], append(s.boff[:0], 0)
	for _, st := range starts {
		if s.blocked(st) || s.seen(st) {
			continue
		}
		s.mark[st] = mark{s.epoch, 0, -1, -1}
		b.fq = append(b.fq, st)
		b.fwork += b.work(st, false)
		if targets.has(st) && (best < 0 || st < best) {
			best = st
		}
	}
	if best >= 0 {
		return best
	}
	for _, st := range b.fq {
		ws, out := sources(b.ix, st, b.noBridge)
		for k, w := range ws {
			if targets.has(w) && !s.blocked(w) && !c.has(st, out[k]) {
				s.mark[w] = mark{s.epoch, 0, st, out[k]}
				return w
			}
		}
	}
	return -1
}

// seedBackward marks the targets at distance 0 from themselves.
func (b *bidi) seedBackward(targets *nodeSet, c *cut) {
	s := b.s
	for _, t := range targets.list {
		if s.blocked(t) || s.back[t].stamp == s.epoch {
			continue
		}
		s.back[t] = backMark{s.epoch, 0}
		b.bq = append(b.bq, t)
		b.bl = append(b.bl, t)
		b.bwork += b.work(t, true)
	}
}

// meetAcross lowers meet by the routes that cross a bridge from v, which
// the forward side reached at distance d, to a node the backward side
// reached.
func (b *bidi) meetAcross(c *cut, v, d, meet int32) int32 {
	s, ep := b.s, b.s.epoch
	ws, out := sources(b.ix, v, b.noBridge)
	for k, w := range ws {
		if s.back[w].stamp == ep && !s.blocked(w) && !c.has(v, out[k]) {
			meet = shorter(meet, d+s.back[w].dist)
		}
	}
	return meet
}

// meetAcrossBack lowers meet by the routes that cross a bridge to x,
// which the backward side reached at distance d, from a node the forward
// side reached.
func (b *bidi) meetAcrossBack(c *cut, x, d, meet int32) int32 {
	s, ep := b.s, b.s.epoch
	ws, _, in := b.ix.partners(x)
	for k, v := range ws {
		if s.mark[v].stamp == ep && v != b.noBridge && in[k] >= 0 && !c.has(v, in[k]) {
			meet = shorter(meet, s.mark[v].dist+d)
		}
	}
	return meet
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

// across returns, for k = -1, u itself, and for k >= 0 the k-th node
// across a bridge from u (ws, out are sources of u): the nodes whose
// out-arcs start u's composite arcs; ok is false for a node blocked or a
// bridge c has cut.
func (b *bidi) across(c *cut, u int32, ws, out []int32, k int) (w int32, ok bool) {
	if k < 0 {
		return u, true
	}
	w = ws[k]
	return w, !b.s.blocked(w) && !c.has(u, out[k])
}

// stepForward expands the forward frontier by one layer. It returns the
// length of the shortest route through a node both sides reached, or -1.
func (b *bidi) stepForward(c *cut) int32 {
	s, ep, meet := b.s, b.s.epoch, int32(-1)
	b.fnext, b.fwork = b.fnext[:0], 0
	for _, u := range b.fq {
		ws, out := sources(b.ix, u, b.noBridge)
		for p := -1; p < len(ws); p++ {
			w, ok := b.across(c, u, ws, out, p)
			if !ok {
				continue
			}
			for _, arc := range b.g.Out(w) {
				v := arc.Node
				if s.mark[v].stamp == ep || !b.open(c, w, arc, v) {
					continue
				}
				s.mark[v] = mark{ep, b.a + 1, -1, -1}
				b.fnext = append(b.fnext, v)
				b.fwork += b.work(v, false)
				if s.back[v].stamp == ep {
					meet = shorter(meet, b.a+1+s.back[v].dist)
				}
				if b.ix.hasPartners(v) {
					meet = b.meetAcross(c, v, b.a+1, meet)
				}
			}
		}
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
	b.boff = append(b.boff, int32(len(b.bl)))
	for _, y := range b.bq {
		var ws, in []int32
		if b.ix.bridged {
			ws, _, in = b.ix.partners(y)
		}
		for k := -1; k < len(ws); k++ {
			w := y
			if k >= 0 {
				if w = ws[k]; s.blocked(w) || in[k] < 0 || c.has(w, in[k]) {
					continue
				}
			}
			for _, arc := range b.g.In(w) {
				x := arc.Node
				if s.back[x].stamp == ep || !b.open(c, x, arc, w) || s.blocked(x) {
					continue
				}
				s.back[x] = backMark{ep, b.b + 1}
				b.bnext = append(b.bnext, x)
				b.bl = append(b.bl, x)
				b.bwork += b.work(x, true)
				if s.mark[x].stamp == ep {
					meet = shorter(meet, s.mark[x].dist+b.b+1)
				}
				if b.ix.hasPartners(x) {
					meet = b.meetAcrossBack(c, x, b.b+1, meet)
				}
			}
		}
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
// targets, itself or across a bridge; a node reached from layer k at
// that distance from the targets is at k+1 from the starts.
func (b *bidi) completeForward(c *cut, meet int32) {
	for k := b.a; k < meet; k++ {
		b.fnext = b.fnext[:0]
		if k == b.a && b.layerWork(meet-k-1) < b.fwork {
			b.onRouteBack(c, k, meet-k-1)
		} else {
			b.onRouteForward(c, k, meet-k-1)
		}
		b.fq, b.fnext = b.fnext, b.fq
	}
}

// onRouteForward marks and lists in fnext the nodes a composite arc from
// layer k (fq) reaches that lie at toGo from the targets.
func (b *bidi) onRouteForward(c *cut, k, toGo int32) {
	s, ep := b.s, b.s.epoch
	for _, u := range b.fq {
		ws, out := sources(b.ix, u, b.noBridge)
		for p := -1; p < len(ws); p++ {
			w, ok := b.across(c, u, ws, out, p)
			if !ok {
				continue
			}
			for _, arc := range b.g.Out(w) {
				v := arc.Node
				// Most arcs lead back to nodes already reached: that
				// test first, then the cheaper of the two distances.
				if s.mark[v].stamp == ep || s.back[v] != (backMark{ep, toGo}) && (!b.ix.hasPartners(v) || !b.onRouteAcross(c, v, toGo)) ||
					!b.open(c, w, arc, v) {
					continue
				}
				s.mark[v] = mark{ep, k + 1, -1, -1}
				b.fnext = append(b.fnext, v)
			}
		}
	}
}

// layer returns the nodes at distance d from the targets, or nil, false
// when the backward side has not reached that layer whole.
func (b *bidi) layer(d int32) ([]int32, bool) {
	switch {
	case int(d) >= len(b.boff):
		return nil, false
	case int(d) == len(b.boff)-1:
		return b.bl[b.boff[d]:], true
	}
	return b.bl[b.boff[d]:b.boff[d+1]], true
}

// layerWork returns the arcs entering the backward layer d, about the
// work of onRouteBack, or math.MaxInt when that layer is not known.
func (b *bidi) layerWork(d int32) int {
	ys, ok := b.layer(d)
	if !ok {
		return math.MaxInt
	}
	n := 0
	for _, y := range ys {
		n += int(b.ix.inWork[y])
	}
	return n
}

// onRouteBack marks and lists the same nodes as onRouteForward, found
// from the other end: the nodes at toGo from the targets (backward layer
// toGo, and those across a bridge from it), each kept when a composite
// arc from layer k enters it. Which of the two runs changes nothing but
// the arcs read: the first layer of completeForward is the whole forward
// frontier, often larger than the backward layer it must reach.
func (b *bidi) onRouteBack(c *cut, k, toGo int32) {
	s := b.s
	ys, _ := b.layer(toGo)
	for _, y := range ys {
		b.enteredFrom(c, y, k)
		if !b.ix.hasPartners(y) || s.blocked(y) {
			continue
		}
		vs, _, in := b.ix.partners(y)
		for i, v := range vs {
			if v != b.noBridge && in[i] >= 0 && !c.has(v, in[i]) {
				b.enteredFrom(c, v, k)
			}
		}
	}
}

// enteredFrom marks v at k+1 and lists it in fnext when it is not yet
// reached and a composite arc from a node at distance k enters it.
func (b *bidi) enteredFrom(c *cut, v, k int32) {
	s, ep := b.s, b.s.epoch
	if s.mark[v].stamp == ep {
		return
	}
	at := func(u int32) bool { return s.mark[u].stamp == ep && s.mark[u].dist == k }
	for _, arc := range b.g.In(v) {
		w := arc.Node
		if !b.open(c, w, arc, v) {
			continue
		}
		found := at(w)
		if !found && b.ix.hasPartners(w) && !s.blocked(w) {
			us, _, in := b.ix.partners(w)
			for i, u := range us {
				if u != b.noBridge && in[i] >= 0 && at(u) && !c.has(u, in[i]) {
					found = true
					break
				}
			}
		}
		if found {
			s.mark[v] = mark{ep, k + 1, -1, -1}
			b.fnext = append(b.fnext, v)
			return
		}
	}
}

// onRouteAcross reports whether v lies at toGo from the targets across
// a bridge.
func (b *bidi) onRouteAcross(c *cut, v, toGo int32) bool {
	s, ep := b.s, b.s.epoch
	ws, out := sources(b.ix, v, b.noBridge)
	for k, w := range ws {
		if s.back[w].stamp == ep && s.back[w].dist == toGo && !s.blocked(w) && !c.has(v, out[k]) {
			return true
		}
	}
	return false
}

// traceBack links the route to t in s: back from each node, along the
// composite arc of best mobility rank (ROME 4.0) from a node one step
// nearer the starts, as the marks of s tell, the first such arc
// (from the node of least number, its own arc before one across a
// bridge) when none is ranked. Of equally short routes, that is the one
// whose last step ranks best, then the step before. Nodes of the route
// are marked reached; a node whose arc crosses a bridge keeps the step's
// edge, which trace reads the bridge back from.
// ranks are the edges' ranks (edgeFacts).
func traceBack(g *graph.Graph, ix *index, ranks []int32, s *scratch, t int32, mask graph.EdgeType, c *cut, noBridge int32) {
	v, d := t, s.reached(t)
	s.mark[t] = mark{s.epoch, d, -1, -1}
	for ; d > 0; d-- {
		best, from, rank := graph.Arc{Node: -1}, int32(-1), int32(math.MaxInt32)
		for _, arc := range g.In(v) {
			w := arc.Node
			if arc.Type&mask == 0 || arc.Type == graph.Bridge || s.blocked(w) || c.has(w, arc.Edge) {
				continue
			}
			r := ranks[arc.Edge]
			if from >= 0 && r >= rank {
				continue
			}
			if s.reached(w) == d-1 {
				best, from, rank = arc, w, r
			} else if u := bridgedFrom(ix, s, c, w, d-1, noBridge); u >= 0 {
				best, from, rank = arc, u, r
			}
			if rank == 1 {
				break // none better
			}
		}
		if from < 0 {
			return // cannot happen: dist says a node one step nearer exists
		}
		s.mark[v].prev, s.mark[v].edge = from, best.Edge
		s.mark[from] = mark{s.epoch, d - 1, -1, -1}
		v = from
	}
}

// bridgedFrom returns the partner of w, of least number, at distance d
// whose bridge to w is open, or -1.
func bridgedFrom(ix *index, s *scratch, c *cut, w, d, noBridge int32) int32 {
	if !ix.hasPartners(w) {
		return -1
	}
	ws, _, in := ix.partners(w)
	for k, u := range ws {
		if u != noBridge && in[k] >= 0 && s.reached(u) == d && !c.has(u, in[k]) {
			return u
		}
	}
	return -1
}

// dijkstra finds a cheapest route from starts to a target along edges of
// the types in mask, by composite arcs as layered does, avoiding blocked
// nodes and the arcs of c, with at most maxHops edges and a cost of at
// most budget. noBridge is a start that may not cross a bridge first, or
// -1. It returns the target reached or -1. Nodes are popped by distance,
// then node number, so ties are broken the same way on every call;
// leaving out what costs more than budget changes no route that costs at
// most budget. A target may be marked reached across a bridge: it is
// never expanded.
func dijkstra(g *graph.Graph, s *scratch, starts []int32, mask graph.EdgeType, p pricer, targets *nodeSet, c *cut, maxHops, budget, noBridge int32) int32 {
	h := s.heap[:0]
	defer func() { s.heap = h[:0] }()
	ep, marks := s.epoch, s.mark
	relax := func(v, nd, from, edge, hops int32) {
		if nd > budget || marks[v].stamp == ep && marks[v].dist <= nd {
			return
		}
		marks[v] = mark{ep, nd, from, edge}
		h.push(item{nd, v, hops})
	}
	for _, st := range starts {
		if !s.blocked(st) && marks[st].stamp != ep {
			marks[st] = mark{ep, 0, -1, -1}
			h.push(item{0, st, 0})
		}
	}
	for len(h) > 0 {
		it := h.pop()
		u := it.node
		if it.key != marks[u].dist {
			continue // stale
		}
		if targets.has(u) {
			return u
		}
		if it.hops >= maxHops {
			continue
		}
		ws, out := sources(p.ix, u, noBridge)
		for k := -1; k < len(ws); k++ {
			w, base, hops := u, it.key, it.hops+1
			if k >= 0 {
				if w = ws[k]; s.blocked(w) || c.has(u, out[k]) {
					continue
				}
				base += p.cost(u, w, graph.Bridge)
				if targets.has(w) {
					relax(w, base, u, out[k], hops)
				}
				if hops++; hops > maxHops {
					continue
				}
			}
			for _, a := range g.Out(w) {
				v := a.Node
				if a.Type&mask == 0 || a.Type == graph.Bridge || s.blocked(v) || c.has(w, a.Edge) {
					continue
				}
				relax(v, base+p.cost(w, v, a.Type), u, a.Edge, hops)
			}
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

// trace returns the route that ends at node t in s, its hops in buf
// (grown if need be). A node whose mark holds a step that leaves another
// node than its prev was reached across a bridge from prev: trace puts
// the node across the bridge between.
func trace(g *graph.Graph, ix *index, s *scratch, t int32, buf []hop) route {
	var back [2 * MaxHops]hop
	rev := back[:0]
	for u := t; u >= 0; u = s.mark[u].prev {
		m := s.mark[u]
		rev = append(rev, hop{u, m.edge})
		if m.prev < 0 || !ix.bridged || g.Edge(m.edge).Type == graph.Bridge {
			continue
		}
		if w, ok := g.Index(g.Edge(m.edge).From); ok && w != m.prev {
			ws, out, _ := ix.partners(m.prev)
			rev = append(rev, hop{w, out[slices.Index(ws, w)]})
		}
	}
	hops := slices.Grow(buf[:0], len(rev))[:len(rev)]
	for i, h := range rev {
		hops[len(rev)-1-i] = h
	}
	return route{hops: hops, cost: s.mark[t].dist}
}
