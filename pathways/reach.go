package pathways

import (
	"cmp"
	"math/bits"
	"slices"

	"github.com/pathways-fr/pathways/graph"
)

// NoLimit is the depth of a search that goes as far as the edges lead.
const NoLimit = -1

// checkDepth reads a depth: NoLimit, or 0 (the start alone) to MaxDepth
// steps. It returns -1 for no limit.
func checkDepth(depth int) (int32, error) {
	switch {
	case depth == NoLimit:
		return -1, nil
	case depth < 0 || depth > MaxDepth:
		return 0, badQuery(CodeOutOfRange, "depth doit être compris entre 0 et %d", MaxDepth)
	}
	return int32(depth), nil
}

// Reachable returns the roles reachable from an endpoint along edges of
// the given types (0 means graph.Moves), each with its distance and the
// node it is first reached through, up to depth steps: NoLimit goes as
// far as the edges lead, 0 lists the start alone. From a level, the start
// is the jobs it opens (its entry jobs), at distance 0, each reached
// through the level that opens it. Any other depth is an *Error wrapping
// ErrBadQuery.
func Reachable(g *graph.Graph, from Endpoint, depth int, types graph.EdgeType) (Reach, error) {
	g, d, types, err := prepareReach(g, depth, types)
	if err != nil {
		return Reach{}, err
	}
	starts := from.Nodes
	doc := newReach(g, starts, depth, d)
	doc.Ambiguities = from.Ambiguities
	s := getScratch(g.Len())
	defer s.release()
	if from.Level != graph.LevelNone {
		doc.Level = levelName(from.Level)
		// Entry jobs first, each through the level that opens it.
		var entry []int32
		for _, lv := range starts {
			for _, a := range g.Out(lv) {
				if a.Type == graph.Access && !s.seen(a.Node) {
					s.visit(a.Node, 0, lv, a.Edge)
					entry = append(entry, a.Node)
				}
			}
		}
		slices.Sort(entry)
		s.queue = append(s.queue, entry...)
		starts = nil
	}
	bfs(g, s, starts, types, false, d)
	doc.fill(g, s, types)
	return doc, nil
}

// Feeders returns the roles that lead to any node of to along edges of
// the given types (0 means graph.Moves), each with its distance and the
// node it leads to on a shortest way, up to depth steps as for Reachable:
// NoLimit goes as far as the edges lead, 0 lists to alone.
func Feeders(g *graph.Graph, to []int32, depth int, types graph.EdgeType) (Reach, error) {
	g, d, types, err := prepareReach(g, depth, types)
	if err != nil {
		return Reach{}, err
	}
	doc := newReach(g, to, depth, d)
	s := getScratch(g.Len())
	defer s.release()
	bfs(g, s, to, types&^graph.Access, true, d)
	doc.fill(g, s, types)
	return doc, nil
}

// ReachableFrom answers a reachable query for a text: the start read as
// FindFrom does (a job, or a diploma or level), then Reachable. As for
// Route, a text that names nothing is the error before the depth's or
// no_skills.
func ReachableFrom(g *graph.Graph, from string, depth int, types graph.EdgeType) (Reach, error) {
	start, err := FindFrom(g, from)
	if err != nil {
		return Reach{}, err
	}
	return Reachable(g, start, depth, types)
}

// ReachableFromLevel is ReachableFrom for a text that must name a diploma
// level, read as LevelEndpoint does: any other is unknown_level.
func ReachableFromLevel(g *graph.Graph, level string, depth int, types graph.EdgeType) (Reach, error) {
	start, err := LevelEndpoint(g, level)
	if err != nil {
		return Reach{}, err
	}
	return Reachable(g, start, depth, types)
}

// FeedersOf answers a feeders query for a text: the target read as
// FindTo does, then Feeders, the document reporting the text's
// ambiguity. As for Route, a text that names nothing is the error before
// the depth's or no_skills.
func FeedersOf(g *graph.Graph, to string, depth int, types graph.EdgeType) (Reach, error) {
	end, err := FindTo(g, to)
	if err != nil {
		return Reach{}, err
	}
	doc, err := Feeders(g, end.Nodes, depth, types)
	if err != nil {
		return Reach{}, err
	}
	doc.Ambiguities = end.Ambiguities
	return doc, nil
}

// prepareReach checks the depth and types given to Reachable or Feeders:
// it returns the graph to search (with the suggested moves when types has
// graph.Suggestion), the depth limit and the types to follow.
func prepareReach(g *graph.Graph, depth int, types graph.EdgeType) (*graph.Graph, int32, graph.EdgeType, error) {
	d, err := checkDepth(depth)
	if err != nil {
		return nil, 0, 0, err
	}
	if types == 0 {
		types = graph.Moves
	}
	if types&graph.Suggestion != 0 {
		if g, err = withSuggestions(g); err != nil {
			return nil, 0, 0, err
		}
	}
	return g, d, types, nil
}

// newReach starts the document of a search from start, up to depth steps
// (limit d, negative for none).
func newReach(g *graph.Graph, start []int32, depth int, d int32) Reach {
	doc := Reach{Start: summaries(g, start, nil), Roles: []Role{}}
	if d >= 0 {
		doc.Depth = &depth
	}
	return doc
}

// fill sets the roles and directions of doc from what search s reached.
func (doc *Reach) fill(g *graph.Graph, s *scratch, types graph.EdgeType) {
	doc.Roles = roles(g, s)
	markSuggested(g, s, doc.Roles, types)
	doc.Roles, doc.Directions = apart(doc.Roles)
}

// roles lists what a search reached, nearest first, then jobs before
// external roles, then by title.
func roles(g *graph.Graph, s *scratch) []Role {
	n := len(s.queue)
	if n == 0 {
		return []Role{}
	}
	ix := indexOf(g)
	order := s.next[:0]
	if n*bits.Len(uint(n)) < ix.n {
		// Few nodes: sort them. The queue is in distance order.
		order = append(order, s.queue...)
		for lo := 0; lo < n; {
			hi := lo + 1
			for hi < n && s.mark[order[hi]].dist == s.mark[order[lo]].dist {
				hi++
			}
			slices.SortFunc(order[lo:hi], func(a, b int32) int { return cmp.Compare(ix.rank[a], ix.rank[b]) })
			lo = hi
		}
	} else {
		// Many: scan every node in the listing order once, placing each
		// node reached after the others at its distance.
		maxd := s.mark[s.queue[n-1]].dist
		at := make([]int, maxd+2)
		for _, u := range s.queue {
			at[s.mark[u].dist+1]++
		}
		for d := 1; d < len(at); d++ {
			at[d] += at[d-1]
		}
		order = slices.Grow(order, n)[:n]
		for _, u := range ix.byRank {
			if s.bits[u>>6]&(1<<(u&63)) != 0 {
				d := s.mark[u].dist
				order[at[d]] = u
				at[d]++
			}
		}
	}
	s.next = order
	out := make([]Role, n)
	// The IDs roles point to, in one allocation, each once in the
	// document: roles reached through a node share its ID (s.back numbers
	// them by node).
	strs := make([]string, 0, n)
	ep, back := s.epoch, s.back
	for i, u := range order {
		j := g.Node(u)
		r := &out[i]
		// Field by field: out is zeroed, and a composite literal would be
		// copied whole, with a write barrier for every pointer of it.
		r.ID, r.Title, r.Kind, r.Family = j.ID, j.Title, j.Kind, j.Family
		r.Distance, r.node = int(s.mark[u].dist), u
		r.Level = levelOf(j)
		if p := s.mark[u].prev; p >= 0 {
			if back[p].stamp != ep {
				strs = append(strs, string(g.Node(p).ID))
				back[p] = backMark{ep, int32(len(strs) - 1)}
			}
			r.Via = &strs[back[p].dist]
		}
	}
	return out
}

// apart moves the directions (« Vers les métiers du management ») other
// than the start out of the roles: a direction is named on the way, it is
// no role to aim for. Both lists keep their order.
func apart(roles []Role) (out, directions []Role) {
	if !slices.ContainsFunc(roles, func(r Role) bool { return r.Kind == graph.KindDirection && r.Distance > 0 }) {
		return roles, nil
	}
	out = roles[:0:0]
	for _, r := range roles {
		if r.Kind == graph.KindDirection && r.Distance > 0 {
			directions = append(directions, r)
		} else {
			out = append(out, r)
		}
	}
	return out, directions
}

// markSuggested marks, when the search followed suggestions, each role
// whose edge from (or to) its Via is one, and each whose way takes one.
// s.queue is in the order reached: a role's prev comes before it.
func markSuggested(g *graph.Graph, s *scratch, out []Role, types graph.EdgeType) {
	if types&graph.Suggestion == 0 {
		return
	}
	way := make(map[int32]bool, len(s.queue))
	for _, u := range s.queue {
		if m := s.mark[u]; m.edge >= 0 {
			way[u] = way[m.prev] || g.Edge(m.edge).Type == graph.Suggestion
		}
	}
	for i := range out {
		r := &out[i]
		if e := s.mark[r.node].edge; e >= 0 {
			r.Suggestion = suggestedMove(g, e)
		}
		r.Suggested = way[r.node]
	}
}
