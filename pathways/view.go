package pathways

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/pathways-fr/pathways/graph"
)

// The views below choose what a map of a query shows: which nodes, how
// each stands, which edges, and how nodes group into families. They are
// plain functions of the graph and a query's document; web writes them
// as DOT. Nodes come in node order, edges in edge order.

// Limits of what views select.
const (
	// OverviewAbove is the number of job nodes above which the map of a
	// repertoire draws its families rather than its jobs.
	OverviewAbove = 150
	// MaxOverviewLinks bounds the links between families an overview
	// draws: the most frequent.
	MaxOverviewLinks = 150
	// MaxNeighbourhood is the number of nodes of a path view beyond which
	// the neighbours of the routes are left out. On a repertoire of more
	// than OverviewAbove jobs they always are: a job there has dozens of
	// neighbours, and the routes would no longer fit a screen's width.
	MaxNeighbourhood = 120
)

// CodeUnknownFamily is the code of an unknown family or domain.
const CodeUnknownFamily = "unknown_family"

// Mark says how a node stands in a view.
type Mark uint8

// The marks, weakest first: a node added twice keeps its strongest mark.
const (
	MarkFaded Mark = iota // context around the subject of the view: greyed
	MarkPlain
	MarkRoute // on a highlighted route
	MarkFocus // what the view is about: a start, a goal, the job shown
)

// ViewNode is a node of a view.
type ViewNode struct {
	Node  int32
	Mark  Mark
	Note  string // an extra label line, such as a distance
	Group int    // index in View.Groups of the family it is drawn in, -1 for none
}

// ViewEdge is an edge of a view.
type ViewEdge struct {
	Edge   int32  // index into g.Edges()
	Routes uint32 // bit r-1 set when highlighted route r takes it
	Faded  bool
}

// Group is a family whose nodes a view draws together.
type Group struct {
	Number int // position of the family in Families(g)
	Family graph.Family
	Nodes  []int32 // indexes into View.Nodes
}

// FamilyNode is a family drawn as one node by the overview.
type FamilyNode struct {
	Family      graph.Family
	Domain      string // the cluster it is drawn in: a ROME grand domain, or none
	DomainTitle string // the grand domain's title, when the dataset gives it (ROME 4.0)
	Jobs        int    // job nodes of the family
	Internal    int    // edges between them
}

// FamilyLink aggregates the edges between the jobs of two families, both
// ways.
type FamilyLink struct {
	A, B  int // indexes into View.Families, A < B
	Count int
}

// TreeLink ties a ROME 4.0 parent fiche to one of its children: no move,
// the tree of fiches.
type TreeLink struct {
	Parent, Child int32
}

// StudyLink is a study step of a route drawn between two nodes: no edge
// of the graph, a step the engine computed (Step.Study).
type StudyLink struct {
	From, To int32
	Routes   uint32 // bit r-1 set when highlighted route r takes it
}

// View is a subgraph to draw.
type View struct {
	Nodes   []ViewNode
	Edges   []ViewEdge
	Studies []StudyLink // in (From, To) order
	Tree    []TreeLink  // parent and child fiches both in Nodes, in (Parent, Child) order
	Groups  []Group     // in family order
	Routes  int         // routes highlighted

	// The overview draws families instead of nodes: then Families is not
	// nil, and AllLinks counts the links before MaxOverviewLinks.
	Families []FamilyNode
	Links    []FamilyLink
	AllLinks int
}

// Size returns the nodes and edges v draws.
func (v *View) Size() (nodes, edges int) {
	if v.Families != nil {
		return len(v.Families), len(v.Links)
	}
	return len(v.Nodes), len(v.Edges)
}

// viewBuilder collects the nodes and edges of a view.
type viewBuilder struct {
	g     *graph.Graph
	nodes map[int32]ViewNode
	edges map[int32]ViewEdge
}

func newViewBuilder(g *graph.Graph) *viewBuilder {
	return &viewBuilder{g: g, nodes: map[int32]ViewNode{}, edges: map[int32]ViewEdge{}}
}

func (b *viewBuilder) has(i int32) bool {
	_, ok := b.nodes[i]
	return ok
}

// node adds node i, or strengthens its mark. A note, once set, stays.
func (b *viewBuilder) node(i int32, m Mark, note string) {
	n, ok := b.nodes[i]
	if !ok {
		b.nodes[i] = ViewNode{Node: i, Mark: m, Note: note, Group: -1}
		return
	}
	n.Mark = max(n.Mark, m)
	if n.Note == "" {
		n.Note = note
	}
	b.nodes[i] = n
}

// edge adds edge e, on route number route if it is not 0.
func (b *viewBuilder) edge(e int32, route int, faded bool) {
	x, ok := b.edges[e]
	if !ok {
		x = ViewEdge{Edge: e, Faded: faded}
	}
	if route > 0 {
		x.Routes |= 1 << (route - 1)
	}
	x.Faded = x.Faded && faded
	b.edges[e] = x
}

// edgesAmong adds every edge of a type in mask between nodes of the view
// for which keep, if not nil, returns true.
func (b *viewBuilder) edgesAmong(mask graph.EdgeType, keep func(from, to int32) bool) {
	for u := range b.nodes {
		for _, a := range b.g.Out(u) {
			if a.Type&mask != 0 && b.has(a.Node) && (keep == nil || keep(u, a.Node)) {
				b.edge(a.Edge, 0, false)
			}
		}
	}
}

// finish returns the view with its nodes and edges in order.
func (b *viewBuilder) finish() View {
	var v View
	v.Nodes = make([]ViewNode, 0, len(b.nodes))
	for _, n := range b.nodes {
		v.Nodes = append(v.Nodes, n)
	}
	slices.SortFunc(v.Nodes, func(x, y ViewNode) int { return cmp.Compare(x.Node, y.Node) })
	v.Edges = make([]ViewEdge, 0, len(b.edges))
	for _, e := range b.edges {
		v.Edges = append(v.Edges, e)
	}
	slices.SortFunc(v.Edges, func(x, y ViewEdge) int { return cmp.Compare(x.Edge, y.Edge) })
	return v
}

// group puts the job nodes of v that are not faded in the cluster of
// their family, for every family if only is "", else for that family.
func group(g *graph.Graph, v *View, only string) {
	pos := map[string]int{}
	for k, f := range Families(g) {
		if only == "" || f.ID == only {
			pos[f.ID] = k
		}
	}
	byNumber := map[int][]int32{}
	for i, n := range v.Nodes {
		j := g.Node(n.Node)
		if k, ok := pos[j.Family]; ok && n.Mark != MarkFaded && j.Kind == graph.KindJob && j.Family != "" {
			byNumber[k] = append(byNumber[k], int32(i))
		}
	}
	for k, f := range Families(g) {
		if ns := byNumber[k]; len(ns) > 0 {
			for _, i := range ns {
				v.Nodes[i].Group = len(v.Groups)
			}
			v.Groups = append(v.Groups, Group{Number: k, Family: f, Nodes: ns})
		}
	}
}

// Families returns the families of g in their order, followed by the
// families that jobs name without g listing them, by id.
func Families(g *graph.Graph) []graph.Family {
	out := slices.Clone(g.Families)
	known := map[string]bool{}
	for _, f := range out {
		known[f.ID] = true
	}
	var extra []string
	for _, j := range g.Jobs() {
		if j.Family != "" && !known[j.Family] {
			known[j.Family] = true
			extra = append(extra, j.Family)
		}
	}
	slices.Sort(extra)
	for _, id := range extra {
		out = append(out, graph.Family{ID: id, Title: id})
	}
	return out
}

// FindFamily returns the family whose id is text, case not minded. An
// unknown family is an *Error wrapping ErrBadQuery with code
// unknown_family.
func FindFamily(g *graph.Graph, text string) (graph.Family, error) {
	id := strings.TrimSpace(text)
	if f, ok := g.Family(id); ok {
		return f, nil
	}
	fams := Families(g)
	for _, f := range fams {
		if strings.EqualFold(f.ID, id) {
			return f, nil
		}
	}
	var ids []string
	for i, f := range fams {
		if i == 10 {
			ids = append(ids, "…")
			break
		}
		ids = append(ids, f.ID)
	}
	return graph.Family{}, &Error{Code: CodeUnknownFamily, Err: ErrBadQuery,
		Message: fmt.Sprintf("famille inconnue « %s » : choisissez parmi %s", text, strings.Join(ids, ", "))}
}

// JobCount returns the number of job nodes of g (not external roles nor
// levels).
func JobCount(g *graph.Graph) int {
	n := 0
	for _, j := range g.Jobs() {
		if j.Kind == graph.KindJob {
			n++
		}
	}
	return n
}

// MapView returns the map of the repertoire: every job and external role,
// grouped by family; above OverviewAbove jobs, the families themselves
// (see OverviewView). With a family, its jobs and their direct
// neighbours outside it, faded; then v.Family is that family. An unknown
// family is an error, as FindFamily reports it.
func MapView(g *graph.Graph, family string) (View, error) {
	if family == "" && JobCount(g) > OverviewAbove {
		return OverviewView(g), nil
	}
	b := newViewBuilder(g)
	if family == "" {
		for i, j := range g.Jobs() {
			if j.Kind != graph.KindLevel {
				b.node(int32(i), MarkPlain, "")
			}
		}
		b.edgesAmong(graph.Moves, nil)
		v := b.finish()
		group(g, &v, "")
		return v, nil
	}
	f, err := FindFamily(g, family)
	if err != nil {
		return View{}, err
	}
	in := func(i int32) bool { return g.Node(i).Family == f.ID && g.Node(i).Kind != graph.KindLevel }
	for i := range g.Jobs() {
		if !in(int32(i)) {
			continue
		}
		b.node(int32(i), MarkPlain, "")
		for _, arcs := range [][]graph.Arc{g.Out(int32(i)), g.In(int32(i))} {
			for _, a := range arcs {
				if a.Type&graph.Moves != 0 && !in(a.Node) {
					b.node(a.Node, MarkFaded, "")
					b.edge(a.Edge, 0, true)
				}
			}
		}
	}
	b.edgesAmong(graph.Moves, func(from, to int32) bool { return in(from) && in(to) })
	v := b.finish()
	group(g, &v, f.ID)
	return v, nil
}

// GraphView returns the whole graph: every node, levels included, and
// every edge, access edges included, grouped by family.
func GraphView(g *graph.Graph) View {
	b := newViewBuilder(g)
	for i := range g.Jobs() {
		b.node(int32(i), MarkPlain, "")
	}
	b.edgesAmong(graph.Moves|graph.Access, nil)
	v := b.finish()
	group(g, &v, "")
	return v
}

// isCode reports whether id looks like a ROME code ("M18") rather than a
// slug.
func isCode(id string) bool {
	return len(id) <= 6 && strings.ToUpper(id) == id
}

// OverviewView returns the families of g as nodes, with the number of
// edges between the jobs of two families: the most frequent links only,
// up to MaxOverviewLinks. ROME domains are grouped by grand domain.
// Families with no job are left out.
func OverviewView(g *graph.Graph) View {
	fams := Families(g)
	pos := map[string]int{}
	v := View{Families: make([]FamilyNode, len(fams))}
	for i, f := range fams {
		pos[f.ID] = i
		v.Families[i].Family = f
	}
	for _, j := range g.Jobs() {
		if j.Kind != graph.KindJob || j.Family == "" {
			continue
		}
		f := &v.Families[pos[j.Family]]
		f.Jobs++
		// A ROME domain sits in its grand domain, the first letter of
		// its code; the repertoire's families in none.
		if f.Domain == "" && j.GrandDomain != "" && isCode(j.Family) {
			f.Domain = j.GrandDomain
		}
		if f.DomainTitle == "" && j.Fiche != nil {
			f.DomainTitle = j.Fiche.GrandDomainTitle
		}
	}
	v.Links = familyLinks(g, pos, v.Families)
	v.AllLinks = len(v.Links)
	v.Links = mostFrequent(v.Links, MaxOverviewLinks)
	keep := v.Families[:0:0]
	renum := make([]int, len(v.Families))
	for i, f := range v.Families {
		renum[i] = len(keep)
		if f.Jobs > 0 {
			keep = append(keep, f)
		}
	}
	v.Families = keep
	for i := range v.Links {
		v.Links[i].A, v.Links[i].B = renum[v.Links[i].A], renum[v.Links[i].B]
	}
	return v
}

// familyLinks counts the moves between jobs of two families, and adds
// those within a family to its Internal count.
func familyLinks(g *graph.Graph, pos map[string]int, fams []FamilyNode) []FamilyLink {
	counts := map[[2]int]int{}
	for _, e := range g.Edges() {
		if e.Type&graph.Moves == 0 {
			continue
		}
		a, b := g.Job(e.From), g.Job(e.To)
		if a.Kind != graph.KindJob || b.Kind != graph.KindJob || a.Family == "" || b.Family == "" {
			continue
		}
		fa, fb := pos[a.Family], pos[b.Family]
		if fa == fb {
			fams[fa].Internal++
			continue
		}
		counts[[2]int{min(fa, fb), max(fa, fb)}]++
	}
	var links []FamilyLink
	for k, n := range counts {
		links = append(links, FamilyLink{A: k[0], B: k[1], Count: n})
	}
	return links
}

// mostFrequent returns the n most frequent links (ties in family
// order), in family order.
func mostFrequent(links []FamilyLink, n int) []FamilyLink {
	byFamilies := func(x, y FamilyLink) int { return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B)) }
	slices.SortFunc(links, func(x, y FamilyLink) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), byFamilies(x, y))
	})
	if len(links) > n {
		links = links[:n]
	}
	slices.SortFunc(links, byFamilies)
	return links
}

// PathView returns the routes of doc highlighted on their
// neighbourhood: the nodes next to a route, faded, unless there are more
// than MaxNeighbourhood nodes in all or g has more than OverviewAbove
// jobs. With no route, the endpoints. Study routes are drawn only when
// doc has no route through jobs; their study step, no edge of g, is a
// StudyLink.
func PathView(g *graph.Graph, doc Paths) View {
	b := newViewBuilder(g)
	var onRoute []int32
	studies := map[[2]int32]uint32{}
	drawStudies := !slices.ContainsFunc(doc.Paths, func(p Path) bool { return !isStudy(p) })
	for r, p := range doc.Paths {
		if isStudy(p) && !drawStudies {
			continue
		}
		for s, st := range p.Steps {
			m := MarkRoute
			if s == 0 || s == len(p.Steps)-1 {
				m = MarkFocus
			}
			b.node(st.node, m, "")
			onRoute = append(onRoute, st.node)
			switch {
			case s == 0:
			case st.Study != nil && p.Edges[s-1].edge < 0: // a study step is no edge of g
				studies[[2]int32{p.Steps[s-1].node, st.node}] |= 1 << r
			case p.Edges[s-1].edge >= 0:
				if e := edgeOf(doc.searched, g, p.Edges[s-1].edge); e >= 0 {
					b.edge(e, r+1, false)
				}
			}
		}
	}
	if len(doc.Paths) == 0 {
		for _, js := range [][]JobSummary{doc.From, doc.To} {
			for _, j := range js {
				if i, ok := g.Index(j.ID); ok {
					b.node(i, MarkFocus, "")
				}
			}
		}
	}
	around := newViewBuilder(g)
	for _, i := range onRoute {
		if g.Node(i).Kind == graph.KindLevel {
			continue
		}
		for _, arcs := range [][]graph.Arc{g.Out(i), g.In(i)} {
			for _, a := range arcs {
				if a.Type&graph.Moves != 0 && !b.has(a.Node) {
					around.node(a.Node, MarkFaded, "")
					around.edge(a.Edge, 0, true)
				}
			}
		}
	}
	if len(b.nodes)+len(around.nodes) <= MaxNeighbourhood && JobCount(g) <= OverviewAbove {
		for _, n := range around.nodes {
			b.node(n.Node, n.Mark, "")
		}
		for _, e := range around.edges {
			b.edge(e.Edge, 0, true)
		}
	}
	// Edges between nodes of the routes that no route takes.
	b.edgesAmong(graph.Moves, func(from, to int32) bool {
		return b.nodes[from].Mark >= MarkRoute && b.nodes[to].Mark >= MarkRoute
	})
	v := b.finish()
	v.Routes = len(doc.Paths)
	for k, r := range studies {
		v.Studies = append(v.Studies, StudyLink{From: k[0], To: k[1], Routes: r})
	}
	slices.SortFunc(v.Studies, func(x, y StudyLink) int {
		return cmp.Or(cmp.Compare(x.From, y.From), cmp.Compare(x.To, y.To))
	})
	return v
}

// ReachView returns what doc reached, each node with its distance in
// note(distance), and the edges of the shortest ways: from u to v when v
// is one step further than u (or, for feeders, one step nearer the
// goal). types are the edge types the query followed (0: graph.Moves).
func ReachView(g *graph.Graph, doc Reach, types graph.EdgeType, feeders bool, note func(distance int) string) View {
	if types == 0 {
		types = graph.Moves
	}
	b := newViewBuilder(g)
	dist := map[int32]int{}
	fromLevel := doc.Level != nil
	for _, st := range doc.Start {
		if i, ok := g.Index(st.ID); ok && g.Node(i).Kind == graph.KindLevel {
			b.node(i, MarkFocus, "")
			dist[i] = -1
		}
	}
	for _, r := range slices.Concat(doc.Roles, doc.Directions) {
		dist[r.node] = r.Distance
		m := MarkPlain
		if r.Distance == 0 && !fromLevel {
			m = MarkFocus
		}
		b.node(r.node, m, note(r.Distance))
	}
	b.edgesAmong(types|graph.Access, func(from, to int32) bool {
		if feeders {
			return dist[from] == dist[to]+1
		}
		return dist[to] == dist[from]+1
	})
	return b.finish()
}

// JobView returns a job with what leads to it and where it leads, as d
// lists them.
func JobView(g *graph.Graph, d JobDetail) View {
	b := newViewBuilder(g)
	c, ok := g.Index(d.ID)
	if !ok {
		return b.finish()
	}
	b.node(c, MarkFocus, "")
	for _, links := range [][]Link{d.Evolutions, d.Feeders} {
		for _, l := range links {
			b.node(l.node, MarkPlain, "")
			b.edge(l.edge, 0, false)
		}
	}
	// A ROME 4.0 fiche with its parent and children.
	var tree []TreeLink
	if f := g.Node(c).Fiche; f != nil {
		if p, ok := g.Index(f.Parent); ok && f.Parent != "" {
			b.node(p, MarkPlain, "")
			tree = append(tree, TreeLink{Parent: p, Child: c})
		}
		for _, id := range f.Children {
			if k, ok := g.Index(id); ok {
				b.node(k, MarkPlain, "")
				tree = append(tree, TreeLink{Parent: c, Child: k})
			}
		}
	}
	v := b.finish()
	v.Tree = tree
	return v
}

// isStudy reports whether p goes through a study step.
func isStudy(p Path) bool {
	return slices.ContainsFunc(p.Steps, func(s Step) bool { return s.Study != nil })
}

// edgeOf returns the edge of g that edge e of h, the graph a route was
// searched on, stands for: e itself when h is g or nil, else the edge
// with the same ends and type, or -1 when g has none (a suggested move,
// which maps do not draw: its step says it is a suggestion).
func edgeOf(h, g *graph.Graph, e int32) int32 {
	if h == nil || h == g {
		return e
	}
	ed := h.Edge(e)
	from, ok := g.Index(ed.From)
	to, ok2 := g.Index(ed.To)
	if !ok || !ok2 {
		return -1
	}
	for _, a := range g.Out(from) {
		if a.Node == to && a.Type == ed.Type {
			return a.Edge
		}
	}
	return -1
}
