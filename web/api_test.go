package web

import (
	"bytes"
	"cmp"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/fixture"
	"github.com/pathways-fr/pathways/pathways"
)

// apiServer returns the real handler on the embedded repertoire.
func apiServer(t *testing.T, log *slog.Logger) http.Handler {
	t.Helper()
	h, err := NewServer(Config{Datasets: NewDatasets("metiers", fixture.Metiers(t)), Logger: log})
	if err != nil {
		t.Fatalf("NewServer: %v", err)
	}
	return h
}

// apiDo sends a request to h, with the headers hdr gives as name,
// value pairs, and returns the answer.
func apiDo(h http.Handler, method, target string, hdr ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// errorCase is a GET the server refuses: the status and the error code
// it answers.
type errorCase struct {
	target string
	status int
	code   string
}

// checkErrors sends every GET of cases to h and checks its status, that
// the body is an error document (apiErrorDoc) sent as JSON, and its code.
func checkErrors(t *testing.T, h http.Handler, cases []errorCase) {
	t.Helper()
	for _, tt := range cases {
		rec := apiDo(h, http.MethodGet, tt.target)
		if rec.Code != tt.status {
			t.Errorf("GET %s = %d, want %d: %s", tt.target, rec.Code, tt.status, rec.Body)
			continue
		}
		if got := errorCode(t, tt.target, rec); got != tt.code {
			t.Errorf("GET %s: code %q, want %q", tt.target, got, tt.code)
		}
	}
}

// errorCode checks that rec holds an error document (apiErrorDoc) sent
// as JSON, and returns its code.
func errorCode(t *testing.T, target string, rec *httptest.ResponseRecorder) string {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("GET %s: error with Content-Type %q", target, ct)
	}
	return apiErrorDoc(t, target, rec.Body.Bytes()).Error.Code
}

// apiError is the error document as a test reads it.
type apiError struct {
	Error struct {
		Code        string                `json:"code"`
		Message     string                `json:"message"`
		Suggestions []pathways.Suggestion `json:"suggestions"`
	} `json:"error"`
}

// apiErrorDoc checks that body is exactly an error document, with an
// array (never null) of suggestions, and returns it.
func apiErrorDoc(t *testing.T, target string, body []byte) apiError {
	t.Helper()
	var raw map[string]map[string]json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil || len(raw) != 1 || raw["error"] == nil {
		t.Fatalf("GET %s: body %s is not an error document (%v)", target, body, err)
	}
	if got := len(raw["error"]); got != 3 {
		t.Errorf("GET %s: error has %d fields, want code, message, suggestions: %s", target, got, body)
	}
	if s := raw["error"]["suggestions"]; !bytes.HasPrefix(s, []byte("[")) {
		t.Errorf("GET %s: suggestions = %s, want an array", target, s)
	}
	var e apiError
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		t.Fatalf("GET %s: decoding error document: %v", target, err)
	}
	if e.Error.Message == "" {
		t.Errorf("GET %s: error document has no message", target)
	}
	return e
}

// apiSameJSON reports whether two JSON texts hold the same value.
func apiSameJSON(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatalf("decoding %s: %v", a, err)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatalf("decoding %s: %v", b, err)
	}
	return reflect.DeepEqual(x, y)
}

func TestAPI(t *testing.T) {
	g := fixture.Metiers(t)
	h := apiServer(t, nil)
	must := func(v any, err error) any {
		if err != nil {
			t.Fatalf("computing the expected document: %v", err)
		}
		return v
	}
	ep := func(text string) pathways.Endpoint {
		e, err := pathways.FindFrom(g, text)
		must(nil, err)
		return e
	}
	level := func(text string) pathways.Endpoint {
		e, err := pathways.LevelEndpoint(g, text)
		must(nil, err)
		return e
	}
	find := func(text string) []int32 {
		n, err := pathways.Find(g, text)
		must(nil, err)
		return n
	}
	// path is the document of a path query: the routes, and what the
	// texts of both ends left ambiguous.
	path := func(from, to string, opts pathways.Options) func() any {
		return func() any { return must(pathways.Route(g, from, to, opts)) }
	}
	long := url.QueryEscape(strings.Repeat("é", pathways.MaxTextLen+1))
	huge := strings.Repeat("a", maxParamBytes+1)

	tests := []struct {
		name   string
		method string // GET if empty
		target string
		status int
		code   string // error code; "" for a document
		want   func() any
	}{
		// Documents, each exactly the one package pathways returns.
		{name: "jobs", target: "/api/jobs", status: 200,
			want: func() any { return pathways.Jobs(g) }},
		{name: "jobs default dataset named", target: "/api/jobs?dataset=metiers", status: 200,
			want: func() any { return pathways.Jobs(g) }},
		{name: "job", target: "/api/jobs/architecte-logiciel", status: 200,
			want: func() any { return must(pathways.Show(g, "architecte-logiciel")) }},
		{name: "resolve", target: "/api/resolve?q=archi", status: 200,
			want: func() any { return must(pathways.Resolve(g, "archi", 10)) }},
		{name: "resolve limit", target: "/api/resolve?q=d%C3%A9veloppeur&limit=2", status: 200,
			want: func() any { return must(pathways.Resolve(g, "développeur", 2)) }},
		{name: "path", target: "/api/path?from=technicien&to=architecte", status: 200,
			want: path("technicien", "architecte", pathways.Options{K: 1, Types: graph.Moves | graph.Formation})}, // the API's default types
		{name: "path options", target: "/api/path?from=technicien&to=architecte&k=3&by=effort&types=evolution", status: 200,
			want: path("technicien", "architecte", pathways.Options{K: 3, Effort: true, Types: graph.Evolution})},
		{name: "path from diploma", target: "/api/path?from=BTS&to=architecte-logiciel", status: 200,
			want: path("BTS", "architecte-logiciel", pathways.Options{K: 1, Types: graph.Moves | graph.Formation})}, // the API's default types
		{name: "path none", target: "/api/path?from=architecte-logiciel&to=technicien-maintenance-support", status: 200,
			want: path("architecte-logiciel", "technicien-maintenance-support", pathways.Options{K: 1})},
		{name: "path same parameter twice", target: "/api/path?from=technicien&to=architecte&from=technicien", status: 200,
			want: path("technicien", "architecte", pathways.Options{K: 1, Types: graph.Moves | graph.Formation})}, // the API's default types
		{name: "reachable level", target: "/api/reachable?level=bac%2B2", status: 200,
			want: func() any { return must(pathways.Reachable(g, level("bac+2"), pathways.NoLimit, 0)) }},
		{name: "reachable depth 0", target: "/api/reachable?level=bac%2B2&depth=0", status: 200,
			want: func() any { return must(pathways.Reachable(g, level("bac+2"), 0, 0)) }},
		{name: "feeders depth 0", target: "/api/feeders?to=architecte&depth=0", status: 200,
			want: func() any { return must(pathways.FeedersOf(g, "architecte", 0, 0)) }},
		{name: "reachable from", target: "/api/reachable?from=technicien&depth=2&types=proche", status: 200,
			want: func() any { return must(pathways.Reachable(g, ep("technicien"), 2, graph.Close)) }},
		{name: "feeders", target: "/api/feeders?to=architecte-logiciel&depth=1", status: 200,
			want: func() any { return must(pathways.Feeders(g, find("architecte-logiciel"), 1, 0)) }},
		{name: "levels", target: "/api/levels", status: 200,
			want: func() any { return pathways.Levels(g) }},
		{name: "healthz", target: "/healthz", status: 200,
			want: func() any {
				return map[string]any{"status": "ok", "datasets": map[string]any{
					"metiers": map[string]int{"nodes": g.Len(), "edges": len(g.Edges())}}}
			}},

		// Missing.
		{name: "path no from", target: "/api/path?to=architecte", status: 400, code: pathways.CodeMissing},
		{name: "path empty to", target: "/api/path?from=technicien&to=", status: 400, code: pathways.CodeMissing},
		{name: "resolve no q", target: "/api/resolve", status: 400, code: pathways.CodeMissing},
		{name: "resolve blank q", target: "/api/resolve?q=%20%20", status: 400, code: pathways.CodeMissing},
		{name: "reachable neither", target: "/api/reachable?depth=2", status: 400, code: pathways.CodeMissing},
		{name: "feeders no to", target: "/api/feeders", status: 400, code: pathways.CodeMissing},

		// Too long.
		{name: "text too long", target: "/api/resolve?q=" + long, status: 400, code: pathways.CodeTooLong},
		{name: "from too long", target: "/api/path?to=architecte&from=" + long, status: 400, code: pathways.CodeTooLong},
		{name: "job id too long", target: "/api/jobs/" + strings.Repeat("a", pathways.MaxTextLen+1), status: 400, code: pathways.CodeTooLong},
		{name: "value over 1000 bytes", target: "/api/jobs?types=" + huge, status: 400, code: pathways.CodeTooLong},
		{name: "unknown parameter over 1000 bytes", target: "/api/levels?x=" + huge, status: 400, code: pathways.CodeTooLong},

		// Invalid.
		{name: "q not UTF-8", target: "/api/resolve?q=%FF", status: 400, code: pathways.CodeInvalid},
		{name: "id not UTF-8", target: "/api/jobs/%FF", status: 400, code: pathways.CodeInvalid},
		{name: "dataset not UTF-8", target: "/api/levels?dataset=%FF", status: 400, code: pathways.CodeInvalid},
		{name: "NUL", target: "/api/resolve?q=a%00b", status: 400, code: pathways.CodeInvalid},
		{name: "newline", target: "/api/feeders?to=architecte%0A", status: 400, code: pathways.CodeInvalid},
		{name: "id with NUL", target: "/api/jobs/architecte-logiciel%00", status: 400, code: pathways.CodeInvalid},
		{name: "malformed query", target: "/api/resolve?q=%ZZ", status: 400, code: pathways.CodeInvalid},
		{name: "twice, different", target: "/api/resolve?q=a&q=b", status: 400, code: pathways.CodeInvalid},
		{name: "k not integer", target: "/api/path?from=technicien&to=architecte&k=deux", status: 400, code: pathways.CodeInvalid},
		{name: "depth not integer", target: "/api/feeders?to=architecte&depth=1.5", status: 400, code: pathways.CodeInvalid},
		{name: "limit not integer", target: "/api/resolve?q=archi&limit=x", status: 400, code: pathways.CodeInvalid},
		{name: "by unknown", target: "/api/path?from=technicien&to=architecte&by=vite", status: 400, code: pathways.CodeInvalid},
		{name: "types unknown", target: "/api/feeders?to=architecte&types=licorne", status: 400, code: pathways.CodeInvalid},
		{name: "reachable both", target: "/api/reachable?from=technicien&level=bac", status: 400, code: pathways.CodeInvalid},

		// Out of range.
		{name: "k=0", target: "/api/path?from=technicien&to=architecte&k=0", status: 400, code: pathways.CodeOutOfRange},
		{name: "k=11", target: "/api/path?from=technicien&to=architecte&k=11", status: 400, code: pathways.CodeOutOfRange},
		{name: "k overflows", target: "/api/path?from=technicien&to=architecte&k=99999999999999999999", status: 400, code: pathways.CodeOutOfRange},
		{name: "depth=-1", target: "/api/reachable?level=bac&depth=-1", status: 400, code: pathways.CodeOutOfRange},
		{name: "depth=999", target: "/api/feeders?to=architecte&depth=999", status: 400, code: pathways.CodeOutOfRange},
		{name: "limit=0", target: "/api/resolve?q=archi&limit=0", status: 400, code: pathways.CodeOutOfRange},
		{name: "limit=51", target: "/api/resolve?q=archi&limit=51", status: 400, code: pathways.CodeOutOfRange},

		// Unknown level, job, dataset, route.
		{name: "unknown level", target: "/api/reachable?level=licorne", status: 400, code: pathways.CodeUnknownLevel},
		{name: "unknown job id", target: "/api/jobs/tecnicien", status: 404, code: pathways.CodeUnknownJob},
		{name: "unknown from", target: "/api/path?from=licorne%20volante&to=architecte", status: 404, code: pathways.CodeUnknownJob},
		{name: "unknown to", target: "/api/path?from=technicien&to=licorne%20volante", status: 404, code: pathways.CodeUnknownJob},
		{name: "unknown feeders", target: "/api/feeders?to=licorne%20volante", status: 404, code: pathways.CodeUnknownJob},
		{name: "unknown dataset", target: "/api/jobs?dataset=rome", status: 400, code: codeUnknownDataset},
		{name: "unknown dataset healthz", target: "/healthz?dataset=rome", status: 400, code: codeUnknownDataset},
		{name: "unknown route", target: "/api/nope", status: 404, code: codeNotFound},
		{name: "trailing slash", target: "/api/jobs/", status: 404, code: codeNotFound},
		{name: "wrong method", method: "POST", target: "/api/jobs", status: 405, code: codeMethodNotAllowed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method := cmp.Or(tt.method, "GET")
			rec := apiDo(h, method, tt.target)
			body := rec.Body.Bytes()
			if rec.Code != tt.status {
				t.Fatalf("%s %s: status %d, want %d; body %s", method, tt.target, rec.Code, tt.status, body)
			}
			if got, want := rec.Header().Get("Content-Type"), "application/json; charset=utf-8"; got != want {
				t.Errorf("%s %s: Content-Type %q, want %q", method, tt.target, got, want)
			}
			apiSecurityHeaders(t, tt.target, rec.Header())
			cache := "public, max-age=60"
			if tt.code != "" || strings.HasPrefix(tt.target, "/healthz") {
				cache = "no-store"
			}
			if got := rec.Header().Get("Cache-Control"); got != cache {
				t.Errorf("%s %s: Cache-Control %q, want %q", method, tt.target, got, cache)
			}
			if tt.code != "" {
				e := apiErrorDoc(t, tt.target, body)
				if e.Error.Code != tt.code {
					t.Errorf("%s %s: code %q, want %q (%s)", method, tt.target, e.Error.Code, tt.code, e.Error.Message)
				}
				return
			}
			want, err := json.Marshal(tt.want())
			if err != nil {
				t.Fatal(err)
			}
			if !apiSameJSON(t, body, want) {
				t.Errorf("%s %s =\n%s\nwant\n%s", method, tt.target, body, want)
			}
		})
	}
}

func apiSecurityHeaders(t *testing.T, target string, h http.Header) {
	t.Helper()
	checkHeaders(t, target, h, map[string]string{
		"Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
		"X-Content-Type-Options":  "nosniff",
		"X-Frame-Options":         "DENY",
		"Referrer-Policy":         "same-origin",
	})
}

// checkHeaders checks that h holds every header of want with its value.
func checkHeaders(t *testing.T, target string, h http.Header, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if got := h.Get(k); got != v {
			t.Errorf("%s: %s = %q, want %q", target, k, got, v)
		}
	}
}

// apiGet answers a GET that must succeed and decodes it into v.
func apiGet(t *testing.T, h http.Handler, target string, v any) {
	t.Helper()
	rec := apiDo(h, "GET", target)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s: status %d, want 200; body %s", target, rec.Code, rec.Body)
	}
	if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
}

// The documents below are read through small structs of their own, so
// that these checks do not depend on package pathways' types.

type apiPaths struct {
	Level *string `json:"level"`
	Paths []struct {
		Steps []struct {
			ID       string `json:"id"`
			Kind     string `json:"kind"`
			Evidence string `json:"evidence"`
		} `json:"steps"`
	} `json:"paths"`
	Message string `json:"message"`
}

type apiReach struct {
	Roles []apiRole `json:"roles"`
}

type apiRole struct {
	ID       string  `json:"id"`
	Distance int     `json:"distance"`
	Via      *string `json:"via"`
}

func TestPathHasEvidence(t *testing.T) {
	h := apiServer(t, nil)
	const target = "/api/path?from=technicien&to=architecte"
	var doc apiPaths
	apiGet(t, h, target, &doc)
	if len(doc.Paths) == 0 {
		t.Fatalf("GET %s: no path; message %q", target, doc.Message)
	}
	for n, p := range doc.Paths {
		if len(p.Steps) < 2 {
			t.Errorf("GET %s: path %d has %d steps, want at least 2", target, n, len(p.Steps))
		}
		for i, s := range p.Steps[1:] {
			if s.Evidence == "" {
				t.Errorf("GET %s: path %d, step %d (%s) has no evidence", target, n, i+1, s.ID)
			}
		}
	}
}

func TestPathFromDiploma(t *testing.T) {
	h := apiServer(t, nil)
	const target = "/api/path?from=BTS&to=architecte-logiciel"
	var doc apiPaths
	apiGet(t, h, target, &doc)
	if doc.Level == nil || *doc.Level != "bac+2" {
		t.Errorf("GET %s: level = %v, want bac+2", target, doc.Level)
	}
	if len(doc.Paths) == 0 {
		t.Fatalf("GET %s: no path; message %q", target, doc.Message)
	}
	for n, p := range doc.Paths {
		if first := p.Steps[0]; first.Kind != "level" {
			t.Errorf("GET %s: path %d starts with %s (%s), want a level", target, n, first.ID, first.Kind)
		}
		if last := p.Steps[len(p.Steps)-1]; last.ID != "architecte-logiciel" {
			t.Errorf("GET %s: path %d ends with %s, want architecte-logiciel", target, n, last.ID)
		}
	}
}

func TestNoPathIsNotAnError(t *testing.T) {
	h := apiServer(t, nil)
	const target = "/api/path?from=architecte-logiciel&to=technicien-maintenance-support"
	var doc apiPaths
	apiGet(t, h, target, &doc)
	if doc.Paths == nil || len(doc.Paths) != 0 || doc.Message == "" {
		t.Errorf("GET %s: paths %v, message %q; want [] and a message", target, doc.Paths, doc.Message)
	}
}

// TestReachRoles checks a role of /api/reachable and of /api/feeders:
// present, and, where want names it, at that distance via that job.
func TestReachRoles(t *testing.T) {
	h := apiServer(t, nil)
	for _, tt := range []struct {
		target, id string
		distance   int    // 0: any
		via        string // "": any
	}{
		{"/api/reachable?level=bac%2B2", "architecte-logiciel", 0, ""},
		{"/api/feeders?to=architecte-logiciel", "ingenieur-etudes-developpement", 1, "architecte-logiciel"},
	} {
		var doc apiReach
		apiGet(t, h, tt.target, &doc)
		i := slices.IndexFunc(doc.Roles, func(r apiRole) bool { return r.ID == tt.id })
		if i < 0 {
			t.Errorf("GET %s: %s not among %d roles", tt.target, tt.id, len(doc.Roles))
			continue
		}
		if r := doc.Roles[i]; tt.distance != 0 && (r.Distance != tt.distance || r.Via == nil || *r.Via != tt.via) {
			t.Errorf("GET %s: %s at distance %d via %v, want %d via %s", tt.target, tt.id, r.Distance, r.Via, tt.distance, tt.via)
		}
	}
}

func TestJob(t *testing.T) {
	h := apiServer(t, nil)
	const target = "/api/jobs/architecte-logiciel"
	var doc struct {
		ID         string   `json:"id"`
		Synonyms   []string `json:"synonyms"`
		Evolutions []struct {
			To       string `json:"to"`
			Evidence string `json:"evidence"`
		} `json:"evolutions"`
		Feeders []struct {
			From string `json:"from"`
		} `json:"feeders"`
	}
	apiGet(t, h, target, &doc)
	if doc.ID != "architecte-logiciel" {
		t.Errorf("GET %s: id %q", target, doc.ID)
	}
	if !slices.Contains(doc.Synonyms, "Architecte applicatif") {
		t.Errorf("GET %s: synonyms %q, want Architecte applicatif among them", target, doc.Synonyms)
	}
	if len(doc.Evolutions) == 0 {
		t.Fatalf("GET %s: no evolutions", target)
	}
	for _, e := range doc.Evolutions {
		if e.To == "" || e.Evidence == "" {
			t.Errorf("GET %s: evolution %+v lacks its target or evidence", target, e)
		}
	}
	var from []string
	for _, f := range doc.Feeders {
		from = append(from, f.From)
	}
	if !slices.Contains(from, "ingenieur-etudes-developpement") {
		t.Errorf("GET %s: feeders %q, want ingenieur-etudes-developpement among them", target, from)
	}
}

func TestUnknownJobSuggests(t *testing.T) {
	h := apiServer(t, nil)
	const target = "/api/jobs/tecnicien"
	rec := apiDo(h, "GET", target)
	if rec.Code != http.StatusNotFound {
		t.Fatalf("GET %s: status %d, want 404", target, rec.Code)
	}
	e := apiErrorDoc(t, target, rec.Body.Bytes())
	if len(e.Error.Suggestions) == 0 {
		t.Fatalf("GET %s: no suggestions", target)
	}
	for _, s := range e.Error.Suggestions {
		if !strings.HasPrefix(s.ID, "technicien") {
			t.Errorf("GET %s: suggestion %+v, want a technicien", target, s)
		}
	}
}

func TestUnknownDatasetListsDatasets(t *testing.T) {
	h := apiServer(t, nil)
	const target = "/api/levels?dataset=rome"
	e := apiErrorDoc(t, target, apiDo(h, "GET", target).Body.Bytes())
	if !strings.Contains(e.Error.Message, "metiers") {
		t.Errorf("GET %s: message %q does not list the datasets", target, e.Error.Message)
	}
}

func TestWrongMethodAllow(t *testing.T) {
	h := apiServer(t, nil)
	rec := apiDo(h, "DELETE", "/api/jobs/architecte-logiciel")
	if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != "GET" {
		t.Errorf("DELETE /api/jobs/architecte-logiciel: status %d, Allow %q; want 405, GET", rec.Code, rec.Header().Get("Allow"))
	}
}

// TestRecovery checks the middleware NewServer installs on a route that
// panics: the client gets the JSON 500 without the panic, the log gets
// the panic.
func TestRecovery(t *testing.T) {
	var logs bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&logs, nil))
	r := gin.New()
	r.Use(requestLog(log), recovery(log))
	r.GET("/boom", func(c *gin.Context) {
		c.Header("Content-Type", "image/svg+xml")
		panic("secret de la panique")
	})
	h := withSecurityHeaders(r)
	rec := apiDo(h, "GET", "/boom")
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("GET /boom: status %d, want 500", rec.Code)
	}
	if got := rec.Header().Get("Content-Type"); got != "application/json; charset=utf-8" {
		t.Errorf("GET /boom: Content-Type %q", got)
	}
	apiSecurityHeaders(t, "/boom", rec.Header())
	e := apiErrorDoc(t, "/boom", rec.Body.Bytes())
	if e.Error.Code != codeInternal || e.Error.Message != "erreur interne" {
		t.Errorf("GET /boom: error %+v, want internal_error, erreur interne", e.Error)
	}
	if strings.Contains(rec.Body.String(), "secret") {
		t.Errorf("GET /boom: body shows the panic: %s", rec.Body)
	}
	if !strings.Contains(logs.String(), "secret de la panique") {
		t.Errorf("log does not record the panic:\n%s", logs.String())
	}
}

// TestRequestLog checks the request log line, and that the client IP is
// taken from X-Forwarded-For only behind a trusted proxy.
func TestRequestLog(t *testing.T) {
	for _, tt := range []struct {
		proxies []string
		wantIP  string
	}{
		{nil, "10.1.2.3"},
		{[]string{"10.0.0.0/8"}, "203.0.113.9"},
	} {
		var logs bytes.Buffer
		h, err := NewServer(Config{Datasets: NewDatasets("metiers", fixture.Metiers(t)),
			Logger: slog.New(slog.NewJSONHandler(&logs, nil)), TrustedProxies: tt.proxies})
		if err != nil {
			t.Fatalf("NewServer: %v", err)
		}
		req := httptest.NewRequest("GET", "/api/levels?x=1", nil)
		req.RemoteAddr = "10.1.2.3:4567"
		req.Header.Set("X-Forwarded-For", "203.0.113.9")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)

		var line struct {
			Msg      string `json:"msg"`
			Method   string `json:"method"`
			Path     string `json:"path"`
			Status   int    `json:"status"`
			Bytes    int    `json:"bytes"`
			IP       string `json:"ip"`
			Duration *int64 `json:"duration"`
		}
		if err := json.Unmarshal(logs.Bytes(), &line); err != nil {
			t.Fatalf("log %q: %v", logs.String(), err)
		}
		if line.Method != "GET" || line.Path != "/api/levels" || line.Status != 200 ||
			line.Bytes != rec.Body.Len() || line.IP != tt.wantIP || line.Duration == nil {
			t.Errorf("proxies %v: log line %s, want GET /api/levels 200 %d bytes from %s with a duration",
				tt.proxies, logs.String(), rec.Body.Len(), tt.wantIP)
		}
	}
}

func TestBadTrustedProxies(t *testing.T) {
	_, err := NewServer(Config{Datasets: NewDatasets("metiers", fixture.Metiers(t)), TrustedProxies: []string{"pas une adresse"}})
	if err == nil {
		t.Error("NewServer with trusted proxy \"pas une adresse\": no error")
	}
}

// TestConcurrent sends the same requests from many goroutines while the
// dataset is swapped, and checks every answer is the one a lone request
// gets. Run with -race.
func TestConcurrent(t *testing.T) {
	g := fixture.Metiers(t)
	sets := NewDatasets("metiers", g)
	h, err := NewServer(Config{Datasets: sets})
	if err != nil {
		t.Fatal(err)
	}
	targets := []string{
		"/api/path?from=technicien&to=architecte&k=3",
		"/api/path?from=BTS&to=architecte-logiciel&by=effort",
		"/api/reachable?level=bac%2B2",
		"/api/feeders?to=architecte-logiciel",
		"/api/resolve?q=tecnicien",
		"/api/jobs/tecnicien",
		"/api/jobs/architecte-logiciel",
		"/api/levels",
		"/healthz",
	}
	want := map[string]string{}
	for _, target := range targets {
		want[target] = apiDo(h, "GET", target).Body.String()
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		for range 50 {
			sets.Swap(g)
		}
	})
	for w := range 8 {
		wg.Go(func() {
			for i := range 30 {
				target := targets[(w+i)%len(targets)]
				if got := apiDo(h, "GET", target).Body.String(); got != want[target] {
					t.Errorf("concurrent GET %s =\n%s\nwant\n%s", target, got, want[target])
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestAPIAmbiguity checks that the API says which texts name several
// jobs, with their candidates, and that an exact ID never asks.
func TestAPIAmbiguity(t *testing.T) {
	h := apiServer(t, nil)
	type candidate struct {
		ID, Dataset, Family string
		Level               *string
	}
	var doc struct {
		Ambiguous   bool
		Candidates  []candidate
		Ambiguities []struct {
			Param, Text string
			Candidates  []candidate
		}
	}
	get := func(target string) {
		t.Helper()
		rec := apiDo(h, "GET", target)
		doc.Ambiguous, doc.Candidates, doc.Ambiguities = false, nil, nil
		if err := json.Unmarshal(rec.Body.Bytes(), &doc); rec.Code != 200 || err != nil {
			t.Fatalf("GET %s: status %d, %v", target, rec.Code, err)
		}
	}
	get("/api/path?from=technicien&to=architecte")
	if len(doc.Ambiguities) != 2 || doc.Ambiguities[0].Param != "from" || doc.Ambiguities[1].Param != "to" {
		t.Fatalf("GET /api/path?from=technicien&to=architecte: ambiguities %+v, want from and to", doc.Ambiguities)
	}
	for _, a := range doc.Ambiguities {
		for _, c := range a.Candidates {
			if c.Dataset != "metiers" || c.Family == "" || c.Level == nil {
				t.Errorf("ambiguity of %s: candidate %+v lacks its dataset, family or level", a.Param, c)
			}
		}
		if len(a.Candidates) != 2 {
			t.Errorf("ambiguity of %s (%q): %d candidates, want 2", a.Param, a.Text, len(a.Candidates))
		}
	}
	for _, tc := range []struct {
		q         string
		ambiguous bool
		first     string
	}{
		{"technicien", true, "technicien-reseaux-cloud"},
		{"ingenieur-commercial", false, "ingenieur-commercial"},
		{"D%C3%A9veloppeur%20web", false, "developpeur-web"},
	} {
		get("/api/resolve?q=" + tc.q)
		if doc.Ambiguous != tc.ambiguous || len(doc.Candidates) == 0 || doc.Candidates[0].ID != tc.first {
			t.Errorf("GET /api/resolve?q=%s: ambiguous %t, candidates %+v; want %t, %s first", tc.q, doc.Ambiguous, doc.Candidates, tc.ambiguous, tc.first)
		}
	}
	get("/api/feeders?to=architecte-logiciel&depth=1")
	if doc.Ambiguities != nil {
		t.Errorf("GET /api/feeders?to=architecte-logiciel: ambiguities %+v, want none", doc.Ambiguities)
	}
}

// TestJobBridge checks the way back from a ROME card to the métiers that
// belong to it, and that a métier's card lists its ROME cards.
func TestJobBridge(t *testing.T) {
	rome := fixture.ROME4(t)
	h, err := NewServer(Config{Datasets: NewDatasets("metiers", fixture.Metiers(t), rome)})
	if err != nil {
		t.Fatalf("NewServer: %v", err)
	}
	var card pathways.JobDetail
	apiGet(t, h, "/api/jobs/M1805?dataset=rome", &card)
	var ids []string
	for _, m := range card.Metiers {
		ids = append(ids, string(m.ID))
	}
	if !slices.Contains(ids, "developpeur-web") || !slices.Contains(ids, "ingenieur-etudes-developpement") {
		t.Errorf("GET /api/jobs/M1805?dataset=rome metiers = %v, want developpeur-web and ingenieur-etudes-developpement among them", ids)
	}
	var metier pathways.JobDetail
	apiGet(t, h, "/api/jobs/developpeur-web", &metier)
	if len(metier.Metiers) != 0 {
		t.Errorf("GET /api/jobs/developpeur-web metiers = %v, want none on a métier", metier.Metiers)
	}
	if !slices.ContainsFunc(metier.Rome, func(r graph.RomeLink) bool { return r.Code == "M1805" }) {
		t.Errorf("GET /api/jobs/developpeur-web rome = %v, want M1805", metier.Rome)
	}
	if rec := apiDo(h, http.MethodGet, "/api/jobs/M1805?dataset=rome"); rec.Code != http.StatusOK {
		t.Errorf("GET /api/jobs/M1805?dataset=rome = %d", rec.Code)
	}
}
