package pathways

import (
	"cmp"
	"slices"

	"github.com/pathways-fr/pathways/graph"
)

func checkDepth(depth int) (int32, error) {
	switch {
	case depth == 0:
		return -1, nil
	case depth < 0 || depth > MaxDepth:
		return 0, badQuery(CodeOutOfRange, "depth doit être compris entre 1 et %d", MaxDepth)
	}
	return int32(depth), nil
}

// Reachable returns the roles reachable from an endpoint along edges of
// the given types (0 means graph.Moves), each with its distance and the
// node it is first reached through, up to depth steps (0: unbounded). From
// a level, its entry jobs are at distance 0, reached through the level.
func Reachable(g *graph.Graph, from Endpoint, depth int, types graph.EdgeType) (Reach, error) {
	d, err := checkDepth(depth)
	if err != nil {
		return Reach{}, err
	}
	if types == 0 {
		types = graph.Moves
	}
	starts := from.Nodes
	doc := Reach{Start: summaries(g, starts), Roles: []Role{}}
	if d >= 0 {
		doc.Depth = &depth
	}
	s := getScratch(g.Len())
	defer s.release()
	if from.Level != graph.LevelNone {
		l := from.Level.String()
		doc.Level = &l
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
	bfs(g, s, starts, types, false, d, nil)
	doc.Roles = roles(g, s)
	return doc, nil
}

// Feeders returns the roles that lead to any node of to along edges of
// the given types (0 means graph.Moves), each with its distance and the
// node it leads to on a shortest way, up to depth steps (0: unbounded).
func Feeders(g *graph.Graph, to []int32, depth int, types graph.EdgeType) (Reach, error) {
	d, err := checkDepth(depth)
	if err != nil {
		return Reach{}, err
	}
	if types == 0 {
		types = graph.Moves
	}
	doc := Reach{Start: summaries(g, to), Roles: []Role{}}
	if d >= 0 {
		doc.Depth = &depth
	}
	s := getScratch(g.Len())
	defer s.release()
	bfs(g, s, to, types&^graph.Access, true, d, nil)
	doc.Roles = roles(g, s)
	return doc, nil
}

// roles lists what a search reached, nearest first, then jobs before
// external roles, then by title.
func roles(g *graph.Graph, s *scratch) []Role {
	out := make([]Role, 0, len(s.queue))
	for _, n := range s.queue {
		j := g.Node(n)
		r := Role{ID: j.ID, Title: j.Title, Kind: j.Kind, Family: j.Family, Level: levelOf(j), Distance: int(s.dist[n]), node: n}
		if p := s.prev[n]; p >= 0 {
			id := string(g.Node(p).ID)
			r.Via = &id
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b Role) int {
		return cmp.Or(cmp.Compare(a.Distance, b.Distance), cmp.Compare(kindRank[a.Kind], kindRank[b.Kind]),
			cmp.Compare(g.TitleRank(a.node), g.TitleRank(b.node)))
	})
	return out
}
