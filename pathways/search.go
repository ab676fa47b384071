package pathways

import (
	"container/heap"
	"sync"

	"github.com/pathways-fr/pathways/graph"
)

// scratch holds the per-search arrays. Entries are valid only where
// stamp equals the current epoch, so a search never clears them.
type scratch struct {
	epoch uint32
	stamp []uint32
	dist  []int32
	prev  []int32 // node before, -1 for a start
	edge  []int32 // edge taken from prev, -1 for a start
	queue []int32
	block []uint32 // nodes removed for this search (Yen)
	heap  distHeap
}

var scratches = sync.Pool{New: func() any { return &scratch{} }}

func getScratch(n int) *scratch {
	s := scratches.Get().(*scratch)
	if len(s.stamp) < n {
		s.stamp = make([]uint32, n)
		s.dist = make([]int32, n)
		s.prev = make([]int32, n)
		s.edge = make([]int32, n)
		s.block = make([]uint32, n)
		s.epoch = 0
	}
	s.epoch++
	if s.epoch == 0 { // wrapped: old stamps could look current
		clear(s.stamp)
		clear(s.block)
		s.epoch = 1
	}
	s.queue = s.queue[:0]
	return s
}

func (s *scratch) release() { scratches.Put(s) }

func (s *scratch) seen(i int32) bool { return s.stamp[i] == s.epoch }

func (s *scratch) visit(i, d, prev, edge int32) {
	s.stamp[i] = s.epoch
	s.dist[i] = d
	s.prev[i] = prev
	s.edge[i] = edge
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

// costFunc prices an edge; every price is at least 1.
type costFunc func(g *graph.Graph, from, to int32) int32

func stepCost(*graph.Graph, int32, int32) int32 { return 1 }

// effortCost prices a step 1, plus 1 for each level it raises the
// minimum access level by.
func effortCost(g *graph.Graph, from, to int32) int32 {
	a, b := g.Node(from).Level, g.Node(to).Level
	if a != graph.LevelNone && b > a {
		return 1 + int32(b-a)
	}
	return 1
}

// bfs runs a breadth-first search from starts along edges of the types in
// mask, forward or backward, up to depth (negative: unbounded). When
// target is not nil it stops at the first target reached and returns it;
// otherwise it returns -1 and s holds every node reached. Ties are broken
// by node number, so the result is the same on every call.
func bfs(g *graph.Graph, s *scratch, starts []int32, mask graph.EdgeType, backward bool, depth int32, target func(int32) bool) int32 {
	for _, st := range starts {
		if s.seen(st) {
			continue
		}
		s.visit(st, 0, -1, -1)
		if target != nil && target(st) {
			return st
		}
		s.queue = append(s.queue, st)
	}
	for head := 0; head < len(s.queue); head++ {
		u := s.queue[head]
		d := s.dist[u]
		if depth >= 0 && d >= depth {
			continue
		}
		arcs := g.Out(u)
		if backward {
			arcs = g.In(u)
		}
		for _, a := range arcs {
			if a.Type&mask == 0 || s.seen(a.Node) || s.block[a.Node] == s.epoch {
				continue
			}
			s.visit(a.Node, d+1, u, a.Edge)
			if target != nil && target(a.Node) {
				return a.Node
			}
			s.queue = append(s.queue, a.Node)
		}
	}
	return -1
}

// dijkstra finds a cheapest route from starts to a target along edges of
// the types in mask, avoiding blocked nodes and edges, with at most
// maxHops edges. It returns the target reached or -1.
func dijkstra(g *graph.Graph, s *scratch, starts []int32, mask graph.EdgeType, cost costFunc, target func(int32) bool, blockedEdge func(int32) bool, maxHops int32) int32 {
	s.heap = s.heap[:0]
	for _, st := range starts {
		if s.block[st] == s.epoch || s.seen(st) {
			continue
		}
		s.visit(st, 0, -1, -1)
		heap.Push(&s.heap, distItem{st, 0, 0})
	}
	for s.heap.Len() > 0 {
		it := heap.Pop(&s.heap).(distItem)
		if it.dist != s.dist[it.node] {
			continue // stale
		}
		if target(it.node) {
			return it.node
		}
		if it.hops >= maxHops {
			continue
		}
		for _, a := range g.Out(it.node) {
			if a.Type&mask == 0 || s.block[a.Node] == s.epoch || (blockedEdge != nil && blockedEdge(a.Edge)) {
				continue
			}
			nd := it.dist + cost(g, it.node, a.Node)
			if s.seen(a.Node) && s.dist[a.Node] <= nd {
				continue
			}
			s.visit(a.Node, nd, it.node, a.Edge)
			heap.Push(&s.heap, distItem{a.Node, nd, it.hops + 1})
		}
	}
	return -1
}

type distItem struct {
	node, dist, hops int32
}

// distHeap orders by distance, then node number, so that ties are broken
// the same way on every call.
type distHeap []distItem

func (h distHeap) Len() int { return len(h) }
func (h distHeap) Less(i, j int) bool {
	if h[i].dist != h[j].dist {
		return h[i].dist < h[j].dist
	}
	return h[i].node < h[j].node
}
func (h distHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *distHeap) Push(x any)   { *h = append(*h, x.(distItem)) }
func (h *distHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// trace returns the route that ends at node t in s.
func trace(s *scratch, t int32) route {
	var hops []hop
	for u := t; u >= 0; u = s.prev[u] {
		hops = append(hops, hop{u, s.edge[u]})
	}
	for i, j := 0, len(hops)-1; i < j; i, j = i+1, j-1 {
		hops[i], hops[j] = hops[j], hops[i]
	}
	return route{hops: hops, cost: s.dist[t]}
}
