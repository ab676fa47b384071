package web

import (
	"cmp"
	"errors"
	"fmt"
	"html"
	"io"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/pathways"
)

// The SVG views are built in two steps: a view function (mapView,
// pathView, reachView, jobView) computes from pathways queries which
// nodes and edges to draw and how to mark them; writeDOT writes the view
// as DOT. Both are pure: the same graph and query give the same bytes,
// with nodes in node order and edges in edge order, and no text of the
// dataset is ever written unescaped or used as a DOT ID.

// Caps on what one view may draw. Beyond them a request is refused with
// errViewTooLarge rather than laid out.
const (
	maxViewNodes     = 250
	maxViewEdges     = 1000
	overviewAbove    = 150 // job nodes above which the map draws families
	maxOverviewLinks = 150 // links between families in the overview
	maxNeighbourhood = 120 // nodes of a path view beyond which neighbours are left out
	labelWidth       = 24  // characters per line of a node label
)

// errViewTooLarge reports a view over maxViewNodes or maxViewEdges.
var errViewTooLarge = errors.New("view too large")

// codeViewTooLarge is the error code of errViewTooLarge.
const codeViewTooLarge = "view_too_large"

// mark says how a node stands in a view.
type mark uint8

// The marks, weakest first: a node added twice keeps its strongest mark.
const (
	markFaded mark = iota // context around the subject of the view: greyed
	markPlain
	markRoute // on a highlighted route
	markFocus // what the view is about: a start, a goal, the job shown
)

type viewNode struct {
	node int32
	mark mark
	note string // an extra label line, such as a distance
}

type viewEdge struct {
	edge   int32  // index into g.Edges()
	routes uint32 // bit r-1 set when highlighted route r takes it
	faded  bool
}

// familyNode is a family drawn as one node by the overview.
type familyNode struct {
	fam      graph.Family
	group    string // the cluster it is drawn in: a ROME grand domain, or none
	jobs     int    // job nodes of the family
	internal int    // edges between them
}

// familyLink aggregates the edges between the jobs of two families, both
// ways.
type familyLink struct {
	a, b  int // indexes into view.families, a < b
	count int
}

// view is what one SVG draws.
type view struct {
	caption string
	faded   string // what greyed nodes are, for the legend
	dataset string
	rankdir string     // "LR" or "TB"
	cluster string     // "": no clusters; "*": one per family; else that family only
	nodes   []viewNode // in node order
	edges   []viewEdge // in edge order
	routes  int        // routes highlighted

	// The overview draws families instead of nodes.
	families []familyNode
	links    []familyLink
}

// size returns the nodes and edges v draws.
func (v *view) size() (nodes, edges int) {
	if v.families != nil {
		return len(v.families), len(v.links)
	}
	return len(v.nodes), len(v.edges)
}

// checkSize returns an error wrapping errViewTooLarge, with a French
// message saying how to narrow the view, when v is over the caps.
func (v *view) checkSize(narrow string) error {
	n, e := v.size()
	if n <= maxViewNodes && e <= maxViewEdges {
		return nil
	}
	return &pathways.Error{Code: codeViewTooLarge, Err: errViewTooLarge, Message: fmt.Sprintf(
		"la vue compte %d nœuds et %d liens, au-delà de la limite de %d nœuds et %d liens : %s",
		n, e, maxViewNodes, maxViewEdges, narrow)}
}

// viewBuilder collects the nodes and edges of a view.
type viewBuilder struct {
	g     *graph.Graph
	nodes map[int32]viewNode
	edges map[int32]viewEdge
}

func newViewBuilder(g *graph.Graph) *viewBuilder {
	return &viewBuilder{g: g, nodes: map[int32]viewNode{}, edges: map[int32]viewEdge{}}
}

func (b *viewBuilder) has(i int32) bool {
	_, ok := b.nodes[i]
	return ok
}

// node adds node i, or strengthens its mark. A note, once set, stays.
func (b *viewBuilder) node(i int32, m mark, note string) {
	n, ok := b.nodes[i]
	if !ok {
		b.nodes[i] = viewNode{node: i, mark: m, note: note}
		return
	}
	n.mark = max(n.mark, m)
	if n.note == "" {
		n.note = note
	}
	b.nodes[i] = n
}

// edge adds edge e, on route number route if it is not 0.
func (b *viewBuilder) edge(e int32, route int, faded bool) {
	x, ok := b.edges[e]
	if !ok {
		x = viewEdge{edge: e, faded: faded}
	}
	if route > 0 {
		x.routes |= 1 << (route - 1)
	}
	x.faded = x.faded && faded
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

// edgeBetween returns the edge from one node to another of type t.
func edgeBetween(g *graph.Graph, from, to int32, t graph.EdgeType) (int32, bool) {
	for _, a := range g.Out(from) {
		if a.Node == to && a.Type == t {
			return a.Edge, true
		}
	}
	return 0, false
}

// finish returns the view with its nodes and edges in order.
func (b *viewBuilder) finish(v *view) *view {
	v.nodes = make([]viewNode, 0, len(b.nodes))
	for _, n := range b.nodes {
		v.nodes = append(v.nodes, n)
	}
	slices.SortFunc(v.nodes, func(x, y viewNode) int { return cmp.Compare(x.node, y.node) })
	v.edges = make([]viewEdge, 0, len(b.edges))
	for _, e := range b.edges {
		v.edges = append(v.edges, e)
	}
	slices.SortFunc(v.edges, func(x, y viewEdge) int { return cmp.Compare(x.edge, y.edge) })
	return v
}

// jobCount returns the number of job nodes of g (not external roles nor
// levels).
func jobCount(g *graph.Graph) int {
	n := 0
	for _, j := range g.Jobs() {
		if j.Kind == graph.KindJob {
			n++
		}
	}
	return n
}

// findFamily returns the family whose id is text, case not minded.
func findFamily(g *graph.Graph, text string) (graph.Family, error) {
	for _, f := range allFamilies(g) {
		if strings.EqualFold(f.ID, strings.TrimSpace(text)) {
			return f, nil
		}
	}
	var ids []string
	for i, f := range allFamilies(g) {
		if i == 10 {
			ids = append(ids, "…")
			break
		}
		ids = append(ids, f.ID)
	}
	return graph.Family{}, &pathways.Error{Code: "unknown_family", Err: pathways.ErrBadQuery,
		Message: fmt.Sprintf("famille inconnue « %s » : choisissez parmi %s", cleanText(text), strings.Join(ids, ", "))}
}

// allFamilies returns the families of g in their order, followed by the
// families that jobs name without g listing them, by id.
func allFamilies(g *graph.Graph) []graph.Family {
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

// mapView returns the map of the repertoire: every job and external role,
// one cluster per family; above overviewAbove jobs, the families
// themselves. With a family, its jobs and their direct neighbours outside
// it, greyed.
func mapView(g *graph.Graph, family string) (*view, error) {
	if family == "" && jobCount(g) > overviewAbove {
		return overview(g), nil
	}
	b := newViewBuilder(g)
	v := &view{dataset: g.Dataset, rankdir: "LR", cluster: "*"}
	if family == "" {
		v.caption = g.Title + " — carte des métiers"
		for i, j := range g.Jobs() {
			if j.Kind != graph.KindLevel {
				b.node(int32(i), markPlain, "")
			}
		}
		b.edgesAmong(graph.Moves, nil)
		return b.finish(v), nil
	}
	f, err := findFamily(g, family)
	if err != nil {
		return nil, err
	}
	v.cluster = f.ID
	v.caption = familyCaption(f) + " — métiers de la famille et leurs voisins"
	v.faded = "Métier voisin, hors de la famille"
	in := func(i int32) bool { return g.Node(i).Family == f.ID && g.Node(i).Kind != graph.KindLevel }
	var members []int32
	for i := range g.Jobs() {
		if in(int32(i)) {
			members = append(members, int32(i))
			b.node(int32(i), markPlain, "")
		}
	}
	for _, i := range members {
		for _, a := range g.Out(i) {
			if a.Type&graph.Moves != 0 && !in(a.Node) {
				b.node(a.Node, markFaded, "")
				b.edge(a.Edge, 0, true)
			}
		}
		for _, a := range g.In(i) {
			if a.Type&graph.Moves != 0 && !in(a.Node) {
				b.node(a.Node, markFaded, "")
				b.edge(a.Edge, 0, true)
			}
		}
	}
	b.edgesAmong(graph.Moves, func(from, to int32) bool { return in(from) && in(to) })
	return b.finish(v), nil
}

func familyCaption(f graph.Family) string {
	if f.Title == "" || f.Title == f.ID {
		return "Famille " + f.ID
	}
	if f.Number > 0 || !isCode(f.ID) {
		return f.Title
	}
	return f.ID + " — " + f.Title
}

// isCode reports whether id looks like a ROME code ("M18") rather than a
// slug.
func isCode(id string) bool {
	return len(id) <= 6 && strings.ToUpper(id) == id
}

// overview returns the families of g as nodes, with the number of edges
// between the jobs of two families: the most frequent links only, up to
// maxOverviewLinks. ROME domains are grouped by grand domain.
func overview(g *graph.Graph) *view {
	fams := allFamilies(g)
	pos := map[string]int{}
	// Top to bottom: the families spread in width, as screens do.
	v := &view{dataset: g.Dataset, rankdir: "TB", families: make([]familyNode, len(fams))}
	codes := true
	for _, f := range fams {
		codes = codes && isCode(f.ID)
	}
	for i, f := range fams {
		pos[f.ID] = i
		v.families[i].fam = f
		if codes {
			v.families[i].group = f.ID[:1]
		}
	}
	for _, j := range g.Jobs() {
		if j.Kind == graph.KindJob && j.Family != "" {
			v.families[pos[j.Family]].jobs++
		}
	}
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
			v.families[fa].internal++
			continue
		}
		counts[[2]int{min(fa, fb), max(fa, fb)}]++
	}
	for k, n := range counts {
		v.links = append(v.links, familyLink{a: k[0], b: k[1], count: n})
	}
	// The most frequent links first, then in family order.
	byFamilies := func(x, y familyLink) int { return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b)) }
	slices.SortFunc(v.links, func(x, y familyLink) int {
		return cmp.Or(cmp.Compare(y.count, x.count), byFamilies(x, y))
	})
	total := len(v.links)
	if len(v.links) > maxOverviewLinks {
		v.links = v.links[:maxOverviewLinks]
	}
	slices.SortFunc(v.links, byFamilies)
	// Families with no job are left out.
	keep := v.families[:0:0]
	renum := make([]int, len(v.families))
	for i, f := range v.families {
		renum[i] = len(keep)
		if f.jobs > 0 {
			keep = append(keep, f)
		}
	}
	v.families = keep
	for i := range v.links {
		v.links[i].a, v.links[i].b = renum[v.links[i].a], renum[v.links[i].b]
	}
	v.caption = fmt.Sprintf("%s — vue d'ensemble : %d familles", g.Title, len(v.families))
	if total > len(v.links) {
		v.caption += fmt.Sprintf(" ; les %d liaisons les plus fréquentes sur %d", len(v.links), total)
	}
	v.caption += " ; cliquez sur une famille pour voir ses métiers"
	return v
}

// pathView returns the routes of doc highlighted on their neighbourhood:
// the nodes next to a route, greyed, unless there are too many of them.
func pathView(g *graph.Graph, doc pathways.Paths) *view {
	b := newViewBuilder(g)
	v := &view{dataset: g.Dataset, rankdir: "LR", routes: len(doc.Paths), faded: "Métier voisin d'un parcours"}
	var onRoute []int32
	for r, p := range doc.Paths {
		var prev int32 = -1
		for s, st := range p.Steps {
			i, ok := g.Index(st.ID)
			if !ok {
				continue
			}
			m := markRoute
			if s == 0 || s == len(p.Steps)-1 {
				m = markFocus
			}
			b.node(i, m, "")
			onRoute = append(onRoute, i)
			if s > 0 && prev >= 0 {
				if e, ok := edgeBetween(g, prev, i, p.Edges[s-1].Type); ok {
					b.edge(e, r+1, false)
				}
			}
			prev = i
		}
	}
	if len(doc.Paths) == 0 {
		for _, js := range [][]pathways.JobSummary{doc.From, doc.To} {
			for _, j := range js {
				if i, ok := g.Index(j.ID); ok {
					b.node(i, markFocus, "")
				}
			}
		}
	}
	// The neighbourhood, drawn only if it stays readable.
	around := newViewBuilder(g)
	for _, i := range onRoute {
		if g.Node(i).Kind == graph.KindLevel {
			continue
		}
		for _, arcs := range [][]graph.Arc{g.Out(i), g.In(i)} {
			for _, a := range arcs {
				if a.Type&graph.Moves != 0 && !b.has(a.Node) {
					around.node(a.Node, markFaded, "")
					around.edge(a.Edge, 0, true)
				}
			}
		}
	}
	if len(b.nodes)+len(around.nodes) <= maxNeighbourhood {
		for _, n := range around.nodes {
			b.node(n.node, n.mark, "")
		}
		for _, e := range around.edges {
			b.edge(e.edge, 0, true)
		}
	}
	// Edges between nodes of the routes that no route takes.
	b.edgesAmong(graph.Moves, func(from, to int32) bool {
		return b.nodes[from].mark >= markRoute && b.nodes[to].mark >= markRoute
	})
	v.caption = pathCaption(doc)
	return b.finish(v)
}

func pathCaption(doc pathways.Paths) string {
	from := summaryTitles(doc.From)
	if doc.Level != nil {
		if l, ok := graph.LevelByID(*doc.Level); ok {
			from = "niveau " + l.Label()
		}
	}
	c := "De " + from + " à " + summaryTitles(doc.To)
	switch n := len(doc.Paths); {
	case n == 0:
		return c + " : " + doc.Message
	case n == 1:
		return c + " : " + steps(doc.Paths[0].Hops)
	default:
		if doc.Paths[0].Hops == doc.Paths[n-1].Hops {
			return fmt.Sprintf("%s : %d parcours de %s", c, n, steps(doc.Paths[0].Hops))
		}
		return fmt.Sprintf("%s : %d parcours, de %d à %s", c, n, doc.Paths[0].Hops, steps(doc.Paths[n-1].Hops))
	}
}

func summaryTitles(js []pathways.JobSummary) string {
	var s []string
	for i, j := range js {
		if i == 3 {
			s = append(s, fmt.Sprintf("… (%d en tout)", len(js)))
			break
		}
		s = append(s, j.Title)
	}
	return strings.Join(s, ", ")
}

func steps(n int) string {
	if n == 1 {
		return "1 étape"
	}
	return strconv.Itoa(n) + " étapes"
}

// reachView returns what doc reached, each node labelled with its
// distance, and the edges of the shortest ways: from u to v when v is one
// step further than u (or, for feeders, one step nearer the goal). types
// are the edge types the query followed.
func reachView(g *graph.Graph, doc pathways.Reach, types graph.EdgeType, feeders bool) *view {
	if types == 0 {
		types = graph.Moves
	}
	b := newViewBuilder(g)
	v := &view{dataset: g.Dataset, rankdir: "LR"}
	dist := map[int32]int{}
	fromLevel := doc.Level != nil
	for _, st := range doc.Start {
		if i, ok := g.Index(st.ID); ok && g.Node(i).Kind == graph.KindLevel {
			b.node(i, markFocus, "")
			dist[i] = -1
		}
	}
	for _, r := range doc.Roles {
		i, ok := g.Index(r.ID)
		if !ok {
			continue
		}
		dist[i] = r.Distance
		m, note := markPlain, distanceNote(r.Distance, feeders, fromLevel)
		if r.Distance == 0 && !fromLevel {
			m = markFocus
		}
		b.node(i, m, note)
	}
	b.edgesAmong(types|graph.Access, func(from, to int32) bool {
		if feeders {
			return dist[from] == dist[to]+1
		}
		return dist[to] == dist[from]+1
	})
	start := summaryTitles(doc.Start)
	if fromLevel {
		if l, ok := graph.LevelByID(*doc.Level); ok {
			start = "un niveau " + l.Label()
		}
	}
	switch {
	case feeders:
		v.caption = "Métiers qui mènent à " + start
	case fromLevel:
		v.caption = "Métiers accessibles avec " + start
	default:
		v.caption = "Métiers accessibles depuis " + start
	}
	if doc.Depth != nil {
		v.caption += fmt.Sprintf(" en %s au plus", steps(*doc.Depth))
	}
	found := 0
	for _, r := range doc.Roles {
		if r.Distance > 0 || fromLevel {
			found++
		}
	}
	v.caption += fmt.Sprintf(" : %d métiers ou rôles", found)
	return b.finish(v)
}

func distanceNote(d int, feeders, fromLevel bool) string {
	switch {
	case d == 0 && feeders:
		return "arrivée"
	case d == 0 && fromLevel:
		return "accès direct"
	case d == 0:
		return "départ"
	case feeders:
		return "à " + steps(d) + " de l'arrivée"
	}
	return "à " + steps(d)
}

// jobView returns a job with what leads to it and where it leads.
func jobView(g *graph.Graph, d pathways.JobDetail) *view {
	b := newViewBuilder(g)
	v := &view{dataset: g.Dataset, rankdir: "LR"}
	c, ok := g.Index(d.ID)
	if !ok {
		return b.finish(v)
	}
	b.node(c, markFocus, "")
	for _, l := range d.Evolutions {
		if i, ok := g.Index(l.To); ok {
			b.node(i, markPlain, "")
			if e, ok := edgeBetween(g, c, i, l.Type); ok {
				b.edge(e, 0, false)
			}
		}
	}
	for _, l := range d.Feeders {
		if i, ok := g.Index(l.From); ok {
			b.node(i, markPlain, "")
			if e, ok := edgeBetween(g, i, c, l.Type); ok {
				b.edge(e, 0, false)
			}
		}
	}
	moves := 0
	for _, l := range d.Feeders {
		if l.Type != graph.Access {
			moves++
		}
	}
	v.caption = fmt.Sprintf("%s : %d métiers ou rôles y mènent, il mène à %d", d.Title, moves, len(d.Evolutions))
	return b.finish(v)
}

// Colours. Levels go from light to dark (viridis, which reads in grey
// and to colour-blind eyes), so that a map reads as a slope; routes are
// warm, to stand out on them.
var (
	levelColours = [...]string{"#ffffff", "#fde725", "#a0da39", "#4ac16d", "#1f998a", "#365c8d", "#46327e"}
	routeColours = []string{"#d7301f", "#f16913", "#8856a7", "#e7298a", "#a65628"}
)

const (
	fontName    = "Helvetica"
	fadedFill   = "#f4f4f4"
	fadedColour = "#bbbbbb"
	fadedText   = "#8c8c8c"
)

func levelColour(l graph.Level) string {
	if int(l) < len(levelColours) {
		return levelColours[l]
	}
	return levelColours[0]
}

// levelTextColour returns a text colour that reads on levelColour(l).
func levelTextColour(l graph.Level) string {
	if l >= graph.LevelBac3 {
		return "#ffffff"
	}
	return "#000000"
}

func routeColour(r int) string { return routeColours[(r-1)%len(routeColours)] }

// writeDOT writes v as a DOT digraph.
func writeDOT(w io.Writer, g *graph.Graph, v *view) error {
	d := &dotWriter{w: w}
	d.line(0, "digraph carte {")
	d.line(1, "graph [charset=\"UTF-8\", fontname=%s, fontsize=16, label=%s, labelloc=t, rankdir=%s, nodesep=0.2, ranksep=0.45, tooltip=%s];",
		dotString(fontName), dotLabel(wrap(v.caption, 60)...), v.rankdir, dotTooltip(v.caption))
	d.line(1, "node [fontname=%s, fontsize=10, shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", color=\"#555555\", margin=\"0.14,0.05\", target=\"_top\"];", dotString(fontName))
	d.line(1, "edge [fontname=%s, fontsize=9, color=\"#666666\", arrowsize=0.7];", dotString(fontName))
	if v.families != nil {
		writeOverview(d, v)
	} else {
		writeNodes(d, g, v)
		for _, e := range v.edges {
			writeEdge(d, g, e)
		}
	}
	writeLegend(d, g, v)
	d.line(0, "}")
	return d.err
}

type dotWriter struct {
	w   io.Writer
	err error
}

func (d *dotWriter) line(indent int, format string, args ...any) {
	if d.err != nil {
		return
	}
	_, d.err = fmt.Fprintf(d.w, strings.Repeat("\t", indent)+format+"\n", args...)
}

func nodeID(i int32) string { return "n" + strconv.Itoa(int(i)) }

// writeNodes writes the nodes of v, those of a family in its cluster
// when v has clusters.
func writeNodes(d *dotWriter, g *graph.Graph, v *view) {
	clustered := func(n viewNode) string {
		j := g.Node(n.node)
		if v.cluster == "" || n.mark == markFaded || j.Kind != graph.KindJob || j.Family == "" {
			return ""
		}
		if v.cluster == "*" || v.cluster == j.Family {
			return j.Family
		}
		return ""
	}
	byFamily := map[string][]viewNode{}
	for _, n := range v.nodes {
		if f := clustered(n); f != "" {
			byFamily[f] = append(byFamily[f], n)
		}
	}
	for k, f := range allFamilies(g) {
		ns := byFamily[f.ID]
		if len(ns) == 0 {
			continue
		}
		d.line(1, "subgraph cluster_%d {", k)
		d.line(2, "graph [label=%s, tooltip=%s, style=\"rounded,filled\", fillcolor=\"#f7f7f7\", color=\"#c8c8c8\", fontsize=12, margin=10];",
			dotLabel(wrap(familyCaption(f), 40)...), dotTooltip(familyCaption(f)))
		for _, n := range ns {
			writeNode(d, 2, g, v, n)
		}
		d.line(1, "}")
	}
	for _, n := range v.nodes {
		if clustered(n) == "" {
			writeNode(d, 1, g, v, n)
		}
	}
}

func writeNode(d *dotWriter, indent int, g *graph.Graph, v *view, n viewNode) {
	j := g.Node(n.node)
	lines := wrap(j.Title, labelWidth)
	if n.note != "" {
		lines = append(lines, "("+n.note+")")
	}
	attrs := []string{"label=" + dotLabel(lines...), "tooltip=" + dotTooltip(tooltip(g, j, n.note)),
		"href=" + dotString(jobHref(j.ID, v.dataset))}
	fill, text, line, style := levelColour(j.Level), levelTextColour(j.Level), "", ""
	switch j.Kind {
	case graph.KindExternal:
		fill, text, line, style = "#eeeeee", "#444444", "#888888", "rounded,filled,dashed"
	case graph.KindLevel:
		attrs = append(attrs, "shape=cds")
		style = "filled"
	}
	switch n.mark {
	case markFaded:
		fill, text, line = fadedFill, fadedText, fadedColour
	case markRoute:
		attrs = append(attrs, "penwidth=2")
	case markFocus:
		attrs = append(attrs, "penwidth=3")
		line = "#000000"
	}
	if fill != "#ffffff" {
		attrs = append(attrs, "fillcolor="+dotString(fill))
	}
	if text != "#000000" {
		attrs = append(attrs, "fontcolor="+dotString(text))
	}
	if line != "" {
		attrs = append(attrs, "color="+dotString(line))
	}
	if style != "" {
		attrs = append(attrs, "style="+dotString(style))
	}
	d.line(indent, "%s [%s];", nodeID(n.node), strings.Join(attrs, ", "))
}

// tooltip describes a node: "Title — Niveau : Bac +2 — Famille : …".
func tooltip(g *graph.Graph, j *graph.Job, note string) string {
	var parts []string
	switch j.Kind {
	case graph.KindLevel:
		parts = []string{j.Title, "Diplôme ou niveau de départ"}
	case graph.KindExternal:
		parts = []string{j.Title, "Rôle hors répertoire"}
	default:
		lvl := "non précisé"
		if j.Level != graph.LevelNone {
			lvl = j.Level.Label()
		}
		parts = []string{j.Title, "Niveau : " + lvl}
		if j.Family != "" {
			fam := j.Family
			if f, ok := g.Family(j.Family); ok {
				fam = familyCaption(f)
			}
			parts = append(parts, "Famille : "+fam)
		}
		if !j.HasCard && j.Card == nil && len(j.Rome) == 0 {
			parts = append(parts, "sans fiche")
		}
	}
	if note != "" {
		parts = append(parts, note)
	}
	return strings.Join(parts, " — ")
}

// jobHref returns the link to a job's page.
func jobHref(id graph.JobID, dataset string) string {
	return "/?job=" + url.QueryEscape(string(id)) + "&dataset=" + url.QueryEscape(dataset)
}

func writeEdge(d *dotWriter, g *graph.Graph, e viewEdge) {
	ed := g.Edge(e.edge)
	from, _ := g.Index(ed.From)
	to, _ := g.Index(ed.To)
	var style []string
	switch ed.Type {
	case graph.Close:
		style = append(style, "style=dashed")
	case graph.Access:
		style = append(style, "style=dotted")
	}
	tip := "tooltip=" + dotTooltip(edgeTooltip(g, ed))
	if e.routes == 0 {
		if e.faded {
			style = append(style, "color="+dotString(fadedColour))
		}
		d.line(1, "%s -> %s [%s];", nodeID(from), nodeID(to), strings.Join(append(style, tip), ", "))
		return
	}
	// One edge per route that takes it, each in the route's colour.
	for r := 1; e.routes>>(r-1) != 0; r++ {
		if e.routes&(1<<(r-1)) == 0 {
			continue
		}
		attrs := append(slices.Clip(style), "color="+dotString(routeColour(r)), "penwidth=2.5",
			"tooltip="+dotTooltip("Parcours "+strconv.Itoa(r)+" : "+edgeTooltip(g, ed)))
		d.line(1, "%s -> %s [%s];", nodeID(from), nodeID(to), strings.Join(attrs, ", "))
	}
}

var edgeKinds = map[graph.EdgeType]string{graph.Evolution: "évolution", graph.Close: "mobilité proche", graph.Access: "accès"}

// edgeTooltip says what an edge is and the text behind it.
func edgeTooltip(g *graph.Graph, e *graph.Edge) string {
	s := g.Job(e.From).Title + " → " + g.Job(e.To).Title + " (" + edgeKinds[e.Type] + ")"
	if len(e.Evidence) > 0 && e.Evidence[0].Text != "" {
		s += " : « " + e.Evidence[0].Text + " »"
	}
	return s
}

// writeOverview writes the families of an overview, each a link to its
// own map, and the links between them, without arrows: both ways count.
func writeOverview(d *dotWriter, v *view) {
	node := func(indent, i int) {
		f := v.families[i]
		label := wrap(familyCaption(f.fam), labelWidth)
		label = append(label, fmt.Sprintf("(%d métiers)", f.jobs))
		tip := fmt.Sprintf("%s — %d métiers — %d mobilités internes", familyCaption(f.fam), f.jobs, f.internal)
		href := "/?map=" + url.QueryEscape(f.fam.ID) + "&dataset=" + url.QueryEscape(v.dataset)
		d.line(indent, "f%d [label=%s, tooltip=%s, href=%s, fillcolor=\"#eef3f8\"];", i, dotLabel(label...), dotTooltip(tip), dotString(href))
	}
	for k := 0; k < len(v.families); {
		group := v.families[k].group
		if group == "" {
			node(1, k)
			k++
			continue
		}
		d.line(1, "subgraph cluster_%s {", dotEscape(group))
		d.line(2, "graph [label=%s, style=\"rounded,filled\", fillcolor=\"#f7f7f7\", color=\"#c8c8c8\", fontsize=12];",
			dotString("Grand domaine "+group))
		for ; k < len(v.families) && v.families[k].group == group; k++ {
			node(2, k)
		}
		d.line(1, "}")
	}
	for _, l := range v.links {
		width := 1 + math.Log2(float64(l.count))/2
		tip := fmt.Sprintf("%s ↔ %s : %d mobilités", familyCaption(v.families[l.a].fam), familyCaption(v.families[l.b].fam), l.count)
		d.line(1, "f%d -> f%d [dir=none, label=%d, penwidth=%s, tooltip=%s];", l.a, l.b, l.count,
			strconv.FormatFloat(width, 'f', 2, 64), dotTooltip(tip))
	}
}

// writeLegend writes a legend of what v draws, as one node with an
// HTML-like table.
func writeLegend(d *dotWriter, g *graph.Graph, v *view) {
	var rows []string
	swatch := func(style, fill, text string) {
		rows = append(rows, fmt.Sprintf(`<TR><TD BORDER="1" COLOR="#555555"%s BGCOLOR="%s" WIDTH="28"> </TD><TD ALIGN="LEFT">%s</TD></TR>`,
			style, xmlText(fill), xmlText(text)))
	}
	line := func(colour, text string) {
		rows = append(rows, fmt.Sprintf(`<TR><TD><FONT COLOR="%s">%s</FONT></TD><TD ALIGN="LEFT">%s</TD></TR>`,
			xmlText(colour), "━━▶", xmlText(text)))
	}
	if v.families != nil {
		rows = append(rows, `<TR><TD COLSPAN="2" ALIGN="LEFT">Chaque lien compte les mobilités</TD></TR>`,
			`<TR><TD COLSPAN="2" ALIGN="LEFT">entre deux familles, dans les deux sens</TD></TR>`)
	} else {
		levels := map[graph.Level]bool{}
		kinds := map[graph.Kind]bool{}
		faded := false
		for _, n := range v.nodes {
			j := g.Node(n.node)
			kinds[j.Kind] = true
			if n.mark == markFaded {
				faded = true
			} else if j.Kind == graph.KindJob {
				levels[j.Level] = true
			}
		}
		for l := graph.LevelCAP; l <= graph.LevelBac5; l++ {
			if levels[l] {
				swatch("", levelColour(l), "Niveau minimum "+l.Label())
			}
		}
		if levels[graph.LevelNone] {
			swatch("", levelColour(graph.LevelNone), "Niveau non précisé")
		}
		if kinds[graph.KindExternal] {
			swatch(` STYLE="dashed"`, "#eeeeee", "Rôle hors répertoire")
		}
		if kinds[graph.KindLevel] {
			swatch("", "#ffffff", "Diplôme ou niveau (flèche à la couleur du niveau)")
		}
		if faded && v.faded != "" {
			swatch("", fadedFill, v.faded)
		}
		types := map[graph.EdgeType]bool{}
		for _, e := range v.edges {
			types[g.Edge(e.edge).Type] = true
		}
		if types[graph.Evolution] {
			rows = append(rows, `<TR><TD>───▶</TD><TD ALIGN="LEFT">Évolution</TD></TR>`)
		}
		if types[graph.Close] {
			rows = append(rows, `<TR><TD>- - ▶</TD><TD ALIGN="LEFT">Mobilité proche</TD></TR>`)
		}
		if types[graph.Access] {
			rows = append(rows, `<TR><TD>· · ▶</TD><TD ALIGN="LEFT">Accès par le diplôme</TD></TR>`)
		}
		for r := 1; r <= v.routes; r++ {
			line(routeColour(r), "Parcours "+strconv.Itoa(r))
		}
	}
	if len(rows) == 0 {
		return
	}
	d.line(1, "legend [shape=plaintext, style=\"\", tooltip=\"Légende\", href=\"\", margin=0, label=<")
	d.line(2, `<TABLE BORDER="1" COLOR="#c8c8c8" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3">`)
	d.line(2, `<TR><TD COLSPAN="2"><B>Légende</B></TD></TR>`)
	for _, r := range rows {
		d.line(2, "%s", r)
	}
	d.line(2, "</TABLE>>];")
}

// Text from the dataset goes through cleanText before it is written in
// any form.

// cleanText returns s as valid UTF-8 that shows as it reads: control
// characters become spaces (a title may hold a newline), bidirectional
// overrides and isolates are dropped, and so are characters XML forbids;
// runs of spaces are collapsed.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0x200E, r == 0x200F, r == 0x061C,
			r == 0xFFFE, r == 0xFFFF:
			continue
		case unicode.IsControl(r), unicode.IsSpace(r), r == 0x2028, r == 0x2029:
			if !space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		b.WriteRune(r)
		space = false
	}
	return strings.TrimRight(b.String(), " ")
}

// dotEscape escapes a cleaned text for a DOT quoted string. A backslash is
// doubled so that no text can form an escape sequence such as \N or \",
// nor end the string.
func dotEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(cleanText(s))
}

// dotString returns s as a DOT quoted string.
func dotString(s string) string { return `"` + dotEscape(s) + `"` }

// dotTooltip returns s as a DOT quoted string for a tooltip. Graphviz
// expands the escapes of a tooltip twice (\\N shows as \N, then as the
// node's name), so a backslash is written four times.
func dotTooltip(s string) string {
	return `"` + strings.ReplaceAll(dotEscape(s), `\\`, `\\\\`) + `"`
}

// dotLabel returns lines as one DOT quoted label, centred lines.
func dotLabel(lines ...string) string {
	esc := make([]string, len(lines))
	for i, l := range lines {
		esc[i] = dotEscape(l)
	}
	return `"` + strings.Join(esc, `\n`) + `"`
}

// xmlText escapes a cleaned text for an HTML-like label.
func xmlText(s string) string { return html.EscapeString(cleanText(s)) }

// wrap splits a cleaned text into lines of about width characters, at
// spaces; a word longer than width stands on its own line.
func wrap(s string, width int) []string {
	words := strings.Fields(cleanText(s))
	var lines []string
	cur := ""
	for _, w := range words {
		switch {
		case cur == "":
			cur = w
		case utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(w) <= width:
			cur += " " + w
		default:
			lines = append(lines, cur)
			cur = w
		}
	}
	if cur != "" || len(lines) == 0 {
		lines = append(lines, cur)
	}
	return lines
}

// WriteMapDOT writes as DOT the map /svg/map draws: the whole repertoire,
// its families above overviewAbove jobs, or one family and its
// neighbours if family is not "". Unlike /svg/map it draws views of any
// size.
func WriteMapDOT(w io.Writer, g *graph.Graph, family string) error {
	v, err := mapView(g, family)
	if err != nil {
		return err
	}
	return writeDOT(w, g, v)
}

// WriteGraphDOT writes the whole graph as DOT, with the writer the SVG
// views use: every node, levels included, and every edge, access edges
// included, whatever the size. It is the DOT of `pathways export`.
func WriteGraphDOT(w io.Writer, g *graph.Graph) error {
	b := newViewBuilder(g)
	v := &view{dataset: g.Dataset, rankdir: "LR", cluster: "*", caption: g.Title}
	for i := range g.Jobs() {
		b.node(int32(i), markPlain, "")
	}
	b.edgesAmong(graph.Moves|graph.Access, nil)
	return writeDOT(w, g, b.finish(v))
}
