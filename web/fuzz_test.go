package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/fixture"
	"github.com/pathways-fr/pathways/internal/fixture/served"
)

// fuzzRoutes are the GET routes FuzzRouteQuery sends queries to. A
// ":id" is replaced by the fuzzed segment.
var fuzzRoutes = []string{
	"/healthz",
	"/metrics",
	"/api/jobs",
	"/api/jobs/:id",
	"/api/resolve",
	"/api/path",
	"/api/reachable",
	"/api/feeders",
	"/api/levels",
	"/api/compare",
	"/api/suggest",
	"/api/openapi.json",
	"/api/export",
	"/svg/map",
	"/svg/path",
	"/svg/reachable",
	"/svg/feeders",
	"/svg/jobs/:id",
	"/",
	"/static/*filepath",
}

// fuzzCodes are the codes a bad query may be answered with: a stable
// set, which clients may rely on.
var fuzzCodes = []string{
	"missing_parameter", "invalid_parameter", "parameter_too_long", "out_of_range",
	"unknown_level", "unknown_job", "unknown_dataset", "unknown_family", "no_skills",
	codeNotFound, codeViewTooLarge,
}

// maxFuzzInput bounds the query and the segment of one call: with every
// value at most maxParamBytes and every text at most
// pathways.MaxTextLen, k at most MaxK and views bounded by checkSize,
// each call does a bounded amount of work.
const maxFuzzInput = 4 << 10

// fuzzServer is the real handler on the datasets the server serves (the
// repertoire, ROME 4.0 and the combined dataset, with their skills) and
// the hostile one, made once and shared by every call of the fuzz
// function.
func fuzzServer(t *testing.T) (http.Handler, error) {
	sets := served.Datasets(t)
	fuzzOnce.Do(func() {
		piege, err := loadTrap()
		if err != nil {
			fuzzErr = err
			return
		}
		fuzzHandler, fuzzErr = NewServer(Config{Datasets: NewDatasets("metiers", slices.Concat(sets, []*graph.Graph{piege})...)})
	})
	return fuzzHandler, fuzzErr
}

var (
	fuzzOnce    sync.Once
	fuzzHandler http.Handler
	fuzzErr     error
)

// TestFuzzCoversEveryRoute fails when a GET route is missing from
// fuzzRoutes, so that no route escapes the fuzzer.
func TestFuzzCoversEveryRoute(t *testing.T) {
	r, err := newEngine(Config{Datasets: NewDatasets("metiers", fixture.Metiers(t))})
	if err != nil {
		t.Fatal(err)
	}
	for _, ri := range r.Routes() {
		if ri.Method == http.MethodGet && !slices.Contains(fuzzRoutes, ri.Path) {
			t.Errorf("route GET %s is not in fuzzRoutes", ri.Path)
		}
	}
}

// FuzzRouteQuery sends any query string, and any segment for the routes
// that take one, to every GET route of the real server. The answer is
// never a 5xx; it carries the security headers; a JSON route answers a
// JSON document, and every refusal is the error document with a code of
// fuzzCodes. SVG views are asked with If-None-Match: * so that the
// server builds the view and its DOT, then answers 304 without a render:
// parsing is what is fuzzed here, and a render's time is not bounded by
// the input.
func FuzzRouteQuery(f *testing.F) {
	long := strings.Repeat("a", maxParamBytes+1)
	longText := strings.Repeat("é", 201)
	for _, s := range []struct {
		route uint8
		id    string
		query string
	}{
		{0, "", ""}, {0, "", "dataset=rome"}, {0, "", "dataset=nope"}, {1, "", "x=1"},
		{2, "", ""}, {2, "", "dataset=piege"}, {2, "", "dataset=" + long}, {2, "", "dataset=%ff"}, {2, "", "a=1&a=2"}, {2, "", "%zz"}, {2, "", "a;b"},
		{3, "architecte-logiciel", ""}, {3, "level-bac+2", ""}, {3, "nope", ""}, {3, "", ""}, {3, "a/b", ""}, {3, "chevrons", "dataset=piege"}, {3, "M1805", "dataset=rome"}, {3, "\xff", ""}, {3, longText, ""},
		{4, "", "q=technicien"}, {4, "", "q=tecnicien&limit=3"}, {4, "", "q="}, {4, "", "q=%20%20"}, {4, "", "q=dev&limit=0"}, {4, "", "q=dev&limit=x"}, {4, "", "q=dev&limit=99999999999999999999"}, {4, "", "q=" + longText}, {4, "", "q=%01"}, {4, "", "q=%22%3E%3Cscript%3E"},
		{5, "", "from=technicien&to=architecte"}, {5, "", "from=BTS&to=architecte-logiciel&k=3&by=effort"}, {5, "", "from=technicien&to=architecte&k=11"}, {5, "", "from=technicien&to=architecte&k=-1"}, {5, "", "from=technicien&to=architecte&by=x"}, {5, "", "from=technicien&to=architecte&types=evolution,proche"}, {5, "", "from=technicien&to=architecte&types=x"}, {5, "", "from=technicien"}, {5, "", "from=bac%2B9&to=architecte"}, {5, "", "dataset=rome&from=M1805&to=M1803&k=10"},
		{6, "", "from=technicien&depth=2"}, {6, "", "level=bac%2B2&depth=1"}, {6, "", "level=doctorat-inconnu"}, {6, "", "level=bac&from=technicien"}, {6, "", ""}, {6, "", "from=technicien&depth=51"}, {6, "", "from=technicien&depth=1.5"}, {6, "", "dataset=rome&level=bac"},
		{7, "", "to=architecte-logiciel"}, {7, "", "to=architecte&depth=0&types=evolution"}, {7, "", "to=zzzz"}, {7, "", "to=architecte&depth=-2"},
		{8, "", ""}, {8, "", "dataset=rome"}, {9, "", ""},
		{10, "", ""}, {10, "", "family=programmation-developpement"}, {10, "", "family=nope"}, {10, "", "family=a&domain=b"}, {10, "", "dataset=rome"}, {10, "", "dataset=piege&family=fam-a"},
		{11, "", "from=technicien&to=architecte&k=3"}, {11, "", "from=technicien"}, {11, "", "dataset=piege&from=guillemets&to=sans-famille&k=2"},
		{12, "", "from=technicien-reseaux-cloud&depth=2"}, {12, "", "level=bac%2B5"}, {12, "", "dataset=rome&level=bac%2B2"}, {12, "", "dataset=rome&from=M1805"},
		{13, "", "to=architecte-logiciel"}, {13, "", "dataset=rome&to=M1805&depth=3"},
		{14, "architecte-logiciel", ""}, {14, "level-bac+5", ""}, {14, "nope", ""}, {14, "crochets", "dataset=piege"},
		{15, "", ""}, {15, "", "job=architecte"},
		{16, "app.js", ""}, {16, "app.js", "v=x"}, {16, "../main.go", ""}, {16, "", ""}, {16, "index.html", ""},
	} {
		f.Add(s.route, s.id, s.query)
	}
	f.Fuzz(func(t *testing.T, route uint8, id, query string) {
		h, err := fuzzServer(t)
		if err != nil {
			t.Fatalf("loading the datasets: %v", err)
		}
		id, query = clipFuzz(id), clipFuzz(query)
		pattern := fuzzRoutes[int(route)%len(fuzzRoutes)]
		p, isPattern := strings.CutSuffix(pattern, ":id")
		if !isPattern {
			p, isPattern = strings.CutSuffix(pattern, "*filepath")
		}
		if isPattern {
			p += id
		}
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.URL = &url.URL{Path: p, RawQuery: query}
		req.RequestURI = req.URL.RequestURI()
		svg := strings.HasPrefix(pattern, "/svg/")
		if svg {
			req.Header.Set("If-None-Match", "*")
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		target := "GET " + req.RequestURI
		if rec.Code >= 500 {
			t.Fatalf("%s: status %d: %s", target, rec.Code, rec.Body)
		}
		if rec.Header().Get("X-Content-Type-Options") != "nosniff" || rec.Header().Get("Content-Security-Policy") == "" {
			t.Fatalf("%s: status %d without the security headers", target, rec.Code)
		}
		body := rec.Body.Bytes()
		switch {
		case pattern == "/" || pattern == "/static/*filepath":
			if rec.Code != http.StatusOK && rec.Code != http.StatusNotFound {
				t.Fatalf("%s: status %d, want 200 or 404", target, rec.Code)
			}
		case rec.Code >= 400:
			checkFuzzError(t, target, rec)
		case svg:
			if rec.Code != http.StatusNotModified || rec.Header().Get("ETag") == "" {
				t.Fatalf("%s with If-None-Match: *: status %d, ETag %q; want 304 with the ETag", target, rec.Code, rec.Header().Get("ETag"))
			}
		case pattern == "/metrics":
			if rec.Code != http.StatusOK {
				t.Fatalf("%s: status %d, want 200", target, rec.Code)
			}
		default:
			if rec.Code != http.StatusOK || !json.Valid(body) || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
				t.Fatalf("%s: status %d, Content-Type %q, want 200 and a JSON document: %.300s", target, rec.Code, rec.Header().Get("Content-Type"), body)
			}
		}
	})
}

// clipFuzz cuts s to maxFuzzInput bytes.
func clipFuzz(s string) string {
	if len(s) > maxFuzzInput {
		return s[:maxFuzzInput]
	}
	return s
}

// checkFuzzError checks that a refusal is the error document, with a
// known code, a message, and no markup: whatever the query held, it comes
// back escaped.
func checkFuzzError(t *testing.T, target string, rec *httptest.ResponseRecorder) {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("%s: status %d with Content-Type %q, want JSON", target, rec.Code, ct)
	}
	var doc struct {
		Error *struct {
			Code        string            `json:"code"`
			Message     string            `json:"message"`
			Suggestions []json.RawMessage `json:"suggestions"`
		} `json:"error"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil || doc.Error == nil || doc.Error.Message == "" || doc.Error.Suggestions == nil {
		t.Fatalf("%s: status %d, body %.300s is not an error document (%v)", target, rec.Code, rec.Body, err)
	}
	if !slices.Contains(fuzzCodes, doc.Error.Code) {
		t.Fatalf("%s: status %d with code %q, not one of %v", target, rec.Code, doc.Error.Code, fuzzCodes)
	}
	if bytes.ContainsAny(rec.Body.Bytes(), "<>") {
		t.Fatalf("%s: the error document holds raw markup: %.300s", target, rec.Body)
	}
}
