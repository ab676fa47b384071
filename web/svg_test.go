package web

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/fixture"
)

const xlinkNS = "http://www.w3.org/1999/xlink"

// svgServer returns the real handler on the graphs, the first being the
// default dataset; a nil renderer stands for the shared one.
func svgServer(t testing.TB, r *Renderer, gs ...*graph.Graph) http.Handler {
	t.Helper()
	h, err := NewServer(Config{Datasets: NewDatasets(gs[0].Dataset, gs...), Renderer: r})
	if err != nil {
		t.Fatalf("NewServer: %v", err)
	}
	return h
}

// svgRenderer returns a renderer closed at the end of the test.
func svgRenderer(t testing.TB, cfg RenderConfig) *Renderer {
	r := NewRenderer(cfg)
	t.Cleanup(func() { r.Close() })
	return r
}

// svgDoc is what a test reads in an SVG.
type svgDoc struct {
	text     string            // the text of every <text>, one space between
	nodes    map[string]svgRef // node groups by the comment before them: the DOT node ID
	title    string            // the <title> and <desc> of the <svg>
	desc     string
	edges    int
	tooltips []string // of every link
}

// svgRef is the link of a node.
type svgRef struct{ href, title, target string }

// readSVG checks that an answer is a well-formed SVG with no script and
// reads it.
func readSVG(t *testing.T, target string, rec *httptest.ResponseRecorder) svgDoc {
	t.Helper()
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s: status %d, want 200: %s", target, rec.Code, rec.Body)
	}
	h := rec.Header()
	checkHeaders(t, "GET "+target, h, map[string]string{
		"Content-Type":            "image/svg+xml",
		"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'",
		"X-Content-Type-Options":  "nosniff",
		"Vary":                    "Accept-Encoding",
	})
	if h.Get("ETag") == "" {
		t.Errorf("GET %s: no ETag", target)
	}
	body := rec.Body.Bytes()
	if bytes.Contains(bytes.ToLower(body), []byte("<script")) {
		t.Errorf("GET %s: the SVG holds <script", target)
	}
	doc := svgDoc{nodes: map[string]svgRef{}}
	var texts []string
	var inText, inTitle, inDesc bool
	var group, node string // class of the innermost <g>, ID of the node being read
	var comment string     // the last comment: Graphviz writes the DOT ID of each group before it
	depth := 0             // of <g> elements
	dec := xml.NewDecoder(bytes.NewReader(body))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("GET %s: the SVG is not well-formed XML: %v", target, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch strings.ToLower(tok.Name.Local) {
			case "script", "foreignobject", "iframe", "object", "embed":
				t.Errorf("GET %s: the SVG holds a <%s>", target, tok.Name.Local)
			case "text":
				inText = true
			case "title":
				inTitle = true
				if depth > 0 {
					t.Errorf("GET %s: a <title> inside a group: Graphviz's names must be hidden from screen readers", target)
				}
			case "desc":
				inDesc = true
			case "g":
				depth++
				for _, a := range tok.Attr {
					if a.Name.Local == "class" {
						group = a.Value
						if group == "edge" {
							doc.edges++
						}
						if group == "node" {
							node = comment
							doc.nodes[node] = svgRef{}
						}
					}
				}
			case "a":
				for _, a := range tok.Attr {
					if a.Name.Space == xlinkNS && a.Name.Local == "title" {
						doc.tooltips = append(doc.tooltips, a.Value)
					}
				}
				if group == "node" && node != "" {
					var ref svgRef
					for _, a := range tok.Attr {
						switch {
						case a.Name.Space == xlinkNS && a.Name.Local == "href":
							ref.href = a.Value
						case a.Name.Space == xlinkNS && a.Name.Local == "title":
							ref.title = a.Value
						case a.Name.Local == "target":
							ref.target = a.Value
						}
					}
					doc.nodes[node] = ref
				}
			}
			for _, a := range tok.Attr {
				if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
					t.Errorf("GET %s: the SVG holds an event handler %s", target, a.Name.Local)
				}
				if strings.Contains(strings.ToLower(a.Value), "javascript:") {
					t.Errorf("GET %s: the SVG holds a javascript: URL", target)
				}
			}
		case xml.EndElement:
			switch tok.Name.Local {
			case "text":
				inText = false
			case "title":
				inTitle = false
			case "desc":
				inDesc = false
			case "g":
				depth--
			}
		case xml.Comment:
			comment = html.UnescapeString(strings.TrimSpace(string(tok)))
		case xml.CharData:
			switch {
			case inText:
				texts = append(texts, string(tok))
			case inTitle:
				doc.title += string(tok)
			case inDesc:
				doc.desc += string(tok)
			}
		}
	}
	doc.text = strings.Join(texts, " ")
	if doc.title == "" || doc.desc == "" {
		t.Errorf("GET %s: the SVG has title %q and desc %q, want both", target, doc.title, doc.desc)
	}
	return doc
}

// checkLinks checks that every node of doc but the legend links to its
// job's page, with a tooltip.
func checkLinks(t *testing.T, target string, g *graph.Graph, doc svgDoc) {
	t.Helper()
	for id, ref := range doc.nodes {
		if id == "legend" {
			continue
		}
		var i int
		if _, err := fmt.Sscanf(id, "n%d", &i); err != nil || i >= g.Len() {
			t.Errorf("GET %s: node %q is not named by a node number", target, id)
			continue
		}
		j := g.Node(int32(i))
		want := "/?job=" + url.QueryEscape(string(j.ID)) + "&dataset=" + url.QueryEscape(g.Dataset)
		if ref.href != want || ref.target != "_top" {
			t.Errorf("GET %s: node %s links to %q target %q, want %q target _top", target, j.ID, ref.href, ref.target, want)
		}
		if !strings.HasPrefix(ref.title, cleanText(j.Title)+" — ") {
			t.Errorf("GET %s: node %s has tooltip %q, want it to start with its title", target, j.ID, ref.title)
		}
	}
}

func TestSVGViews(t *testing.T) {
	g := fixture.Metiers(t)
	h := svgServer(t, nil, g)
	for _, tt := range []struct {
		target string
		nodes  int // at least
	}{
		{"/svg/map", 60},
		{"/svg/map?family=programmation-developpement", 5},
		{"/svg/map?domain=commerce&dataset=metiers", 3},
		{"/svg/path?from=technicien&to=architecte", 4},
		{"/svg/path?from=technicien&to=architecte&k=3&by=effort", 4},
		{"/svg/path?from=BTS&to=architecte-logiciel", 3},
		{"/svg/path?from=coach-agile&to=technicien-reseaux-cloud", 1},
		{"/svg/reachable?from=technicien-reseaux-cloud&depth=2", 5},
		{"/svg/reachable?level=bac%2B2&depth=1", 10},
		{"/svg/reachable?from=developpeur-web&types=evolution", 2},
		{"/svg/feeders?to=architecte-logiciel", 4},
		{"/svg/feeders?to=directeur-systemes-information&depth=1", 4},
		{"/svg/jobs/architecte-logiciel", 7},
		{"/svg/jobs/level-bac%2B5", 2},
		{"/svg/jobs/ext-urbaniste", 2},
	} {
		doc := readSVG(t, tt.target, apiDo(h, http.MethodGet, tt.target))
		if len(doc.nodes) < tt.nodes {
			t.Errorf("GET %s: %d nodes, want at least %d", tt.target, len(doc.nodes), tt.nodes)
		}
		checkLinks(t, tt.target, g, doc)
	}
}

func TestSVGMapNamesEveryJob(t *testing.T) {
	g := fixture.Metiers(t)
	doc := readSVG(t, "/svg/map", apiDo(svgServer(t, nil, g), http.MethodGet, "/svg/map"))
	tooltips := map[string]bool{}
	for _, ref := range doc.nodes {
		tooltips[ref.title] = true
	}
	for _, j := range g.Jobs() {
		if !j.HasCard {
			continue
		}
		if !strings.Contains(doc.text, j.Title) {
			t.Errorf("GET /svg/map: the text does not name %q", j.Title)
		}
		if !tooltips[fmt.Sprintf("%s — Niveau : %s — Famille : %s", j.Title, j.Level.Label(), familyTitle(g, j.Family))] {
			t.Errorf("GET /svg/map: no tooltip for %q with its level and family", j.Title)
		}
	}
}

func familyTitle(g *graph.Graph, id string) string {
	f, _ := g.Family(id)
	return f.Title
}

// TestSVGSameBytes renders the same view twice without a cache, in two
// worker processes.
func TestSVGSameBytes(t *testing.T) {
	g := fixture.Metiers(t)
	r := svgRenderer(t, RenderConfig{CacheBytes: -1, MaxRenders: 1})
	h := svgServer(t, r, g)
	for _, target := range []string{"/svg/map", "/svg/path?from=technicien&to=architecte&k=3"} {
		a, b := apiDo(h, http.MethodGet, target), apiDo(h, http.MethodGet, target)
		readSVG(t, target, a)
		if !bytes.Equal(a.Body.Bytes(), b.Body.Bytes()) {
			t.Errorf("GET %s twice gave different bytes", target)
		}
		if a.Header().Get("ETag") != b.Header().Get("ETag") {
			t.Errorf("GET %s twice gave different ETags", target)
		}
	}
	if s := r.stats(); s.Renders != 4 || s.Started != 4 {
		t.Errorf("Stats = %+v, want 4 renders by 4 workers", s)
	}
}

// TestSVGHostileTitles draws a dataset whose titles hold XML, DOT and
// template syntax, newlines and bidirectional overrides: the DOT must
// stay valid and the SVG must show them as text.
func TestSVGHostileTitles(t *testing.T) {
	g := svgTrap(t)
	h := svgServer(t, nil, fixture.Metiers(t), g)
	for _, target := range []string{
		"/svg/map?dataset=piege",
		"/svg/map?dataset=piege&family=fam-a",
		"/svg/path?dataset=piege&from=guillemets&to=sans-famille&k=2",
		"/svg/jobs/crochets?dataset=piege",
		"/svg/reachable?dataset=piege&from=guillemets",
		"/svg/feeders?dataset=piege&to=guillemets",
	} {
		rec := apiDo(h, http.MethodGet, target)
		doc := readSVG(t, target, rec)
		checkLinks(t, target, g, doc)
		if bytes.ContainsAny(rec.Body.Bytes(), "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069") {
			t.Errorf("GET %s: the SVG holds a bidirectional control", target)
		}
	}
	target := "/svg/map?dataset=piege"
	doc := readSVG(t, target, apiDo(h, http.MethodGet, target))
	for _, j := range g.Jobs() {
		if j.Kind == graph.KindLevel {
			continue
		}
		if title := cleanText(j.Title); !strings.Contains(doc.text, title) {
			t.Errorf("GET %s: the text does not show %q", target, title)
		}
	}
	for _, want := range []string{`Chef "de" projet \N \G \" fin\`, "<script>alert(1)</script> & cie", "Ligne un Ligne deux fin",
		"Admin lanretni réseau isolé", `Rôle <externe> & "cité" \`} {
		if !strings.Contains(doc.text, want) {
			t.Errorf("GET %s: the text does not show %q:\n%s", target, want, doc.text)
		}
	}
	tips := strings.Join(doc.tooltips, "\n")
	for _, want := range []string{`Chef "de" projet \N \G \" fin\ → Développeur <script>alert(1)</script> & cie (évolution) : « preuve "1" <b> »`,
		`« preuve \ 7 »`, `Testeur ]; label="pwn"; n1 -> n2 [color=red → Modèle {{ .Title }} } digraph { <!-- x --> (mobilité proche)`} {
		if !strings.Contains(tips, want) {
			t.Errorf("GET %s: no tooltip shows %q:\n%s", target, want, tips)
		}
	}
	v, err := mapView(g, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.nodes) != len(v.Nodes)+1 || doc.edges != len(v.Edges) {
		t.Errorf("GET %s: %d nodes and %d edges, want %d and %d: a title changed the graph",
			target, len(doc.nodes), doc.edges, len(v.Nodes)+1, len(v.Edges))
	}
}

func TestSVGCaching(t *testing.T) {
	g := fixture.Metiers(t)
	h := svgServer(t, nil, g)
	const target = "/svg/jobs/developpeur-web"
	first := apiDo(h, http.MethodGet, target)
	readSVG(t, target, first)
	etag := first.Header().Get("ETag")
	if cc := first.Header().Get("Cache-Control"); !strings.Contains(cc, "max-age") {
		t.Errorf("GET %s: Cache-Control = %q", target, cc)
	}

	rec := apiDo(h, http.MethodGet, target, "If-None-Match", etag)
	if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 || rec.Header().Get("ETag") != etag {
		t.Errorf("GET %s with If-None-Match: status %d, %d bytes, ETag %q; want 304, empty, %q",
			target, rec.Code, rec.Body.Len(), rec.Header().Get("ETag"), etag)
	}
	if rec := apiDo(h, http.MethodGet, target, "If-None-Match", `"other"`); rec.Code != http.StatusOK {
		t.Errorf("GET %s with another ETag: status %d, want 200", target, rec.Code)
	}

	rec = apiDo(h, http.MethodGet, target, "Accept-Encoding", "br, gzip")
	if rec.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("GET %s accepting gzip: Content-Encoding = %q", target, rec.Header().Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(plain, first.Body.Bytes()) {
		t.Errorf("GET %s: the gzipped SVG is not the SVG", target)
	}
	if rec := apiDo(h, http.MethodGet, target, "Accept-Encoding", "gzip;q=0, *"); rec.Header().Get("Content-Encoding") != "" {
		t.Errorf("GET %s with gzip;q=0: Content-Encoding = %q", target, rec.Header().Get("Content-Encoding"))
	}
}

func TestAcceptsGzip(t *testing.T) {
	for _, tt := range []struct {
		header string
		want   bool
	}{
		{"", false},
		{"gzip", true},
		{"deflate, gzip;q=0.5", true},
		{"GZIP", true},
		{"gzip;q=0", false},
		{"gzip;q=0.0, *", false},
		{"*", true},
		{"*;q=0", false},
		{"br", false},
		{"identity, x-gzip", true},
	} {
		if got := acceptsGzip(tt.header); got != tt.want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", tt.header, got, tt.want)
		}
	}
}

func TestSVGErrors(t *testing.T) {
	h := svgServer(t, nil, fixture.Metiers(t), bigGraph(t, "grand", 300, 300))
	checkErrors(t, h, []errorCase{
		{"/svg/jobs/nope", http.StatusNotFound, "unknown_job"},
		{"/svg/map?family=nope", http.StatusBadRequest, "unknown_family"},
		{"/svg/map?family=commerce&domain=ia-donnee", http.StatusBadRequest, "invalid_parameter"},
		{"/svg/path?from=technicien", http.StatusBadRequest, "missing_parameter"},
		{"/svg/path?from=technicien&to=architecte&k=99", http.StatusBadRequest, "out_of_range"},
		{"/svg/reachable?from=technicien&level=bts", http.StatusBadRequest, "invalid_parameter"},
		{"/svg/feeders?to=zzzzzz", http.StatusNotFound, "unknown_job"},
		{"/svg/map?dataset=nope", http.StatusBadRequest, "unknown_dataset"},
		{"/svg/map?dataset=grand&family=fam-aa", http.StatusUnprocessableEntity, codeViewTooLarge},
		{"/svg/reachable?dataset=grand&from=job-aaa", http.StatusUnprocessableEntity, codeViewTooLarge},
	})
}

func TestSVGOverview(t *testing.T) {
	g := bigGraph(t, "grand", 300, 30)
	h := svgServer(t, nil, g)
	for _, target := range []string{"/svg/map?dataset=grand", "/svg/map?dataset=grand&domain=fam-ab"} {
		readSVG(t, target, apiDo(h, http.MethodGet, target))
	}
	doc := readSVG(t, "/svg/map", apiDo(h, http.MethodGet, "/svg/map"))
	if len(doc.nodes) != 11 {
		t.Errorf("GET /svg/map of 300 jobs in 10 families: %d nodes, want 10 families and the legend", len(doc.nodes))
	}
	for id, ref := range doc.nodes {
		if id != "legend" && !strings.HasPrefix(ref.href, "/?map=fam-") {
			t.Errorf("GET /svg/map: family node %s links to %q", id, ref.href)
		}
	}
}

// TestSVGConcurrent asks for equal and distinct views at once: every
// request is answered, and the renders are never concurrent in a process
// (the race detector watches the server's side).
func TestSVGConcurrent(t *testing.T) {
	g := fixture.Metiers(t)
	h := svgServer(t, svgRenderer(t, RenderConfig{Workers: 2}), g)
	targets := []string{
		"/svg/map", "/svg/jobs/architecte-logiciel", "/svg/jobs/data-analyst", "/svg/jobs/ergonome",
		"/svg/path?from=technicien&to=architecte", "/svg/path?from=developpeur-web&to=manager-projet&k=2",
		"/svg/reachable?from=data-analyst&depth=2", "/svg/feeders?to=manager-projet&depth=2",
	}
	var wg sync.WaitGroup
	bodies := make([][]byte, 20)
	for i := range 20 {
		wg.Go(func() {
			// 20 clients: one client's renders in flight are bounded
			// (TestRenderShare).
			rec := rateGet(h, targets[i%len(targets)], fmt.Sprintf("192.0.2.%d:1", i+1))
			if rec.Code != http.StatusOK {
				t.Errorf("GET %s: status %d: %s", targets[i%len(targets)], rec.Code, rec.Body)
				return
			}
			bodies[i] = rec.Body.Bytes()
		})
	}
	wg.Wait()
	for i := len(targets); i < 20; i++ {
		if bodies[i] != nil && bodies[i-len(targets)] != nil && !bytes.Equal(bodies[i], bodies[i-len(targets)]) {
			t.Errorf("GET %s: concurrent answers differ", targets[i%len(targets)])
		}
	}
}
