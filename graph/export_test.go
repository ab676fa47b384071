package graph_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/fixture"
	"github.com/pathways-fr/pathways/internal/testtool"
)

// The titles and texts of hostileGraph: markup, quotes, escapes, formula
// triggers, line breaks and control characters.
const (
	cypherAttack = `'}) DETACH DELETE n //`
	markupAttack = "Fin\"; DROP TABLE </data><script>&amp;</script>]]> \\N"
	controlChars = "bell\x07 nul\x00 esc\x1b del\x7f c1\u0085 fin"
	formula      = `=HYPERLINK("http://example.invalid","x")`
	multiline    = "ligne 1\nligne 2\ttab"
	backslashes  = `back\slash \' \\' \u0041 '' "`
)

// hostileGraph builds a small graph whose titles and evidence try to break
// out of every export format. With oddIDs, ids carry quotes and markup too,
// which only the exports (not LoadCSV) accept.
func hostileGraph(t testing.TB, oddIDs bool) *graph.Graph {
	t.Helper()
	id := func(s string) graph.JobID {
		if oddIDs {
			return graph.JobID(s + `'"<&>\`)
		}
		return graph.JobID(s)
	}
	b := graph.NewBuilder("hostile")
	b.Title = `Titre "<b>" & 'co'` + "\x00"
	b.Version = `v'1\`
	b.Families = []graph.Family{{ID: "fam", Title: formula}}
	jobs := []*graph.Job{
		{ID: id("attack"), Title: cypherAttack, Kind: graph.KindJob, Family: "fam", Level: graph.LevelBac2, LevelText: "Bac +2", HasCard: true,
			Names: []graph.Name{{Text: "-moins", Kind: graph.NameSynonym}, {Text: "@arobase", Kind: graph.NameAcronym}}},
		{ID: id("markup"), Title: markupAttack, Kind: graph.KindJob, Level: graph.LevelBac5, LevelText: "Bac +5",
			Rome: []graph.RomeLink{{Code: "M1805"}, {Code: "M1806"}}},
		{ID: id("control"), Title: controlChars, Kind: graph.KindJob},
		{ID: "ext-" + id("formula"), Title: formula, Kind: graph.KindExternal},
		{ID: "ext-" + id("multi"), Title: multiline, Kind: graph.KindExternal},
		{ID: id("slash"), Title: backslashes, Kind: graph.KindJob},
	}
	for _, j := range jobs {
		b.AddJob(j)
	}
	for _, l := range graph.Levels {
		b.AddJob(&graph.Job{ID: graph.LevelID(l), Title: l.Label(), Kind: graph.KindLevel, Level: l})
	}
	b.AddEdge(graph.LevelID(graph.LevelBac2), id("attack"), graph.Access, graph.Evidence{Text: "Niveau minimum d’accès : Bac +2", Match: graph.MatchLevel})
	b.AddEdge(graph.LevelID(graph.LevelBac5), id("markup"), graph.Access, graph.Evidence{Text: "Niveau minimum d’accès : Bac +5", Match: graph.MatchLevel})
	b.AddEdge(id("attack"), id("markup"), graph.Evolution, graph.Evidence{Text: cypherAttack, Match: graph.MatchTitle})
	b.AddEdge(id("attack"), id("markup"), graph.Evolution, graph.Evidence{Text: markupAttack, Match: graph.MatchAlias})
	b.AddEdge(id("attack"), id("markup"), graph.Close, graph.Evidence{Text: multiline, Match: graph.MatchRome})
	b.AddEdge(id("markup"), "ext-"+id("formula"), graph.Evolution, graph.Evidence{Text: formula, Match: graph.MatchExternal})
	b.AddEdge(id("control"), "ext-"+id("multi"), graph.Evolution, graph.Evidence{Text: controlChars, Match: graph.MatchExternal})
	b.AddEdge(id("slash"), id("slash"), graph.Evolution, graph.Evidence{Text: backslashes, Match: graph.MatchSynonym})
	b.AddEdge(id("slash"), id("attack"), graph.Close, graph.Evidence{Text: "", Match: graph.MatchRome})
	g, err := b.Build()
	if err != nil {
		t.Fatalf("Build(hostile): %v", err)
	}
	return g
}

// exportGraphs are the graphs every format is tested on.
func exportGraphs(t *testing.T) map[string]*graph.Graph {
	return map[string]*graph.Graph{
		"metiers": fixture.Metiers(t),
		"rome":    fixture.ROME(t),
		"hostile": hostileGraph(t, false),
		"odd ids": hostileGraph(t, true),
	}
}

// eachExport writes every graph of exportGraphs with write, in a subtest
// of its name, and gives check what it wrote.
func eachExport(t *testing.T, write func(io.Writer, *graph.Graph) error, check func(t *testing.T, name string, g *graph.Graph, out []byte)) {
	for name, g := range exportGraphs(t) {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := write(&buf, g); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			check(t, name, g, buf.Bytes())
		})
	}
}

// stripControls is what the text formats keep of s: control characters
// other than tab and newline dropped.
func stripControls(s string) string {
	return strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\t' && r != '\n') || (r >= 0x7f && r < 0xa0) {
			return -1
		}
		return r
	}, s)
}

func evidenceOf(e graph.Edge) (texts, matches []string) {
	for _, ev := range e.Evidence {
		texts = append(texts, ev.Text)
		matches = append(matches, string(ev.Match))
	}
	return texts, matches
}

func romeOf(j *graph.Job) []string {
	var codes []string
	for _, r := range j.Rome {
		codes = append(codes, r.Code)
	}
	return codes
}

// The GraphML document as encoding/xml reads it.
type graphMLDoc struct {
	XMLName xml.Name `xml:"http://graphml.graphdrawing.org/xmlns graphml"`
	Keys    []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graph struct {
		ID          string        `xml:"id,attr"`
		EdgeDefault string        `xml:"edgedefault,attr"`
		Data        []graphMLData `xml:"data"`
		Nodes       []struct {
			ID   string        `xml:"id,attr"`
			Data []graphMLData `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			ID     string        `xml:"id,attr"`
			Source string        `xml:"source,attr"`
			Target string        `xml:"target,attr"`
			Data   []graphMLData `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

type graphMLData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

func TestExportGraphML(t *testing.T) {
	eachExport(t, graph.WriteGraphML, func(t *testing.T, name string, g *graph.Graph, out []byte) {
		var doc graphMLDoc
		if err := xml.Unmarshal(out, &doc); err != nil {
			t.Fatalf("xml.Unmarshal(WriteGraphML(%s)): %v", name, err)
		}
		// Every attribute is declared once, typed, for one domain.
		keys := map[string]string{} // id → domain
		names := map[string]string{}
		for _, k := range doc.Keys {
			if !slices.Contains([]string{"string", "int", "boolean"}, k.Type) {
				t.Errorf("key %s: attr.type %q", k.ID, k.Type)
			}
			if _, dup := keys[k.ID]; dup {
				t.Errorf("key %s declared twice", k.ID)
			}
			keys[k.ID] = k.For
			names[k.ID] = k.Name
		}
		attrs := func(domain string, ds []graphMLData) map[string]string {
			m := map[string]string{}
			for _, d := range ds {
				if keys[d.Key] != domain {
					t.Errorf("data key %q is not declared for %s", d.Key, domain)
				}
				m[names[d.Key]] = d.Value
			}
			return m
		}
		if doc.Graph.EdgeDefault != "directed" {
			t.Errorf("edgedefault = %q, want directed", doc.Graph.EdgeDefault)
		}
		ga := attrs("graph", doc.Graph.Data)
		if ga["dataset"] != g.Dataset || ga["dataset_title"] != stripControls(g.Title) || ga["dataset_version"] != g.Version {
			t.Errorf("graph data = %v, want dataset %q, title %q, version %q", ga, g.Dataset, g.Title, g.Version)
		}
		if got, want := len(doc.Graph.Nodes), g.Len(); got != want {
			t.Fatalf("GraphML has %d nodes, want %d", got, want)
		}
		byGraphMLID := map[string]graph.JobID{}
		for i, n := range doc.Graph.Nodes {
			j := g.Jobs()[i]
			byGraphMLID[n.ID] = j.ID
			a := attrs("node", n.Data)
			want := map[string]string{
				"label": stripControls(j.Title), "title": stripControls(j.Title), "kind": string(j.Kind),
				"family": j.Family, "level": j.Level.String(), "level_rank": strconv.Itoa(int(j.Level)),
				"level_text": j.LevelText, "has_card": strconv.FormatBool(j.HasCard),
				"rome": strings.Join(romeOf(j), " | "),
			}
			if want := fmt.Sprintf("n%d", i); n.ID != want || a["id"] != stripControls(string(j.ID)) {
				t.Errorf("node %d: id %q, data id %q, want %q and %q", i, n.ID, a["id"], want, j.ID)
			}
			for k, v := range want {
				if a[k] != v {
					t.Errorf("node %s: %s = %q, want %q", j.ID, k, a[k], v)
				}
			}
			if _, err := strconv.Atoi(a["level_rank"]); err != nil {
				t.Errorf("node %s: level_rank %q is not an int", j.ID, a["level_rank"])
			}
		}
		if got, want := len(doc.Graph.Edges), len(g.Edges()); got != want {
			t.Fatalf("GraphML has %d edges, want %d", got, want)
		}
		for i, e := range doc.Graph.Edges {
			ge := g.Edges()[i]
			a := attrs("edge", e.Data)
			texts, matches := evidenceOf(ge)
			if byGraphMLID[e.Source] != ge.From || byGraphMLID[e.Target] != ge.To || a["type"] != ge.Type.String() {
				t.Errorf("edge %d = %s -[%s]-> %s, want %s -[%s]-> %s", i, e.Source, a["type"], e.Target, ge.From, ge.Type, ge.To)
			}
			if want := stripControls(strings.Join(texts, " | ")); a["evidence"] != want {
				t.Errorf("edge %d: evidence %q, want %q", i, a["evidence"], want)
			}
			if want := strings.Join(matches, " | "); a["match"] != want {
				t.Errorf("edge %d: match %q, want %q", i, a["match"], want)
			}
		}
	})
}

// jgfSchema mirrors the JSON Graph Format v2 schema: decoding with
// DisallowUnknownFields refuses any property the schema does not allow.
type jgfSchema struct {
	Graph *struct {
		ID       string         `json:"id"`
		Label    string         `json:"label"`
		Directed *bool          `json:"directed"`
		Type     string         `json:"type"`
		Metadata map[string]any `json:"metadata"`
		Nodes    map[string]struct {
			Label    string         `json:"label"`
			Metadata map[string]any `json:"metadata"`
		} `json:"nodes"`
		Edges []struct {
			ID       string         `json:"id"`
			Source   *string        `json:"source"`
			Target   *string        `json:"target"`
			Relation string         `json:"relation"`
			Directed *bool          `json:"directed"`
			Label    string         `json:"label"`
			Metadata map[string]any `json:"metadata"`
		} `json:"edges"`
	} `json:"graph"`
}

func TestExportJGF(t *testing.T) {
	eachExport(t, graph.WriteJGF, func(t *testing.T, name string, g *graph.Graph, out []byte) {
		var doc jgfSchema
		dec := json.NewDecoder(bytes.NewReader(out))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&doc); err != nil {
			t.Fatalf("WriteJGF(%s) does not follow the JGF v2 schema: %v", name, err)
		}
		gr := doc.Graph
		if gr == nil || gr.Directed == nil || !*gr.Directed || gr.Type != "pathways" || gr.Label != g.Title {
			t.Fatalf("graph header = %+v", gr)
		}
		if gr.Metadata["dataset"] != g.Dataset || gr.Metadata["version"] != g.Version {
			t.Errorf("graph metadata = %v", gr.Metadata)
		}
		if got, want := len(gr.Nodes), g.Len(); got != want {
			t.Fatalf("JGF has %d nodes, want %d", got, want)
		}
		for _, j := range g.Jobs() {
			n, ok := gr.Nodes[string(j.ID)]
			if !ok {
				t.Errorf("node %q missing", j.ID)
				continue
			}
			m := n.Metadata
			if n.Label != j.Title || m["kind"] != string(j.Kind) || m["level_rank"] != float64(j.Level) ||
				m["has_card"] != j.HasCard || (m["level"] != nil && m["level"] != j.Level.String()) {
				t.Errorf("node %s = %q %v, want %+v", j.ID, n.Label, m, *j)
			}
			var rome []string
			if rs, ok := m["rome"].([]any); ok {
				for _, r := range rs {
					rome = append(rome, r.(string))
				}
			}
			if !slices.Equal(rome, romeOf(j)) {
				t.Errorf("node %s: rome %v, want %v", j.ID, rome, romeOf(j))
			}
		}
		if got, want := len(gr.Edges), len(g.Edges()); got != want {
			t.Fatalf("JGF has %d edges, want %d", got, want)
		}
		for i, e := range gr.Edges {
			ge := g.Edges()[i]
			if e.Source == nil || e.Target == nil {
				t.Fatalf("edge %d lacks source or target, which the schema requires", i)
			}
			if _, ok := gr.Nodes[*e.Source]; !ok {
				t.Errorf("edge %d: source %q is no node", i, *e.Source)
			}
			if *e.Source != string(ge.From) || *e.Target != string(ge.To) || e.Relation != ge.Type.String() {
				t.Errorf("edge %d = %s -[%s]-> %s, want %s -[%s]-> %s", i, *e.Source, e.Relation, *e.Target, ge.From, ge.Type, ge.To)
			}
			raw, _ := json.Marshal(e.Metadata["evidence"])
			var ev []graph.Evidence
			if err := json.Unmarshal(raw, &ev); err != nil || !slices.Equal(ev, ge.Evidence) {
				t.Errorf("edge %d: evidence %s, want %v", i, raw, ge.Evidence)
			}
		}
	})
}

func TestExportCSV(t *testing.T) {
	for name, g := range exportGraphs(t) {
		t.Run(name, func(t *testing.T) {
			var nodes, edges bytes.Buffer
			if err := graph.WriteCSV(&nodes, &edges, g); err != nil {
				t.Fatalf("WriteCSV: %v", err)
			}
			for file, b := range map[string][]byte{"nodes.csv": nodes.Bytes(), "edges.csv": edges.Bytes()} {
				if !bytes.HasSuffix(b, []byte("\r\n")) || bytes.Contains(bytes.ReplaceAll(b, []byte("\r\n"), nil), []byte("\r")) {
					t.Errorf("%s: RFC 4180 ends every line with CRLF", file)
				}
			}
			nrows, err := csv.NewReader(&nodes).ReadAll()
			if err != nil {
				t.Fatalf("csv.ReadAll(nodes.csv): %v", err)
			}
			wantHead := []string{"id", "title", "kind", "family", "family_title", "level", "level_text", "access_text",
				"has_card", "rome", "synonyms", "acronyms", "aliases", "appellations"}
			if !slices.Equal(nrows[0], wantHead) {
				t.Errorf("nodes.csv header = %q, want %q", nrows[0], wantHead)
			}
			if got, want := len(nrows)-1, g.Len(); got != want {
				t.Fatalf("nodes.csv has %d rows, want %d", got, want)
			}
			for i, row := range nrows[1:] {
				j := g.Jobs()[i]
				title := strings.TrimPrefix(row[1], "'")
				if row[0] != string(j.ID) || title != stripControls(j.Title) || row[2] != string(j.Kind) ||
					row[5] != j.Level.String() || row[8] != strconv.FormatBool(j.HasCard) {
					t.Errorf("nodes.csv row %d = %q, want %+v", i+2, row, *j)
				}
			}
			erows, err := csv.NewReader(&edges).ReadAll()
			if err != nil {
				t.Fatalf("csv.ReadAll(edges.csv): %v", err)
			}
			if want := []string{"from", "to", "type", "evidence", "match", "candidates"}; !slices.Equal(erows[0], want) {
				t.Errorf("edges.csv header = %q, want %q", erows[0], want)
			}
			distinct := map[[3]string]bool{}
			evidence := 0
			for _, e := range g.Edges() {
				evidence += len(e.Evidence)
			}
			for _, row := range erows[1:] {
				distinct[[3]string{row[0], row[1], row[2]}] = true
			}
			if got := len(erows) - 1; got != evidence {
				t.Errorf("edges.csv has %d rows, want one per piece of evidence: %d", got, evidence)
			}
			if got, want := len(distinct), len(g.Edges()); got != want {
				t.Errorf("edges.csv names %d edges, want %d", got, want)
			}
		})
	}
}

// TestExportCSVFormulas checks that no cell of the hostile graph would run
// as a formula in a spreadsheet.
func TestExportCSVFormulas(t *testing.T) {
	var nodes, edges bytes.Buffer
	if err := graph.WriteCSV(&nodes, &edges, hostileGraph(t, false)); err != nil {
		t.Fatalf("WriteCSV: %v", err)
	}
	for file, b := range map[string]*bytes.Buffer{"nodes.csv": &nodes, "edges.csv": &edges} {
		rows, err := csv.NewReader(b).ReadAll()
		if err != nil {
			t.Fatalf("csv.ReadAll(%s): %v", file, err)
		}
		found := false
		for _, row := range rows {
			for _, cell := range row {
				if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
					t.Errorf("%s: cell %q starts a formula", file, cell)
				}
				found = found || cell == "'"+formula
			}
		}
		if !found {
			t.Errorf("%s: the formula title is not written as %q", file, "'"+formula)
		}
	}
}

func TestExportsDeterministic(t *testing.T) {
	g := fixture.Metiers(t)
	writers := map[string]func(*bytes.Buffer) error{
		"graphml": func(b *bytes.Buffer) error { return graph.WriteGraphML(b, g) },
		"jgf":     func(b *bytes.Buffer) error { return graph.WriteJGF(b, g) },
		"cypher":  func(b *bytes.Buffer) error { return graph.WriteCypher(b, g) },
		"csv":     func(b *bytes.Buffer) error { return graph.WriteCSV(b, b, g) },
	}
	for name, write := range writers {
		var a, b bytes.Buffer
		if err := write(&a); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := write(&b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("two %s exports of one graph differ", name)
		}
	}
}

// failWriter fails after n bytes.
type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, fmt.Errorf("disk full")
	}
	w.n -= len(p)
	return len(p), nil
}

func TestExportsReportWriteErrors(t *testing.T) {
	g := fixture.Metiers(t)
	for name, write := range map[string]func(*failWriter) error{
		"graphml": func(w *failWriter) error { return graph.WriteGraphML(w, g) },
		"jgf":     func(w *failWriter) error { return graph.WriteJGF(w, g) },
		"cypher":  func(w *failWriter) error { return graph.WriteCypher(w, g) },
		"csv nodes": func(w *failWriter) error {
			return graph.WriteCSV(w, &bytes.Buffer{}, g)
		},
		"csv edges": func(w *failWriter) error {
			return graph.WriteCSV(&bytes.Buffer{}, w, g)
		},
	} {
		if err := write(&failWriter{n: 100}); err == nil {
			t.Errorf("%s: a failing writer gives no error", name)
		}
	}
}

// TestGraphMLSchema validates every GraphML export with libxml2's xmllint
// against the GraphML 1.0 schema of testdata/graphml (see its header).
func TestGraphMLSchema(t *testing.T) {
	xmllint := testtool.Command(t, "Debian package libxml2-utils", "xmllint")
	schema, err := filepath.Abs("testdata/graphml/graphml.xsd")
	if err != nil {
		t.Fatal(err)
	}
	for name, g := range exportGraphs(t) {
		var b bytes.Buffer
		if err := graph.WriteGraphML(&b, g); err != nil {
			t.Fatalf("WriteGraphML(%s): %v", name, err)
		}
		file := filepath.Join(t.TempDir(), "g.graphml")
		if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(xmllint, "--noout", "--nonet", "--schema", schema, file).CombinedOutput()
		if err != nil {
			t.Errorf("xmllint --schema graphml.xsd on the GraphML of %s: %v\n%s", name, err, clipOutput(out))
		}
	}
}

// TestGraphMLSchemaRefuses checks that the schema test can fail: the id
// the export wrote before, level-bac+2, is not an NMTOKEN.
func TestGraphMLSchemaRefuses(t *testing.T) {
	xmllint := testtool.Command(t, "Debian package libxml2-utils", "xmllint")
	file := filepath.Join(t.TempDir(), "bad.graphml")
	doc := `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed"><node id="level-bac+2"/></graph></graphml>`
	if err := os.WriteFile(file, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(xmllint, "--noout", "--nonet", "--schema", "testdata/graphml/graphml.xsd", file).CombinedOutput(); err == nil {
		t.Errorf("xmllint accepted the node id level-bac+2:\n%s", out)
	}
}

func clipOutput(b []byte) []byte {
	if len(b) > 2000 {
		return append(b[:2000:2000], "…"...)
	}
	return b
}
