package web

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/fixture"
	"github.com/pathways-fr/pathways/internal/testtool"
	"github.com/pathways-fr/pathways/pathways"
)

var update = flag.Bool("update", false, "update .golden files")

// svgTrap loads testdata/piege.json, whose titles hold quotes, angle
// brackets, ampersands, DOT syntax, template braces, newlines and
// bidirectional overrides.
func svgTrap(t testing.TB) *graph.Graph {
	t.Helper()
	g, err := loadTrap()
	if err != nil {
		t.Fatalf("LoadMetiers(piege.json): %v", err)
	}
	return g
}

// loadTrap is svgTrap for a caller without a test, as the fuzz server.
func loadTrap() (*graph.Graph, error) {
	f, err := os.Open(filepath.Join("testdata", "piege.json"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return graph.LoadMetiers(f, "piege.json")
}

func dotOf(t *testing.T, g *graph.Graph, v *view) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := writeDOT(&b, g, v); err != nil {
		t.Fatalf("writeDOT: %v", err)
	}
	return b.Bytes()
}

// TestDOTGolden checks the DOT of the maps against golden files: on the
// repertoire, the whole map, a route, a route with a study step (drawn
// as an edge labelled « études ») and a job's ego map; and the maps
// of issue 12: the ROME 4.0 overview with grand domains and domains by
// title, a fiche's ego map with its parent (and a parent's with its
// children), and a route on dataset all with its edges coloured by
// source and the legend saying so. Each DOT is written twice, from a
// view built twice, and must be the same bytes.
func TestDOTGolden(t *testing.T) {
	m, r, all := fixture.Metiers(t), fixture.ROME4(t), fixture.All(t)
	// drawn is the view of the routes a path query found.
	drawn := func(g *graph.Graph, doc pathways.Paths, err error) *view {
		if err != nil || len(doc.Paths) == 0 {
			t.Fatalf("path on %s = %v, %v", g.Dataset, doc.Paths, err)
		}
		return pathView(g, doc)
	}
	path := func(g *graph.Graph, from pathways.Endpoint, to []int32, opts pathways.Options) func() *view {
		return func() *view {
			doc, err := pathways.Shortest(g, from, to, opts)
			return drawn(g, doc, err)
		}
	}
	// route is path between two texts of the repertoire.
	route := func(from, to string, opts pathways.Options) func() *view {
		return func() *view {
			doc, err := pathways.Route(m, from, to, opts)
			return drawn(m, doc, err)
		}
	}
	job := func(g *graph.Graph, id string) func() *view {
		return func() *view {
			d, err := pathways.Show(g, id)
			if err != nil {
				t.Fatal(err)
			}
			return jobView(g, d)
		}
	}
	whole := func(g *graph.Graph) func() *view {
		return func() *view {
			v, err := mapView(g, "")
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
	}
	ends := func(ids ...graph.JobID) []int32 { return fixture.Nodes(t, all, ids...) }
	types, _ := pathways.ParseTypes("")
	for _, tt := range []struct {
		golden string
		g      *graph.Graph
		view   func() *view
		want   []string
	}{
		{"map.dot.golden", m, whole(m), nil},
		{"path-technicien-architecte.dot.golden", m, route("technicien", "architecte", pathways.Options{K: 3}), nil},
		{"job-architecte-logiciel.dot.golden", m, job(m, "architecte-logiciel"), nil},
		{"path-bts-data-scientist.dot.golden", m, route("BTS", "data scientist", pathways.Options{K: 3, Types: types}), []string{`style=dashed, label="études"`, "Études ou formation (étape calculée)"}},
		{"map-rome4.dot.golden", r, whole(r), []string{
			`Grand domaine M — Support à l'entreprise`, `M18 — Systèmes d'information et de télécommunication`}},
		{"job-rome4-M1860.dot.golden", r, job(r, "M1860"), []string{"fiche fille de", "Fiche parente → fiche fille"}},
		{"job-all-M1802.dot.golden", all, job(all, "M1802"), []string{"style=tapered", "Lien : ROME 4.0"}},
		{"path-all-technicien-architecte.dot.golden", all,
			path(all, pathways.Endpoint{Nodes: ends("technicien-reseaux-cloud", "technicien-maintenance-support")}, ends("architecte-cloud-reseaux"), pathways.Options{K: 2}),
			[]string{`arrowhead=none, label="≡"`, "même métier dans ROME, correspondance revue", "(rang 1)"}},
	} {
		got := dotOf(t, tt.g, tt.view())
		if again := dotOf(t, tt.g, tt.view()); !bytes.Equal(got, again) {
			t.Errorf("%s: writeDOT gave different bytes on a second call", tt.golden)
		}
		for _, w := range tt.want {
			if !strings.Contains(string(got), w) {
				t.Errorf("%s: the DOT lacks %q", tt.golden, w)
			}
		}
		testtool.Golden(t, tt.golden, got, *update)
	}
}

func TestCleanText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Développeur web", "Développeur web"},
		{"Ligne un\nLigne deux\r\n\tfin ", "Ligne un Ligne deux fin"},
		{"Admin \u202elanretni\u202c \u2066isolé\u2069 \u200fx", "Admin lanretni isolé x"},
		{"a\x00b\x7fc\u0085d", "a b c d"},
		{"bad \xff utf8", "bad \uFFFD utf8"},
		{"no\uFFFEnon\uFFFFchar", "nononchar"},
		{"  lead", "lead"},
	} {
		if got := cleanText(tt.in); got != tt.want {
			t.Errorf("cleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDOTString(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`Chef "de" projet`, `"Chef \"de\" projet"`},
		{`fin\`, `"fin\\"`},
		{`\N \G \"`, `"\\N \\G \\\""`},
		{"a\nb", `"a b"`},
		{`]; label="x"; n1 -> n2 [`, `"]; label=\"x\"; n1 -> n2 ["`},
	} {
		if got := dotString(tt.in); got != tt.want {
			t.Errorf("dotString(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
	if got, want := dotLabel("a \"b\"", `c\`), `"a \"b\"\nc\\"`; got != want {
		t.Errorf("dotLabel = %s, want %s", got, want)
	}
	if got, want := xmlText(`<b a="1">&'</b>`), "&lt;b a=&#34;1&#34;&gt;&amp;&#39;&lt;/b&gt;"; got != want {
		t.Errorf("xmlText = %s, want %s", got, want)
	}
}

func TestWrap(t *testing.T) {
	for _, tt := range []struct {
		in    string
		width int
		want  []string
	}{
		{"Technicien de maintenance et support client", 24, []string{"Technicien de", "maintenance et support", "client"}},
		{"Anticonstitutionnellement long", 10, []string{"Anticonstitutionnellement", "long"}},
		{"", 10, []string{""}},
	} {
		if got := wrap(tt.in, tt.width); strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("wrap(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
}

// TestDOTNeverUsesText checks that every node of the hostile dataset is
// written under a node number, and that no text of the dataset reaches
// the DOT unquoted.
func TestDOTNeverUsesText(t *testing.T) {
	g := svgTrap(t)
	v, err := mapView(g, "")
	if err != nil {
		t.Fatal(err)
	}
	dot := string(dotOf(t, g, v))
	nodes, edges := dotStatements(t, "/svg/map?dataset=piege", dot)
	if nodes != len(v.Nodes) || edges != len(v.Edges) {
		t.Errorf("the DOT has %d node and %d edge statements, want %d and %d:\n%s", nodes, edges, len(v.Nodes), len(v.Edges), dot)
	}
}

// bigGraph returns a graph of n jobs in families of size per family,
// each job leading to the next.
func bigGraph(t testing.TB, name string, n, size int) *graph.Graph {
	t.Helper()
	b := graph.NewBuilder(name)
	b.Title = "Grand jeu " + name
	for f := 0; f*size < n; f++ {
		b.Families = append(b.Families, graph.Family{ID: famID(f), Number: f + 1, Title: "Famille " + famID(f)})
	}
	for i := range n {
		b.AddJob(&graph.Job{ID: jobID(i), Title: "Métier " + string(jobID(i)), Kind: graph.KindJob,
			Family: famID(i / size), Level: graph.Levels[i%len(graph.Levels)], HasCard: true})
	}
	for i := 1; i < n; i++ {
		b.AddEdge(jobID(i-1), jobID(i), graph.Evolution, graph.Evidence{Text: "suite", Match: graph.MatchTitle})
		if i%7 == 0 {
			b.AddEdge(jobID(i), jobID((i*31)%n), graph.Close, graph.Evidence{Text: "proche", Match: graph.MatchTitle})
		}
	}
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func famID(f int) string { return "fam-" + string(rune('a'+f/26)) + string(rune('a'+f%26)) }

func jobID(i int) graph.JobID {
	return graph.JobID("job-" + string(rune('a'+i/676)) + string(rune('a'+i/26%26)) + string(rune('a'+i%26)))
}

func TestMapViewOverview(t *testing.T) {
	g := bigGraph(t, "grand", 300, 30)
	v, err := mapView(g, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Families) != 10 || len(v.Nodes) != 0 {
		t.Fatalf("mapView of 300 jobs in 10 families: %d families and %d nodes, want an overview of 10 families", len(v.Families), len(v.Nodes))
	}
	dot := string(dotOf(t, g, v))
	if !strings.Contains(dot, `href="/?map=fam-aa&amp;dataset=grand"`) {
		t.Errorf("the overview does not link families to their map:\n%s", dot)
	}
	f, err := mapView(g, "FAM-AC")
	if err != nil {
		t.Fatalf("mapView(FAM-AC): %v", err)
	}
	var in, out int
	for _, n := range f.Nodes {
		if g.Node(n.Node).Family == "fam-ac" {
			in++
			if n.Mark == pathways.MarkFaded {
				t.Errorf("mapView(fam-ac): its job %s is greyed", g.Node(n.Node).ID)
			}
		} else {
			out++
			if n.Mark != pathways.MarkFaded {
				t.Errorf("mapView(fam-ac): neighbour %s is not greyed", g.Node(n.Node).ID)
			}
		}
	}
	if in != 30 || out == 0 {
		t.Errorf("mapView(fam-ac) = %d jobs of the family and %d neighbours, want 30 and some", in, out)
	}
	if _, err := mapView(g, "nope"); !errors.Is(err, pathways.ErrBadQuery) {
		t.Errorf("mapView(nope) = %v, want ErrBadQuery", err)
	}
}

func TestViewTooLarge(t *testing.T) {
	g := bigGraph(t, "grand", 300, 300)
	v, err := mapView(g, "fam-aa")
	if err != nil {
		t.Fatal(err)
	}
	err = v.checkSize("réduisez")
	var qe *pathways.Error
	if !errors.Is(err, errViewTooLarge) || !errors.As(err, &qe) || qe.Code != codeViewTooLarge {
		t.Fatalf("checkSize of 300 nodes = %v, want view_too_large", err)
	}
	if n, e := v.Size(); n <= maxViewNodes && e <= maxViewEdges {
		t.Errorf("checkSize refused a view of %d nodes and %d edges, within the caps", n, e)
	}
}

// TestDOTRendersWellFormedSVG renders the DOT export of the repertoire
// and the DOT golden files with the system's Graphviz (Debian's dot) and
// parses each SVG as XML.
func TestDOTRendersWellFormedSVG(t *testing.T) {
	dot := testtool.Command(t, "Debian package graphviz", "dot")
	g := fixture.Metiers(t)
	var export bytes.Buffer
	if err := WriteGraphDOT(&export, g); err != nil {
		t.Fatalf("WriteGraphDOT: %v", err)
	}
	sources := map[string][]byte{"export metiers": export.Bytes()}
	goldens, _ := filepath.Glob("testdata/*.dot.golden")
	for _, f := range goldens {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sources[f] = b
	}
	if len(sources) < 2 {
		t.Fatalf("no DOT golden file in testdata")
	}
	for name, src := range sources {
		svg := renderSystemDOT(t, dot, src)
		if err := wellFormed(svg); err != nil {
			t.Errorf("dot -Tsvg of %s: ill-formed SVG: %v", name, err)
		}
		if !bytes.Contains(svg, []byte("<svg")) {
			t.Errorf("dot -Tsvg of %s: no <svg element", name)
		}
	}
}

// TestWellFormedRefuses checks that the check can fail: the raw "&" the
// links had before.
func TestWellFormedRefuses(t *testing.T) {
	if err := wellFormed([]byte(`<svg><a href="/?job=x&dataset=y"/></svg>`)); err == nil {
		t.Errorf("wellFormed accepted a raw & in an attribute")
	}
}

func renderSystemDOT(t *testing.T, dot string, src []byte) []byte {
	t.Helper()
	cmd := exec.Command(dot, "-Tsvg")
	cmd.Stdin = bytes.NewReader(src)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("dot -Tsvg: %v\n%s", err, stderr.String())
	}
	return out.Bytes()
}

// wellFormed parses b as XML to its end, entities and all.
func wellFormed(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
