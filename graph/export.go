package graph

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The exports write a graph in the formats graph tools read: GraphML
// (Gephi, yEd, Cytoscape), JSON Graph Format, CSV (a spreadsheet, and
// LoadCSV), DOT (Graphviz) and Cypher (Neo4j). Every writer emits nodes in
// the order of Jobs and edges in the order of Edges, so that one graph
// always gives the same bytes.
//
// Each format carries the same attributes:
//
//	node: id, title, kind (job, external, direction, level), family, level (cap …
//	      bac+5, or empty), level_rank (0 for none, then 1 for cap up to
//	      6 for bac+5), level_text, has_card, rome (ROME codes)
//	edge: from, to, type (evolution, proche, access), evidence (the source
//	      texts), match (how each text was tied to its target)

// exportSep joins the texts of an edge, or the ROME codes of a node, where
// a format has no lists.
const exportSep = " | "

func exportRomeCodes(j *Job) []string {
	codes := make([]string, len(j.Rome))
	for i, r := range j.Rome {
		codes[i] = r.Code
	}
	return codes
}

func exportEvidence(e *Edge) (texts, matches []string) {
	texts = make([]string, len(e.Evidence))
	matches = make([]string, len(e.Evidence))
	for i, ev := range e.Evidence {
		texts[i], matches[i] = ev.Text, string(ev.Match)
	}
	return texts, matches
}

// exportClean returns s as valid UTF-8 without the control characters that
// no export can carry: every C0 control but tab and newline, DEL and the
// C1 controls. Invalid bytes become U+FFFD.
func exportClean(s string) string {
	ok := utf8.ValidString(s)
	for _, r := range s {
		if exportControl(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		if !exportControl(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func exportControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n') || (r >= 0x7f && r < 0xa0) || r == 0xfffe || r == 0xffff
}

// WriteGraphML writes g as GraphML. Attributes are declared with their
// types (string, int, boolean) so that Gephi, yEd and Cytoscape import
// them as columns. Node ids are n0, n1… (GraphML ids are XML name tokens,
// which "level-bac+2" is not); the readable id is the attribute "id".
// The node title is written twice, as "title" and as
// "label", the attribute Gephi shows. Multi-valued attributes are joined
// with " | ". Control characters, which XML 1.0 cannot carry, are dropped.
func WriteGraphML(w io.Writer, g *Graph) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
`)
	for _, k := range graphMLKeys {
		fmt.Fprintf(bw, "  <key id=%q for=%q attr.name=%q attr.type=%q/>\n", k.id, k.domain, k.name, k.typ)
	}
	// GraphML ids are xs:NMTOKEN, which forbids "+" (level-bac+2) and any
	// space: nodes are numbered n0, n1… in the order of Jobs, and the id
	// of the graph is G; the dataset and the readable ids are in the
	// data keys g_dataset and n_id.
	bw.WriteString(`  <graph id="G" edgedefault="directed">` + "\n")
	data := func(indent, key, v string) {
		if v != "" {
			bw.WriteString(indent + `<data key="` + key + `">` + exportXMLEscape(v) + "</data>\n")
		}
	}
	data("    ", "g_dataset", g.Dataset)
	data("    ", "g_title", g.Title)
	data("    ", "g_version", g.Version)
	for _, j := range g.jobs {
		fmt.Fprintf(bw, "    <node id=\"n%d\">\n", g.pos[j.ID])
		data("      ", "n_id", string(j.ID))
		data("      ", "n_label", j.Title)
		data("      ", "n_title", j.Title)
		data("      ", "n_kind", string(j.Kind))
		data("      ", "n_family", j.Family)
		data("      ", "n_level", j.Level.String())
		data("      ", "n_level_rank", strconv.Itoa(int(j.Level)))
		data("      ", "n_level_text", j.LevelText)
		data("      ", "n_has_card", strconv.FormatBool(j.HasCard))
		data("      ", "n_rome", strings.Join(exportRomeCodes(j), exportSep))
		bw.WriteString("    </node>\n")
	}
	for i := range g.edges {
		e := &g.edges[i]
		texts, matches := exportEvidence(e)
		fmt.Fprintf(bw, "    <edge id=\"e%d\" source=\"n%d\" target=\"n%d\">\n", i, g.pos[e.From], g.pos[e.To])
		data("      ", "e_type", e.Type.String())
		data("      ", "e_evidence", strings.Join(texts, exportSep))
		data("      ", "e_match", strings.Join(matches, exportSep))
		data("      ", "e_evidence_count", strconv.Itoa(len(e.Evidence)))
		bw.WriteString("    </edge>\n")
	}
	bw.WriteString("  </graph>\n</graphml>\n")
	return bw.Flush()
}

type graphMLKey struct{ id, domain, name, typ string }

var graphMLKeys = []graphMLKey{
	{"g_dataset", "graph", "dataset", "string"},
	{"g_title", "graph", "dataset_title", "string"},
	{"g_version", "graph", "dataset_version", "string"},
	{"n_id", "node", "id", "string"},
	{"n_label", "node", "label", "string"},
	{"n_title", "node", "title", "string"},
	{"n_kind", "node", "kind", "string"},
	{"n_family", "node", "family", "string"},
	{"n_level", "node", "level", "string"},
	{"n_level_rank", "node", "level_rank", "int"},
	{"n_level_text", "node", "level_text", "string"},
	{"n_has_card", "node", "has_card", "boolean"},
	{"n_rome", "node", "rome", "string"},
	{"e_type", "edge", "type", "string"},
	{"e_evidence", "edge", "evidence", "string"},
	{"e_match", "edge", "match", "string"},
	{"e_evidence_count", "edge", "evidence_count", "int"},
}

// exportXMLEscape returns s as XML character data or attribute value: control
// characters dropped, markup and quotes escaped, newlines and tabs as
// character references so that attribute values keep them.
func exportXMLEscape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(exportClean(s)))
	return b.String()
}

// jgfDocument is a JSON Graph Format document, version 2: nodes are an
// object keyed by id.
type jgfDocument struct {
	Graph jgfGraph `json:"graph"`
}

type jgfGraph struct {
	ID       string             `json:"id"`
	Label    string             `json:"label"`
	Directed bool               `json:"directed"`
	Type     string             `json:"type"`
	Metadata jgfGraphMeta       `json:"metadata"`
	Nodes    map[string]jgfNode `json:"nodes"`
	Edges    []jgfEdge          `json:"edges"`
}

type jgfGraphMeta struct {
	Dataset string `json:"dataset"`
	Version string `json:"version"`
}

type jgfNode struct {
	Label    string      `json:"label"`
	Metadata jgfNodeMeta `json:"metadata"`
}

type jgfNodeMeta struct {
	Kind      Kind     `json:"kind"`
	Family    string   `json:"family,omitempty"`
	Level     string   `json:"level,omitempty"`
	LevelRank int      `json:"level_rank"`
	LevelText string   `json:"level_text,omitempty"`
	HasCard   bool     `json:"has_card"`
	Rome      []string `json:"rome,omitempty"`
}

type jgfEdge struct {
	ID       string      `json:"id"`
	Source   string      `json:"source"`
	Target   string      `json:"target"`
	Relation string      `json:"relation"`
	Directed bool        `json:"directed"`
	Metadata jgfEdgeMeta `json:"metadata"`
}

type jgfEdgeMeta struct {
	Evidence []Evidence `json:"evidence"`
}

// WriteJGF writes g in the JSON Graph Format, version 2: one "graph" whose
// nodes are an object keyed by id, each with a label (the title) and its
// attributes as metadata, and whose edges list source, target, relation
// (the edge type) and the evidence as metadata.
func WriteJGF(w io.Writer, g *Graph) error {
	doc := jgfDocument{Graph: jgfGraph{
		ID: g.Dataset, Label: g.Title, Directed: true, Type: "pathways",
		Metadata: jgfGraphMeta{Dataset: g.Dataset, Version: g.Version},
		Nodes:    make(map[string]jgfNode, len(g.jobs)),
		Edges:    make([]jgfEdge, len(g.edges)),
	}}
	for _, j := range g.jobs {
		m := jgfNodeMeta{Kind: j.Kind, Family: j.Family, Level: j.Level.String(), LevelRank: int(j.Level),
			LevelText: j.LevelText, HasCard: j.HasCard}
		if len(j.Rome) > 0 {
			m.Rome = exportRomeCodes(j)
		}
		doc.Graph.Nodes[string(j.ID)] = jgfNode{Label: j.Title, Metadata: m}
	}
	for i, e := range g.edges {
		ev := e.Evidence
		if ev == nil {
			ev = []Evidence{}
		}
		doc.Graph.Edges[i] = jgfEdge{ID: "e" + strconv.Itoa(i), Source: string(e.From), Target: string(e.To),
			Relation: e.Type.String(), Directed: true, Metadata: jgfEdgeMeta{Evidence: ev}}
	}
	// encoding/json writes map keys sorted, which is the order of Jobs.
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// The columns of the CSV files, in the order WriteCSV writes them. LoadCSV
// reads them by name, in any order.
var (
	exportNodeColumns = []string{"id", "title", "kind", "family", "family_title", "level", "level_text", "access_text",
		"has_card", "rome", "synonyms", "acronyms", "aliases", "appellations"}
	exportEdgeColumns = []string{"from", "to", "type", "evidence", "match", "candidates"}
)

// exportNameColumns maps the name columns of nodes.csv to the kind of name they
// hold.
var exportNameColumns = []struct {
	column string
	kind   NameKind
}{
	{"synonyms", NameSynonym}, {"acronyms", NameAcronym}, {"aliases", NameAlias}, {"appellations", NameAppellation},
}

// WriteCSV writes g as two RFC 4180 files, the format LoadCSV reads back:
// nodes.csv, one row per node, and edges.csv, one row per piece of
// evidence, so that an edge justified by two texts takes two rows.
//
//	nodes.csv: id, title, kind, family, family_title, level, level_text,
//	           access_text, has_card, rome, synonyms, acronyms, aliases,
//	           appellations
//	edges.csv: from, to, type, evidence, match, candidates (for a match
//	           domain, the number of jobs the ROME card phrase names)
//
// Lists (ROME codes, names) are joined with " | ". Line ends are CRLF and
// control characters other than tab and newline are dropped. A cell that a spreadsheet would run as a formula
// (one starting with =, +, -, @, a tab or a carriage return) and a cell
// starting with an apostrophe get an apostrophe in front, which LoadCSV
// removes.
func WriteCSV(nodes, edges io.Writer, g *Graph) error {
	nw := csv.NewWriter(nodes)
	nw.UseCRLF = true
	nw.Write(exportNodeColumns)
	for _, j := range g.jobs {
		var famTitle string
		if f, ok := g.Family(j.Family); ok {
			famTitle = f.Title
		}
		row := []string{string(j.ID), j.Title, string(j.Kind), j.Family, famTitle, j.Level.String(), j.LevelText,
			j.AccessText, strconv.FormatBool(j.HasCard), strings.Join(exportRomeCodes(j), exportSep)}
		for _, c := range exportNameColumns {
			row = append(row, strings.Join(j.NamesOf(c.kind), exportSep))
		}
		nw.Write(exportCSVRow(row))
	}
	nw.Flush()
	if err := nw.Error(); err != nil {
		return err
	}
	ew := csv.NewWriter(edges)
	ew.UseCRLF = true
	ew.Write(exportEdgeColumns)
	for _, e := range g.edges {
		for _, ev := range e.Evidence {
			n := ""
			if ev.Candidates > 0 {
				n = strconv.Itoa(ev.Candidates)
			}
			ew.Write(exportCSVRow([]string{string(e.From), string(e.To), e.Type.String(), ev.Text, string(ev.Match), n}))
		}
	}
	ew.Flush()
	return ew.Error()
}

func exportCSVRow(row []string) []string {
	for i, c := range row {
		row[i] = exportCSVEscape(exportClean(c))
	}
	return row
}

// exportCSVEscape keeps a spreadsheet from running a cell as a formula.
// exportCSVUnescape undoes it.
func exportCSVEscape(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r'", rune(s[0])) {
		return "'" + s
	}
	return s
}

func exportCSVUnescape(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r'", rune(s[1])) {
		return s[1:]
	}
	return s
}

// The Neo4j labels of the kinds of node.
var cypherLabels = map[Kind]string{KindJob: "Job", KindExternal: "ExternalRole", KindDirection: "Direction", KindLevel: "Level"}

// WriteCypher writes g as Cypher statements that load it into Neo4j, one
// statement per line, each ending with ";": uniqueness constraints on the
// dataset and id of each label, then one MERGE per node with the label of
// its kind (Job, ExternalRole, Direction, Level), keyed by dataset and id
// so that the datasets loaded into one database never merge their nodes
// (every dataset has the Level "level-bac+2", ROME v3 and 4.0 share codes), and one MERGE per edge, EVOLVES_TO for
// evolutions and close jobs (told apart by the type property) and
// GIVES_ACCESS for access. Running the script twice gives the same
// database: properties are set, and an empty one is removed. Every text is
// a single-quoted literal with backslash, quote and line breaks escaped.
func WriteCypher(w io.Writer, g *Graph) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("// Graphe de carrières exporté par pathways : à charger avec cypher-shell.\n")
	for _, k := range []Kind{KindJob, KindExternal, KindDirection, KindLevel} {
		fmt.Fprintf(bw, "CREATE CONSTRAINT %s_dataset_id IF NOT EXISTS FOR (n:%s) REQUIRE (n.dataset, n.id) IS UNIQUE;\n", k, cypherLabels[k])
	}
	ds := cypherString(g.Dataset)
	for _, j := range g.jobs {
		fmt.Fprintf(bw, "MERGE (n:%s {dataset: %s, id: %s}) SET n.title = %s, n.kind = %s, n.family = %s, n.level = %s, n.level_rank = %d, n.level_text = %s, n.has_card = %t, n.rome = %s;\n",
			cypherLabel(j.Kind), ds, cypherString(string(j.ID)), cypherString(j.Title), cypherString(string(j.Kind)),
			cypherOrNull(j.Family), cypherOrNull(j.Level.String()), int(j.Level), cypherOrNull(j.LevelText), j.HasCard,
			cypherList(exportRomeCodes(j)))
	}
	for i := range g.edges {
		e := &g.edges[i]
		from, to := g.jobs[g.pos[e.From]], g.jobs[g.pos[e.To]]
		rel := "EVOLVES_TO"
		if e.Type == Access {
			rel = "GIVES_ACCESS"
		}
		texts, matches := exportEvidence(e)
		fmt.Fprintf(bw, "MATCH (a:%s {dataset: %s, id: %s}), (b:%s {dataset: %s, id: %s}) MERGE (a)-[r:%s {type: %s}]->(b) SET r.evidence = %s, r.match = %s, r.dataset = %s;\n",
			cypherLabel(from.Kind), ds, cypherString(string(from.ID)), cypherLabel(to.Kind), ds, cypherString(string(to.ID)),
			rel, cypherString(e.Type.String()), cypherList(texts), cypherList(matches), ds)
	}
	return bw.Flush()
}

func cypherLabel(k Kind) string {
	if l, ok := cypherLabels[k]; ok {
		return l
	}
	return "Job"
}

// cypherString returns s as a Cypher single-quoted string literal.
func cypherString(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '\'':
			b.WriteString(`\'`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 || (r >= 0x7f && r < 0xa0) || r == '\u2028' || r == '\u2029' {
				fmt.Fprintf(&b, `\u%04X`, r)
				continue
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('\'')
	return b.String()
}

func cypherOrNull(s string) string {
	if s == "" {
		return "null"
	}
	return cypherString(s)
}

func cypherList(ss []string) string {
	if len(ss) == 0 {
		return "null"
	}
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = cypherString(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
