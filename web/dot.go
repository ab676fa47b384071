package web

import (
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

// The SVG views are built in two steps: pathways chooses from a query
// what a map shows (pathways.MapView, PathView, ReachView, JobView), and
// writeDOT writes that subgraph as DOT, with a caption. Both are pure:
// the same graph and query give the same bytes, with nodes in node order
// and edges in edge order, and no text of the dataset is ever written
// unescaped or used as a DOT ID.

// Caps on what one view may draw. Beyond them a request is refused with
// errViewTooLarge rather than laid out.
const (
	maxViewNodes = 250
	maxViewEdges = 1000
	labelWidth   = 24 // characters per line of a node label
)

// errViewTooLarge reports a view over maxViewNodes or maxViewEdges.
var errViewTooLarge = errors.New("view too large")

// codeViewTooLarge is the error code of errViewTooLarge.
const codeViewTooLarge = "view_too_large"

// view is what one SVG draws: the subgraph pathways chose, and how to
// present it.
type view struct {
	pathways.View
	caption string
	faded   string // what faded nodes are, for the legend
	dataset string
	rankdir string // "LR" or "TB"
}

// checkSize returns an error wrapping errViewTooLarge, with a French
// message saying how to narrow the view, when v is over the caps.
func (v *view) checkSize(narrow string) error {
	n, e := v.Size()
	if n <= maxViewNodes && e <= maxViewEdges {
		return nil
	}
	return &pathways.Error{Code: codeViewTooLarge, Err: errViewTooLarge, Message: fmt.Sprintf(
		"la vue compte %d nœuds et %d liens, au-delà de la limite de %d nœuds et %d liens : %s",
		n, e, maxViewNodes, maxViewEdges, narrow)}
}

// mapView returns the map of the repertoire, of its families, or of one
// family and its neighbours, as pathways.MapView chooses.
func mapView(g *graph.Graph, family string) (*view, error) {
	sub, err := pathways.MapView(g, family)
	if err != nil {
		return nil, err
	}
	v := &view{View: sub, dataset: g.Dataset, rankdir: "LR"}
	switch {
	case sub.Families != nil:
		v.rankdir = "LR" // rows of families, left to right, stacked down (see overviewRow)
		v.caption = fmt.Sprintf("%s — vue d’ensemble : %d familles", g.Title, len(sub.Families))
		if sub.AllLinks > len(sub.Links) {
			v.caption += fmt.Sprintf(" ; les %d liaisons les plus fréquentes sur %d", len(sub.Links), sub.AllLinks)
		}
		v.caption += " ; cliquez sur une famille pour voir ses métiers"
	case family == "":
		v.caption = g.Title + " — carte des métiers"
	default:
		f, _ := pathways.FindFamily(g, family)
		v.caption = familyCaption(f) + " — métiers de la famille et leurs voisins"
		v.faded = "Métier voisin, hors de la famille"
	}
	return v, nil
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

// pathView returns the routes of doc highlighted on their neighbourhood.
func pathView(g *graph.Graph, doc pathways.Paths) *view {
	return &view{View: pathways.PathView(g, doc), dataset: g.Dataset, rankdir: "LR",
		faded: "Métier voisin d’un parcours", caption: pathCaption(doc)}
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
		// Study routes come after the routes through jobs, whatever their
		// hops: take the least and the most.
		lo, hi := doc.Paths[0].Hops, doc.Paths[0].Hops
		for _, p := range doc.Paths {
			lo, hi = min(lo, p.Hops), max(hi, p.Hops)
		}
		if lo == hi {
			return fmt.Sprintf("%s : %d parcours de %s", c, n, steps(lo))
		}
		return fmt.Sprintf("%s : %d parcours, de %d à %s", c, n, lo, steps(hi))
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
// distance, and the edges of the shortest ways. types are the edge types
// the query followed.
func reachView(g *graph.Graph, doc pathways.Reach, types graph.EdgeType, feeders bool) *view {
	fromLevel := doc.Level != nil
	sub := pathways.ReachView(g, doc, types, feeders, func(d int) string { return distanceNote(d, feeders, fromLevel) })
	v := &view{View: sub, dataset: g.Dataset, rankdir: "LR"}
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
	return v
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
		return "à " + steps(d) + " de l’arrivée"
	}
	return "à " + steps(d)
}

// jobView returns a job with what leads to it and where it leads.
func jobView(g *graph.Graph, d pathways.JobDetail) *view {
	v := &view{View: pathways.JobView(g, d), dataset: g.Dataset, rankdir: "LR"}
	if len(v.Nodes) == 0 {
		return v
	}
	moves := 0
	for _, l := range d.Feeders {
		if l.Type != graph.Access {
			moves++
		}
	}
	v.caption = fmt.Sprintf("%s\u202f: %s y %s, il mène à %d", d.Title, countOf(moves, "métier ou rôle", "métiers ou rôles"), map[bool]string{true: "mène", false: "mènent"}[moves <= 1], len(d.Evolutions))
	return v
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
	fadedText   = "#595959" // 6.4:1 on fadedFill: AA needs 4.5:1
)

func levelColour(l graph.Level) string {
	if int(l) < len(levelColours) {
		return levelColours[l]
	}
	return levelColours[0]
}

// levelTextColour returns a text colour that reads on levelColour(l)
// with a contrast of at least 4.5:1 (WCAG AA): black up to Bac +3's teal
// (5.98:1; white would be 3.51:1), white on the darker blues.
func levelTextColour(l graph.Level) string {
	if l >= graph.LevelBac4 {
		return "#ffffff"
	}
	return "#000000"
}

func routeColour(r int) string { return routeColours[(r-1)%len(routeColours)] }

// writeDOT writes v as a DOT digraph.
func writeDOT(w io.Writer, g *graph.Graph, v *view) error {
	d := &dotWriter{w: w}
	d.line(0, "digraph carte {")
	d.line(1, "%s%s", dotTitlePrefix, commentText(v.caption))
	d.line(1, "%s%s", dotDescPrefix, commentText(describeView(g, v)))
	d.line(1, "graph [charset=\"UTF-8\", fontname=%s, fontsize=16, label=%s, labelloc=t, rankdir=%s, nodesep=0.2, ranksep=0.45, tooltip=%s];",
		dotString(fontName), dotLabel(wrap(v.caption, 60)...), v.rankdir, dotTooltip(v.caption))
	d.line(1, "node [fontname=%s, fontsize=12, shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", color=\"#555555\", margin=\"0.14,0.05\", target=\"_top\"];", dotString(fontName))
	d.line(1, "edge [fontname=%s, fontsize=11, color=\"#666666\", arrowsize=0.7];", dotString(fontName))
	if v.Families != nil {
		writeOverview(d, v)
	} else {
		writeNodes(d, g, v)
		for _, e := range v.Edges {
			writeEdge(d, g, e)
		}
		writeStudies(d, g, v)
		writeTree(d, g, v)
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

// writeNodes writes the nodes of v, those of a group in its family's
// cluster.
func writeNodes(d *dotWriter, g *graph.Graph, v *view) {
	for _, grp := range v.Groups {
		d.line(1, "subgraph cluster_%d {", grp.Number)
		d.line(2, "graph [label=%s, tooltip=%s, style=\"rounded,filled\", fillcolor=\"#f7f7f7\", color=\"#c8c8c8\", fontsize=12, margin=10];",
			dotLabel(wrap(familyCaption(grp.Family), 40)...), dotTooltip(familyCaption(grp.Family)))
		for _, i := range grp.Nodes {
			writeNode(d, 2, g, v, v.Nodes[i])
		}
		d.line(1, "}")
	}
	for _, n := range v.Nodes {
		if n.Group < 0 {
			writeNode(d, 1, g, v, n)
		}
	}
}

func writeNode(d *dotWriter, indent int, g *graph.Graph, v *view, n pathways.ViewNode) {
	j := g.Node(n.Node)
	lines := wrap(j.Title, labelWidth)
	if n.Note != "" {
		lines = append(lines, "("+n.Note+")")
	}
	attrs := []string{"label=" + dotLabel(lines...), "tooltip=" + dotTooltip(tooltip(g, j, n.Note)),
		"href=" + dotString(jobHref(j.ID, v.dataset))}
	fill, text, line, style := levelColour(j.Level), levelTextColour(j.Level), "", ""
	switch j.Kind {
	case graph.KindExternal:
		fill, text, line, style = "#eeeeee", "#444444", "#888888", "rounded,filled,dashed"
	case graph.KindDirection: // an orientation, not a role: drawn as a note
		fill, text, line, style = "#f7f3e8", "#444444", "#888888", "filled,dashed"
		attrs = append(attrs, "shape=note")
	case graph.KindLevel:
		attrs = append(attrs, "shape=cds")
		style = "filled"
	}
	switch n.Mark {
	case pathways.MarkFaded:
		fill, text, line = fadedFill, fadedText, fadedColour
	case pathways.MarkRoute:
		attrs = append(attrs, "penwidth=2")
	case pathways.MarkFocus:
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
	d.line(indent, "%s [%s];", nodeID(n.Node), strings.Join(attrs, ", "))
}

// tooltip describes a node: "Title — Niveau : Bac +2 — Famille : …".
func tooltip(g *graph.Graph, j *graph.Job, note string) string {
	var parts []string
	switch j.Kind {
	case graph.KindLevel:
		parts = []string{j.Title, "Diplôme ou niveau de départ"}
	case graph.KindExternal:
		parts = []string{j.Title, "Rôle hors répertoire"}
	case graph.KindDirection:
		parts = []string{j.Title, "Orientation hors répertoire, non un métier"}
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

// countOf returns n and the noun, in the plural unless n is 0 or 1 (as
// French counts: « 0 métier », « 1 métier », « 2 métiers »).
func countOf(n int, one, many string) string {
	if n <= 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// jobHref returns the link to a job's page, as a DOT href: "&" written
// "&amp;". Graphviz copies an href into the SVG without escaping a bare
// "&" (Debian's 2.43 does), which leaves the SVG ill-formed; it keeps an
// entity as it is. The link is relative to the root of the server that
// renders the map.
func jobHref(id graph.JobID, dataset string) string {
	return "/?job=" + url.QueryEscape(string(id)) + "&amp;dataset=" + url.QueryEscape(dataset)
}

// Colours of edges by source, on the maps of the combined dataset: the
// repertoire's cards, ROME's mobilities, and the bridge between them.
var sourceColours = map[graph.Source]string{
	graph.SourceMetiers: "#1f5fa6",
	graph.SourceROME:    "#a14d00",
	graph.SourceBridge:  "#6a6a6a",
}

// bySource reports whether the map colours edges by source: on the
// combined dataset.
func bySource(g *graph.Graph) bool { return g.Dataset == graph.CombinedDataset }

func writeEdge(d *dotWriter, g *graph.Graph, e pathways.ViewEdge) {
	ed := g.Edge(e.Edge)
	from, _ := g.Index(ed.From)
	to, _ := g.Index(ed.To)
	var style []string
	switch ed.Type {
	case graph.Close:
		style = append(style, "style=dashed")
	case graph.Access:
		style = append(style, "style=dotted")
	case graph.Bridge:
		style = append(style, "style=bold", "arrowhead=none", `label="≡"`)
	}
	tip := "tooltip=" + dotTooltip(edgeTooltip(g, ed))
	if e.Routes == 0 {
		switch {
		case e.Faded:
			style = append(style, "color="+dotString(fadedColour))
		case bySource(g):
			style = append(style, "color="+dotString(sourceColours[ed.Source]))
		}
		d.line(1, "%s -> %s [%s];", nodeID(from), nodeID(to), strings.Join(append(style, tip), ", "))
		return
	}
	// One edge per route that takes it, each in the route's colour.
	for r := 1; e.Routes>>(r-1) != 0; r++ {
		if e.Routes&(1<<(r-1)) == 0 {
			continue
		}
		colour := routeColour(r)
		if bySource(g) {
			// Two lines side by side: the route's colour, the source's.
			colour += ":" + sourceColours[ed.Source]
		}
		attrs := append(slices.Clip(style), "color="+dotString(colour), "penwidth=2.5",
			"tooltip="+dotTooltip("Parcours "+strconv.Itoa(r)+" : "+edgeTooltip(g, ed)))
		d.line(1, "%s -> %s [%s];", nodeID(from), nodeID(to), strings.Join(attrs, ", "))
	}
}

var edgeKinds = map[graph.EdgeType]string{graph.Evolution: "évolution", graph.Close: "mobilité proche", graph.Access: "accès",
	graph.Bridge: "même métier dans ROME"}

// sourceNames say where an edge comes from, in the tooltips of the
// combined maps.
var sourceNames = map[graph.Source]string{graph.SourceMetiers: "fiche du répertoire", graph.SourceROME: "ROME 4.0",
	graph.SourceBridge: "correspondance revue"}

// edgeTooltip says what an edge is and the text behind it; on the
// combined maps, its source, and for a ranked ROME mobility, its rank.
func edgeTooltip(g *graph.Graph, e *graph.Edge) string {
	kind := edgeKinds[e.Type]
	if bySource(g) {
		kind += ", " + sourceNames[e.Source]
	}
	s := g.Job(e.From).Title + " → " + g.Job(e.To).Title + " (" + kind + ")"
	if len(e.Evidence) > 0 && e.Evidence[0].Text != "" {
		s += " : « " + e.Evidence[0].Text + " »"
	}
	if len(e.Evidence) > 0 && e.Evidence[0].Rank > 0 {
		s += fmt.Sprintf(" (rang %d)", e.Evidence[0].Rank)
	}
	return s
}

// writeStudies writes the study steps of v's routes: dashed, labelled
// « études », one edge per route that takes it, in the route's colour.
func writeStudies(d *dotWriter, g *graph.Graph, v *view) {
	for _, st := range v.Studies {
		tip := "Étape calculée : études ou formation de " + g.Node(st.From).Title + " à " + g.Node(st.To).Title
		for r := 1; st.Routes>>(r-1) != 0; r++ {
			if st.Routes&(1<<(r-1)) == 0 {
				continue
			}
			d.line(1, "%s -> %s [style=dashed, label=%s, color=%s, fontcolor=%s, penwidth=2.5, tooltip=%s];",
				nodeID(st.From), nodeID(st.To), dotString("études"), dotString(routeColour(r)), dotString("#333333"),
				dotTooltip("Parcours "+strconv.Itoa(r)+" : "+tip))
		}
	}
}

// writeTree writes the links between parent and child fiches of v.
func writeTree(d *dotWriter, g *graph.Graph, v *view) {
	for _, t := range v.Tree {
		tip := g.Node(t.Child).Title + " : fiche fille de " + g.Node(t.Parent).Title
		d.line(1, "%s -> %s [style=tapered, penwidth=4, arrowhead=none, color=\"#b0b0b0\", tooltip=%s];",
			nodeID(t.Parent), nodeID(t.Child), dotTooltip(tip))
	}
}

// writeOverview writes the families of an overview, each a link to its
// own map, and the links between them, without arrows: both ways count.
func writeOverview(d *dotWriter, v *view) {
	node := func(indent, i int) {
		f := v.Families[i]
		label := wrap(familyCaption(f.Family), labelWidth)
		label = append(label, "("+countOf(f.Jobs, "métier", "métiers")+")")
		tip := fmt.Sprintf("%s — %s — %s", familyCaption(f.Family), countOf(f.Jobs, "métier", "métiers"), countOf(f.Internal, "mobilité interne", "mobilités internes"))
		href := "/?map=" + url.QueryEscape(f.Family.ID) + "&amp;dataset=" + url.QueryEscape(v.dataset) // see jobHref
		d.line(indent, "f%d [label=%s, tooltip=%s, href=%s, fillcolor=\"#eef3f8\"];", i, dotLabel(label...), dotTooltip(tip), dotString(href))
	}
	var rows []string
	for k := 0; k < len(v.Families); {
		group := v.Families[k].Domain
		if group == "" {
			for start := k; k < len(v.Families) && v.Families[k].Domain == ""; k++ {
				node(1, k)
				rows = append(rows, overviewRow(start, k)...)
			}
			continue
		}
		d.line(1, "subgraph cluster_%s {", dotEscape(group))
		title := "Grand domaine " + group
		if t := v.Families[k].DomainTitle; t != "" {
			title += " — " + t
		}
		d.line(2, "graph [label=%s, style=\"rounded,filled\", fillcolor=\"#f7f7f7\", color=\"#c8c8c8\", fontsize=12];",
			dotLabel(wrap(title, 40)...))
		for start := k; k < len(v.Families) && v.Families[k].Domain == group; k++ {
			node(2, k)
			rows = append(rows, overviewRow(start, k)...)
		}
		d.line(1, "}")
	}
	for _, r := range rows {
		d.line(1, "%s", r)
	}
	for _, l := range v.Links {
		width := 1 + math.Log2(float64(l.Count))/2
		tip := fmt.Sprintf("%s ↔ %s : %d mobilités", familyCaption(v.Families[l.A].Family), familyCaption(v.Families[l.B].Family), l.Count)
		// A link leaves the rows as they are; its count is an xlabel, as
		// Graphviz 2.43 fails to rank labelled edges that do not
		// constrain ("trouble in init_rank").
		d.line(1, "f%d -> f%d [dir=none, constraint=false, xlabel=%d, penwidth=%s, tooltip=%s];", l.A, l.B, l.Count,
			strconv.FormatFloat(width, 'f', 2, 64), dotTooltip(tip))
	}
}

// overviewColumns is the number of families an overview draws side by
// side: its rows, left to right, stack down the page, so that the map
// fits a screen's width whatever the number of families.
const overviewColumns = 4

// overviewRow returns the invisible edge that puts family k to the right
// of family k-1 in the rows of its cluster, which starts at family
// start; none for the first family of a row.
func overviewRow(start, k int) []string {
	if (k-start)%overviewColumns == 0 {
		return nil
	}
	return []string{fmt.Sprintf("f%d -> f%d [style=invis];", k-1, k)}
}

// legend holds the rows of a map's legend, an HTML-like table.
type legend struct{ rows []string }

func (l *legend) swatch(style, fill, text string) {
	l.rows = append(l.rows, fmt.Sprintf(`<TR><TD BORDER="1" COLOR="#555555"%s BGCOLOR="%s" WIDTH="28"> </TD><TD ALIGN="LEFT">%s</TD></TR>`,
		style, xmlText(fill), xmlText(text)))
}

func (l *legend) line(colour, text string) {
	l.rows = append(l.rows, fmt.Sprintf(`<TR><TD><FONT COLOR="%s">%s</FONT></TD><TD ALIGN="LEFT">%s</TD></TR>`,
		xmlText(colour), "━━▶", xmlText(text)))
}

// writeLegend writes a legend of what v draws, as one node with an
// HTML-like table.
func writeLegend(d *dotWriter, g *graph.Graph, v *view) {
	var l legend
	if v.Families != nil {
		l.rows = append(l.rows, `<TR><TD COLSPAN="2" ALIGN="LEFT">Chaque lien compte les mobilités</TD></TR>`,
			`<TR><TD COLSPAN="2" ALIGN="LEFT">entre deux familles, dans les deux sens</TD></TR>`)
	} else {
		legendNodes(&l, g, v)
		legendEdges(&l, g, v)
	}
	if len(l.rows) == 0 {
		return
	}
	d.line(1, "legend [shape=plaintext, style=\"\", tooltip=\"Légende\", href=\"\", margin=0, label=<")
	d.line(2, `<TABLE BORDER="1" COLOR="#c8c8c8" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3">`)
	d.line(2, `<TR><TD COLSPAN="2"><B>Légende</B></TD></TR>`)
	for _, r := range l.rows {
		d.line(2, "%s", r)
	}
	d.line(2, "</TABLE>>];")
}

// legendNodes adds the rows for the kinds and levels of the nodes v draws.
func legendNodes(l *legend, g *graph.Graph, v *view) {
	levels := map[graph.Level]bool{}
	kinds := map[graph.Kind]bool{}
	faded := false
	for _, n := range v.Nodes {
		j := g.Node(n.Node)
		kinds[j.Kind] = true
		if n.Mark == pathways.MarkFaded {
			faded = true
		} else if j.Kind == graph.KindJob {
			levels[j.Level] = true
		}
	}
	for lv := graph.LevelCAP; lv <= graph.LevelBac5; lv++ {
		if levels[lv] {
			l.swatch("", levelColour(lv), "Niveau minimum "+lv.Label())
		}
	}
	if levels[graph.LevelNone] {
		l.swatch("", levelColour(graph.LevelNone), "Niveau non précisé")
	}
	if kinds[graph.KindExternal] {
		l.swatch(` STYLE="dashed"`, "#eeeeee", "Rôle hors répertoire")
	}
	if kinds[graph.KindLevel] {
		l.swatch("", "#ffffff", "Diplôme ou niveau (flèche à la couleur du niveau)")
	}
	if faded && v.faded != "" {
		l.swatch("", fadedFill, v.faded)
	}
}

// edgeTypeRows are the legend rows of the edge types, in order.
var edgeTypeRows = []struct {
	t   graph.EdgeType
	row string
}{
	{graph.Evolution, `<TR><TD>───▶</TD><TD ALIGN="LEFT">Évolution</TD></TR>`},
	{graph.Close, `<TR><TD>- - ▶</TD><TD ALIGN="LEFT">Mobilité proche</TD></TR>`},
	{graph.Access, `<TR><TD>· · ▶</TD><TD ALIGN="LEFT">Accès par le diplôme</TD></TR>`},
	{graph.Bridge, `<TR><TD>━ ≡ ━</TD><TD ALIGN="LEFT">Même métier dans ROME (pas une étape)</TD></TR>`},
}

// legendEdges adds the rows for the edge types, sources and routes v draws.
func legendEdges(l *legend, g *graph.Graph, v *view) {
	types := map[graph.EdgeType]bool{}
	sources := map[graph.Source]bool{}
	for _, e := range v.Edges {
		types[g.Edge(e.Edge).Type] = true
		if !e.Faded {
			sources[g.Edge(e.Edge).Source] = true
		}
	}
	for _, r := range edgeTypeRows {
		if types[r.t] {
			l.rows = append(l.rows, r.row)
		}
	}
	if len(v.Studies) > 0 {
		l.rows = append(l.rows, `<TR><TD>- études ▶</TD><TD ALIGN="LEFT">Études ou formation (étape calculée)</TD></TR>`)
	}
	if len(v.Tree) > 0 {
		l.line("#b0b0b0", "Fiche parente → fiche fille (ROME 4.0)")
	}
	if bySource(g) {
		for _, src := range []graph.Source{graph.SourceMetiers, graph.SourceROME, graph.SourceBridge} {
			if sources[src] {
				l.line(sourceColours[src], "Lien : "+sourceNames[src])
			}
		}
	}
	for r := 1; r <= v.Routes; r++ {
		l.line(routeColour(r), "Parcours "+strconv.Itoa(r))
	}
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
func dotEscape(s string) string { return dotEscaper.Replace(cleanText(s)) }

// dotEscaper is built once: a Replacer builds its tables on first use, a
// large allocation for every text of every drawing if made per call.
var dotEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`)

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
	v := &view{View: pathways.GraphView(g), dataset: g.Dataset, rankdir: "LR", caption: g.Title}
	return writeDOT(w, g, v)
}
