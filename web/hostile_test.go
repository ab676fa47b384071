package web

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/pathways"
)

// The tests of this file serve testdata/piege.json, whose titles, family
// names and evidence hold `"><script>`, `]; label=`, `{{`, newlines,
// carriage returns, tabs and right-to-left overrides, through every route
// that shows them: the JSON API, the SVG views (and the DOT behind them)
// and the page.

// hostileTexts are pieces of the hostile titles that must come back
// whole, as text, in the JSON answers.
var hostileTexts = []string{
	"<script>alert(1)</script>",
	`]; label="pwn"; n1 -> n2 [color=red`,
	"{{ .Title }} } digraph { <!-- x -->",
	"Ligne un\nLigne deux\r\tfin",
	"Admin \u202elanretni\u202c réseau \u2066isolé\u2069",
}

// hostileJobs returns the IDs of the jobs of the hostile dataset (its
// level nodes left out).
func hostileJobs(g *graph.Graph) []string {
	var ids []string
	for _, j := range g.Jobs() {
		if j.Kind != graph.KindLevel {
			ids = append(ids, string(j.ID))
		}
	}
	return ids
}

// TestHostileJSON asks every JSON route about every hostile job, and
// sends hostile text as parameters: each answer is JSON with the security
// headers, holds no raw angle bracket (the encoder escapes them), and
// gives the titles back unchanged once decoded.
func TestHostileJSON(t *testing.T) {
	g := svgTrap(t)
	h := svgServer(t, nil, g)
	q := url.QueryEscape
	targets := []string{"/api/jobs", "/api/levels", "/healthz"}
	for _, id := range hostileJobs(g) {
		targets = append(targets,
			"/api/jobs/"+url.PathEscape(id),
			"/api/reachable?from="+q(id),
			"/api/feeders?to="+q(id),
			"/api/path?k=3&from="+q(id)+"&to=sans-famille",
			"/api/path?k=3&from=guillemets&to="+q(id))
	}
	for _, text := range append(hostileTexts, `"><script>alert(1)</script>`, "{{.}}", "\u202e") {
		targets = append(targets,
			"/api/resolve?q="+q(text),
			"/api/jobs/"+url.PathEscape(text),
			"/api/path?from="+q(text)+"&to=chevrons",
			"/api/reachable?level="+q(text),
			"/api/feeders?to="+q(text))
	}
	var all bytes.Buffer
	for _, target := range targets {
		rec := apiDo(h, http.MethodGet, target)
		if rec.Code >= 500 {
			t.Errorf("GET %s: status %d: %s", target, rec.Code, rec.Body)
			continue
		}
		apiSecurityHeaders(t, target, rec.Header())
		if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("GET %s: Content-Type %q, want JSON", target, ct)
		}
		body := rec.Body.Bytes()
		if !json.Valid(body) {
			t.Errorf("GET %s: the body is not JSON: %.300s", target, body)
			continue
		}
		if bytes.ContainsAny(body, "<>") {
			t.Errorf("GET %s: the body holds a raw angle bracket: %.300s", target, body)
		}
		// Decoded, the answer holds the texts as they are in the data.
		var v any
		json.Unmarshal(body, &v)
		collectStrings(&all, v)
	}
	for _, text := range hostileTexts {
		if !strings.Contains(all.String(), text) {
			t.Errorf("no answer gives back %q unchanged", text)
		}
	}
}

// collectStrings writes every string of a decoded JSON value to w.
func collectStrings(w *bytes.Buffer, v any) {
	switch v := v.(type) {
	case string:
		w.WriteString(v + "\x00")
	case []any:
		for _, x := range v {
			collectStrings(w, x)
		}
	case map[string]any:
		for _, x := range v {
			collectStrings(w, x)
		}
	}
}

// TestHostileViews draws every view of every hostile job. Each view is
// rebuilt here as its handler builds it; the ETag of the answer proves
// the server drew that very DOT. The DOT must declare exactly the nodes
// and edges of the view, one statement each, with no bidirectional
// control or line break inside a string; Graphviz must accept it (200);
// and the SVG must be well-formed, script-free, and draw one node and
// edge per statement: no title changed the graph.
func TestHostileViews(t *testing.T) {
	g := svgTrap(t)
	h := svgServer(t, svgRenderer(t, RenderConfig{Workers: 2}), g)
	types, err := pathways.ParseTypes("")
	if err != nil {
		t.Fatal(err)
	}
	effort, err := pathways.ParseBy("")
	if err != nil {
		t.Fatal(err)
	}
	must := func(what string, err error) bool {
		if err != nil {
			t.Errorf("%s: %v", what, err)
		}
		return err == nil
	}
	type viewCase struct {
		target string
		v      *view
	}
	var cases []viewCase
	for _, fam := range []string{"", "fam-a", "fam-b"} {
		v, err := mapView(g, fam)
		if must("mapView "+fam, err) {
			cases = append(cases, viewCase{"/svg/map?family=" + fam, v})
		}
	}
	ids := hostileJobs(g)
	for _, id := range ids {
		q := url.QueryEscape(id)
		if d, err := pathways.Show(g, id); must("Show "+id, err) {
			cases = append(cases, viewCase{"/svg/jobs/" + url.PathEscape(id), jobView(g, d)})
		}
		if ep, err := pathways.FindFrom(g, id); must("FindFrom "+id, err) {
			if doc, err := pathways.Reachable(g, ep, pathways.NoLimit, types); must("Reachable "+id, err) {
				cases = append(cases, viewCase{"/svg/reachable?from=" + q, reachView(g, doc, types, false)})
			}
		}
		to, err := pathways.Find(g, id)
		if !must("Find "+id, err) {
			continue
		}
		if doc, err := pathways.Feeders(g, to, pathways.NoLimit, types); must("Feeders "+id, err) {
			cases = append(cases, viewCase{"/svg/feeders?to=" + q, reachView(g, doc, types, true)})
		}
		for _, from := range ids {
			ep, err := pathways.FindFrom(g, from)
			if !must("FindFrom "+from, err) {
				continue
			}
			if doc, err := pathways.Shortest(g, ep, to, pathways.Options{K: 3, Effort: effort, Types: types}); must("Shortest", err) {
				cases = append(cases, viewCase{"/svg/path?k=3&from=" + url.QueryEscape(from) + "&to=" + q, pathView(g, doc)})
			}
		}
	}
	for _, tt := range cases {
		target := tt.target + "&dataset=piege"
		if !strings.Contains(tt.target, "?") {
			target = tt.target + "?dataset=piege"
		}
		var b bytes.Buffer
		if err := writeDOT(&b, g, tt.v); err != nil {
			t.Fatalf("writeDOT for %s: %v", target, err)
		}
		dot := b.String()
		nodes, edges := dotStatements(t, target, dot)
		if nodes != len(tt.v.Nodes) || edges != len(tt.v.Edges) {
			t.Errorf("GET %s: the DOT has %d node and %d edge statements, want %d and %d", target, nodes, edges, len(tt.v.Nodes), len(tt.v.Edges))
		}
		rec := apiDo(h, http.MethodGet, target)
		if got, want := rec.Header().Get("ETag"), etagOf(dotKey(b.Bytes())); got != want {
			t.Errorf("GET %s: ETag %s, want %s: the server drew another DOT than the view rebuilt here", target, got, want)
		}
		doc := readSVG(t, target, rec)
		checkLinks(t, target, g, doc)
		if bytes.ContainsAny(rec.Body.Bytes(), bidiControls) {
			t.Errorf("GET %s: the SVG holds a bidirectional control", target)
		}
		if len(doc.nodes) != nodes+1 || doc.edges != edges { // +1: the legend
			t.Errorf("GET %s: the SVG draws %d nodes and %d edges, want %d (and the legend) and %d", target, len(doc.nodes), doc.edges, nodes, edges)
		}
	}
}

const bidiControls = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

var (
	hostileNodeLine = regexp.MustCompile(`^n[0-9]+ \[label=`)
	hostileEdgeLine = regexp.MustCompile(`^n[0-9]+ -> n[0-9]+ \[`)
)

// dotStatements counts the node and edge statements of a DOT text, and
// checks that no string in it spans lines or holds a bidirectional
// control: a text of the data that broke out of its string would show as
// a line that is none of the statements writeDOT writes.
func dotStatements(t *testing.T, target, dot string) (nodes, edges int) {
	t.Helper()
	if strings.ContainsAny(dot, bidiControls+"\r") {
		t.Errorf("GET %s: the DOT holds a bidirectional control or a carriage return", target)
	}
	for _, line := range strings.Split(dot, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case hostileEdgeLine.MatchString(line):
			edges++
		case hostileNodeLine.MatchString(line):
			nodes++
		}
		if dotOpenString(line) {
			t.Errorf("GET %s: a DOT line ends inside a string: %q", target, line)
		}
	}
	return nodes, edges
}

// dotOpenString reports whether a line of DOT ends inside a quoted
// string, reading \" as an escaped quote and \\ as an escaped backslash.
func dotOpenString(line string) bool {
	in := false
	for i := 0; i < len(line); i++ {
		switch {
		case in && line[i] == '\\':
			i++
		case line[i] == '"':
			in = !in
		}
	}
	return in
}

// TestPageShowsTextAsText checks that the page's script never turns text
// into markup: it writes what the API says with textContent, never with
// innerHTML or its kin, and evaluates no string.
func TestPageShowsTextAsText(t *testing.T) {
	err := fs.WalkDir(static, "static", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(name, ".js") {
			return err
		}
		b, err := fs.ReadFile(static, name)
		if err != nil {
			return err
		}
		for _, sink := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "setTimeout('", `setTimeout("`, "createContextualFragment", "srcdoc"} {
			if bytes.Contains(b, []byte(sink)) {
				t.Errorf("%s uses %s: text from the API could become markup or code", name, sink)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestDOTOpenString(t *testing.T) {
	for _, tt := range []struct {
		line string
		want bool
	}{
		{`n1 [label="Chef \"de\" projet \\N fin\\"];`, false},
		{`n1 [label="a", tooltip="b"];`, false},
		{`n1 [label="Testeur "]; n1 -> n2 [color=red"];`, true},
		{`n1 [label="fin\\\"];`, true},
		{`graph [label="Ligne un`, true},
	} {
		if got := dotOpenString(tt.line); got != tt.want {
			t.Errorf("dotOpenString(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}
