package web

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"github.com/pathways-fr/pathways/internal/fixture"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// TestExportAPI downloads the graph in every format through the real
// router and reads each back with an independent parser: the counts of
// nodes and edges must be those of the graph.
func TestExportAPI(t *testing.T) {
	g := fixture.Metiers(t)
	h := apiServer(t, nil)
	nodes, edges := g.Len(), len(g.Edges())
	get := func(target, ctype string) []byte {
		t.Helper()
		rec := apiDo(h, http.MethodGet, target)
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s = %d: %s", target, rec.Code, rec.Body.Bytes())
		}
		if got := rec.Header().Get("Content-Type"); got != ctype {
			t.Errorf("GET %s Content-Type = %q, want %q", target, got, ctype)
		}
		if !strings.HasPrefix(rec.Header().Get("Content-Disposition"), "attachment; filename=") {
			t.Errorf("GET %s Content-Disposition = %q, want an attachment", target, rec.Header().Get("Content-Disposition"))
		}
		return rec.Body.Bytes()
	}

	var gml struct {
		Graph struct {
			Nodes []struct {
				ID string `xml:"id,attr"`
			} `xml:"node"`
			Edges []struct {
				Source string `xml:"source,attr"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(get("/api/export?format=graphml", "application/graphml+xml; charset=utf-8"), &gml); err != nil {
		t.Fatalf("GraphML: %v", err)
	}
	if len(gml.Graph.Nodes) != nodes || len(gml.Graph.Edges) != edges {
		t.Errorf("GraphML has %d nodes, %d edges, want %d, %d", len(gml.Graph.Nodes), len(gml.Graph.Edges), nodes, edges)
	}

	var jgf struct {
		Graph struct {
			Nodes map[string]json.RawMessage `json:"nodes"`
			Edges []json.RawMessage          `json:"edges"`
		} `json:"graph"`
	}
	if err := json.Unmarshal(get("/api/export?format=jgf", "application/json; charset=utf-8"), &jgf); err != nil {
		t.Fatalf("JGF: %v", err)
	}
	if len(jgf.Graph.Nodes) != nodes || len(jgf.Graph.Edges) != edges {
		t.Errorf("JGF has %d nodes, %d edges, want %d, %d", len(jgf.Graph.Nodes), len(jgf.Graph.Edges), nodes, edges)
	}

	for file, want := range map[string]int{"nodes": nodes} {
		rows, err := csv.NewReader(bytes.NewReader(get("/api/export?format=csv&file="+file, "text/csv; charset=utf-8"))).ReadAll()
		if err != nil {
			t.Fatalf("CSV %s: %v", file, err)
		}
		if len(rows)-1 != want {
			t.Errorf("%s.csv has %d rows, want %d", file, len(rows)-1, want)
		}
	}
	// edges.csv has a row per piece of evidence; every edge has at least one.
	rows, err := csv.NewReader(bytes.NewReader(get("/api/export?format=csv&file=edges", "text/csv; charset=utf-8"))).ReadAll()
	if err != nil || len(rows)-1 < edges {
		t.Errorf("edges.csv: %d rows, %v; want at least %d", len(rows)-1, err, edges)
	}

	cypher := string(get("/api/export?format=cypher", "text/plain; charset=utf-8"))
	if n := strings.Count(cypher, "\nMERGE (n:"); n != nodes {
		t.Errorf("Cypher merges %d nodes, want %d", n, nodes)
	}

	// DOT: the writer of the SVG views; Graphviz draws every node and edge.
	dot := get("/api/export?format=dot", "text/vnd.graphviz; charset=utf-8")
	if n := len(regexp.MustCompile(`(?m)^\s+n\d+ \[`).FindAll(dot, -1)); n != nodes {
		t.Errorf("DOT declares %d nodes, want %d", n, nodes)
	}
	r := NewRenderer(RenderConfig{CacheBytes: -1})
	t.Cleanup(func() { r.Close() })
	svg, err := r.Render(context.Background(), dot)
	if err != nil {
		t.Fatalf("Graphviz cannot draw the exported DOT: %v", err)
	}
	if n := strings.Count(string(svg), `class="edge"`); n != edges {
		t.Errorf("Graphviz draws %d edges, want %d", n, edges)
	}

	checkErrors(t, h, []errorCase{
		{"/api/export", http.StatusBadRequest, "missing_parameter"},
		{"/api/export?format=gexf", http.StatusBadRequest, "invalid_parameter"},
		{"/api/export?format=csv", http.StatusBadRequest, "missing_parameter"},
		{"/api/export?format=csv&file=all", http.StatusBadRequest, "invalid_parameter"},
		{"/api/export?format=dot&dataset=nope", http.StatusBadRequest, "unknown_dataset"},
	})
}

// TestExportOncePerGraph checks that an export is computed once per
// graph and kept with it: two requests get the same bytes, not a copy.
func TestExportOncePerGraph(t *testing.T) {
	g := fixture.Metiers(t)
	for _, tt := range []struct{ format, file string }{{"jgf", ""}, {"graphml", ""}, {"dot", ""}, {"cypher", ""}, {"csv", "nodes"}, {"csv", "edges"}} {
		a, err := exportOf(g, tt.format, tt.file)
		if err != nil || len(a.body) == 0 {
			t.Fatalf("exportOf(%s, %q) = %v, %v", tt.format, tt.file, a, err)
		}
		b, _ := exportOf(g, tt.format, tt.file)
		if &a.body[0] != &b.body[0] {
			t.Errorf("exportOf(%s, %q) computed twice for one graph", tt.format, tt.file)
		}
	}
}

// TestExportInFlightCap fills the places of exports in flight: the next
// export is a 503 with Retry-After, and JSON answers go on.
func TestExportInFlightCap(t *testing.T) {
	slots := make(chan struct{}, 2)
	h, err := NewServer(Config{Datasets: NewDatasets("metiers", fixture.Metiers(t)), exportSlots: slots})
	if err != nil {
		t.Fatal(err)
	}
	const target = "/api/export?format=jgf"
	if rec := apiDo(h, http.MethodGet, target); rec.Code != http.StatusOK {
		t.Fatalf("GET %s with free places: status %d", target, rec.Code)
	}
	slots <- struct{}{}
	slots <- struct{}{} // two exports being written
	rec := apiDo(h, http.MethodGet, target)
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" {
		t.Fatalf("GET %s with no free place: status %d, Retry-After %q; want 503 with Retry-After", target, rec.Code, rec.Header().Get("Retry-After"))
	}
	if e := apiErrorDoc(t, target, rec.Body.Bytes()); e.Error.Code != codeExportBusy {
		t.Errorf("GET %s with no free place: code %q, want %q", target, e.Error.Code, codeExportBusy)
	}
	if rec := apiDo(h, http.MethodGet, "/api/jobs"); rec.Code != http.StatusOK {
		t.Errorf("GET /api/jobs while exports are capped: status %d", rec.Code)
	}
}
