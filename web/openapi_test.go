package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/fixture"
)

// openAPIDoc loads and validates openapi.json.
func openAPIDoc(t *testing.T) *openapi3.T {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(openAPISpec)
	if err != nil {
		t.Fatalf("LoadFromData(openapi.json): %v", err)
	}
	if err := doc.Validate(loader.Context); err != nil {
		t.Fatalf("openapi.json is not a valid OpenAPI document: %v", err)
	}
	return doc
}

// openAPIRouter returns the spec and its router.
func openAPIRouter(t *testing.T) (*openapi3.T, routers.Router) {
	t.Helper()
	doc := openAPIDoc(t)
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatalf("gorillamux.NewRouter: %v", err)
	}
	return doc, router
}

// openAPISetup returns the spec, its router, and the real server on both
// embedded datasets with a renderer of its own.
func openAPISetup(t *testing.T) (*openapi3.T, routers.Router, http.Handler) {
	t.Helper()
	doc, router := openAPIRouter(t)
	rome := fixture.ROME4(t)
	r := NewRenderer(RenderConfig{})
	t.Cleanup(func() { r.Close() })
	h, err := NewServer(Config{Datasets: NewDatasets("metiers", fixture.Metiers(t), rome), Renderer: r})
	if err != nil {
		t.Fatalf("NewServer: %v", err)
	}
	return doc, router, h
}

// ginPathToOpenAPI turns a gin route pattern into an OpenAPI path:
// /jobs/:id and /static/*filepath become /jobs/{id} and /static/{filepath}.
var ginParam = regexp.MustCompile(`[:*]([A-Za-z_]+)`)

func ginPathToOpenAPI(p string) string { return ginParam.ReplaceAllString(p, "{$1}") }

// TestOpenAPISpecValid checks that the embedded document is valid OpenAPI 3
// and that the server serves it, byte for byte, as JSON.
func TestOpenAPISpecValid(t *testing.T) {
	openAPIDoc(t)
	rec := apiDo(apiServer(t, nil), "GET", "/api/openapi.json")
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != jsonType {
		t.Fatalf("GET /api/openapi.json = %d %q, want 200 %q", rec.Code, rec.Header().Get("Content-Type"), jsonType)
	}
	if !bytes.Equal(rec.Body.Bytes(), openAPISpec) {
		t.Errorf("GET /api/openapi.json does not serve openapi.json")
	}
}

// TestOpenAPIDocumentsEveryRoute checks that every route the gin engine
// serves is an operation of the spec, and that the spec has no operation
// the engine does not serve.
func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	doc := openAPIDoc(t)
	// With an admin token, so that the reload route is served too.
	reload := func(context.Context) ([]*graph.Graph, error) { return nil, nil }
	e, err := newEngine(Config{Datasets: NewDatasets("metiers", fixture.Metiers(t)), AdminToken: "0123456789abcdef", Reload: reload})
	if err != nil {
		t.Fatalf("newEngine: %v", err)
	}
	served := map[string]bool{}
	for _, rt := range e.Routes() {
		p := ginPathToOpenAPI(rt.Path)
		served[rt.Method+" "+p] = true
		item := doc.Paths.Value(p)
		if item == nil || item.GetOperation(rt.Method) == nil {
			t.Errorf("route %s %s is served but not documented in openapi.json (as %s %s)", rt.Method, rt.Path, rt.Method, p)
		}
	}
	for p, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			if !served[method+" "+p] {
				t.Errorf("openapi.json documents %s %s, which the server does not serve", method, p)
			}
		}
	}
}

// openAPICase is a real request and what the server must answer.
type openAPICase struct {
	method, target string
	header         http.Header
	status         int
	code           string // error code, for error answers
	// specInvalid: the request breaks the spec (a range, an enum, a
	// required parameter), so request validation must fail — and the
	// server must refuse it too.
	specInvalid bool
}

// TestOpenAPIResponses sends real requests, successes and every class of
// error, and validates each request and answer against the spec.
func TestOpenAPIResponses(t *testing.T) {
	doc, router, h := openAPISetup(t)
	g := fixture.Metiers(t)
	rome := fixture.ROME4(t)

	// Documents: each of these targets answers 200, as the spec allows.
	var cases []openAPICase
	for _, target := range []string{
		"/healthz",
		"/healthz?dataset=rome",
		"/api/jobs",
		"/api/jobs?dataset=rome",
		"/api/resolve?q=dev",
		"/api/resolve?q=d%C3%A9veloppeur&limit=3",
		"/api/resolve?q=devlopeur+web",
		"/api/resolve?q=zzzzqqqq",
		"/api/resolve?q=M1805&dataset=rome",
		"/api/resolve?q=BTS",
		"/api/path?from=developpeur-web&to=directeur-systemes-information&k=3",
		"/api/path?from=technicien&to=architecte&k=3&by=effort",
		"/api/path?from=bac&to=directeur-systemes-information&k=2",
		"/api/path?from=BTS&to=architecte-logiciel&k=10&types=evolution",
		"/api/path?from=developpeur-web&to=architecte-logiciel", // no route: a message
		"/api/path?from=M1805&to=M1803&k=3&dataset=rome",
		"/api/path?from=M1805&to=M1803&types=proche&dataset=rome",
		"/api/reachable?from=developpeur-web",
		"/api/reachable?level=bac%2B2&depth=2",
		"/api/reachable?from=master&depth=1&types=evolution,proche",
		"/api/reachable?from=M1805&depth=2&dataset=rome",
		"/api/feeders?to=architecte-logiciel",
		"/api/feeders?to=M1803&depth=1&types=proche&dataset=rome",
		"/api/levels",
		"/api/levels?dataset=rome",
		"/api/openapi.json",
		"/metrics",
		"/svg/map",
		"/svg/path?from=developpeur-web&to=directeur-systemes-information&k=2",
		"/svg/reachable?level=bac&depth=1",
		"/svg/feeders?to=architecte-logiciel&depth=1",
		"/svg/jobs/architecte-logiciel",
		"/svg/map?domain=M16&dataset=rome",
		"/",
		"/static/app.js",
		"/static/style.css",
		"/static/icon.svg",
	} {
		cases = append(cases, openAPICase{method: "GET", target: target, status: 200})
	}
	cases = append(cases, []openAPICase{
		{method: "GET", target: "/metrics", header: http.Header{"Accept": {"application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited"}}, status: 200},
		{method: "GET", target: "/svg/jobs/architecte-logiciel", header: http.Header{"Accept-Encoding": {"gzip"}}, status: 200},
		{method: "HEAD", target: "/", status: 200},
		{method: "HEAD", target: "/static/app.js", status: 200},

		// Errors the spec cannot rule out: the request is well formed.
		{method: "GET", target: "/healthz?dataset=nope", status: 400, code: "unknown_dataset", specInvalid: true},
		{method: "GET", target: "/api/jobs?dataset=nope", status: 400, code: "unknown_dataset", specInvalid: true},
		{method: "GET", target: "/api/jobs/nope", status: 404, code: "unknown_job"},
		{method: "GET", target: "/api/jobs/architecte-logicel", status: 404, code: "unknown_job"},
		{method: "GET", target: "/api/resolve?q=dev&q=web", status: 400, code: "invalid_parameter"},
		{method: "GET", target: "/api/resolve?q=%01", status: 400, code: "invalid_parameter"},
		{method: "GET", target: "/api/path?from=developpeur-web&to=zzzzqqqq", status: 404, code: "unknown_job"},
		{method: "GET", target: "/api/path?from=zzzzqqqq&to=developpeur-web", status: 404, code: "unknown_job"},
		{method: "GET", target: "/api/reachable", status: 400, code: "missing_parameter"},
		{method: "GET", target: "/api/reachable?from=developpeur-web&level=bac", status: 400, code: "invalid_parameter"},
		{method: "GET", target: "/api/reachable?level=doctorat+de+magie", status: 400, code: "unknown_level"},
		{method: "GET", target: "/api/feeders?to=zzzzqqqq", status: 404, code: "unknown_job"},
		{method: "GET", target: "/svg/map?family=nope", status: 400, code: "unknown_family"},
		{method: "GET", target: "/svg/map?family=a&domain=b", status: 400, code: "invalid_parameter"},
		{method: "GET", target: "/svg/jobs/nope", status: 404, code: "unknown_job"},
		{method: "GET", target: "/svg/path?from=developpeur-web&to=zzzzqqqq", status: 404, code: "unknown_job"},
		{method: "GET", target: "/svg/reachable?from=M1805&dataset=rome", status: 422, code: "view_too_large"},
		{method: "GET", target: "/svg/map?domain=M18&dataset=rome", status: 422, code: "view_too_large"}, // 338 fiches and neighbours in ROME 4.0
		{method: "GET", target: "/static/nope.js", status: 404, code: "not_found"},

		// Requests the spec rules out, which the server refuses.
		{method: "GET", target: "/api/resolve", status: 400, code: "missing_parameter", specInvalid: true},
		{method: "GET", target: "/api/resolve?q=", status: 400, code: "missing_parameter", specInvalid: true},
		{method: "GET", target: "/api/resolve?q=" + strings.Repeat("a", 201), status: 400, code: "parameter_too_long", specInvalid: true},
		{method: "GET", target: "/api/resolve?q=dev&limit=0", status: 400, code: "out_of_range", specInvalid: true},
		{method: "GET", target: "/api/resolve?q=dev&limit=51", status: 400, code: "out_of_range", specInvalid: true},
		{method: "GET", target: "/api/resolve?q=dev&limit=deux", status: 400, code: "invalid_parameter", specInvalid: true},
		{method: "GET", target: "/api/path?to=architecte-logiciel", status: 400, code: "missing_parameter", specInvalid: true},
		{method: "GET", target: "/api/path?from=developpeur-web", status: 400, code: "missing_parameter", specInvalid: true},
		{method: "GET", target: "/api/path?from=developpeur-web&to=architecte-logiciel&k=11", status: 400, code: "out_of_range", specInvalid: true},
		{method: "GET", target: "/api/path?from=developpeur-web&to=architecte-logiciel&by=vite", status: 400, code: "invalid_parameter", specInvalid: true},
		{method: "GET", target: "/api/path?from=developpeur-web&to=architecte-logiciel&types=saut", status: 400, code: "invalid_parameter", specInvalid: true},
		{method: "GET", target: "/api/reachable?from=developpeur-web&depth=51", status: 400, code: "out_of_range", specInvalid: true},
		{method: "GET", target: "/api/reachable?from=developpeur-web&depth=-1", status: 400, code: "out_of_range", specInvalid: true},
		{method: "GET", target: "/api/feeders", status: 400, code: "missing_parameter", specInvalid: true},
		{method: "GET", target: "/api/feeders?to=architecte-logiciel&depth=x", status: 400, code: "invalid_parameter", specInvalid: true},
		{method: "GET", target: "/svg/path?from=developpeur-web&to=architecte-logiciel&k=11", status: 400, code: "out_of_range", specInvalid: true},
		{method: "GET", target: "/svg/feeders?to=architecte-logiciel&depth=51", status: 400, code: "out_of_range", specInvalid: true},
	}...)
	// The card of every node of the repertoire, and of a sample of ROME
	// and its non-job nodes: each exercises other optional fields (no
	// card, no level, no trainings, ROME links, other names).
	for _, j := range g.Jobs() {
		cases = append(cases, openAPICase{method: "GET", target: "/api/jobs/" + url.PathEscape(string(j.ID)), status: 200})
	}
	for i, j := range rome.Jobs() {
		if i%7 == 0 || j.Kind != graph.KindJob {
			cases = append(cases, openAPICase{method: "GET", target: "/api/jobs/" + url.PathEscape(string(j.ID)) + "?dataset=rome", status: 200})
		}
	}
	// The answer to If-None-Match is a 304, documented as such.
	etag := apiDo(h, "GET", "/svg/jobs/architecte-logiciel").Header().Get("ETag")
	cases = append(cases, openAPICase{method: "GET", target: "/svg/jobs/architecte-logiciel",
		header: http.Header{"If-None-Match": {etag}}, status: 304})

	for _, tt := range cases {
		checkOpenAPICase(t, doc, router, h, tt)
	}
}

// TestOpenAPIRenderUnavailable checks the 503 of a renderer that cannot
// draw, with its Retry-After header.
func TestOpenAPIRenderUnavailable(t *testing.T) {
	doc, router := openAPIRouter(t)
	r := NewRenderer(RenderConfig{CacheBytes: -1})
	r.Close()
	h, err := NewServer(Config{Datasets: NewDatasets("metiers", fixture.Metiers(t)), Renderer: r})
	if err != nil {
		t.Fatalf("NewServer: %v", err)
	}
	checkOpenAPICase(t, doc, router, h, openAPICase{method: "GET", target: "/svg/jobs/architecte-logiciel", status: 503, code: "render_failed"})
}

// TestOpenAPIUnroutedErrors checks the error documents of requests no
// operation of the spec matches: an unknown path, a wrong method.
func TestOpenAPIUnroutedErrors(t *testing.T) {
	doc := openAPIDoc(t)
	errSchema := doc.Components.Schemas["Error"].Value
	h := apiServer(t, slog.New(slog.DiscardHandler))
	for _, tt := range []struct {
		method, target string
		status         int
		code           string
	}{
		{"GET", "/api/nope", 404, "not_found"},
		{"GET", "/api/jobs/", 404, "not_found"},
		{"POST", "/api/jobs", 405, "method_not_allowed"},
		{"DELETE", "/svg/map", 405, "method_not_allowed"},
	} {
		rec := apiDo(h, tt.method, tt.target)
		if rec.Code != tt.status {
			t.Errorf("%s %s = %d, want %d", tt.method, tt.target, rec.Code, tt.status)
		}
		var v any
		if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
			t.Fatalf("%s %s: body is not JSON: %v", tt.method, tt.target, err)
		}
		if err := errSchema.VisitJSON(v); err != nil {
			t.Errorf("%s %s: body does not match schema Error: %v", tt.method, tt.target, err)
		}
		if got := apiErrorDoc(t, tt.target, rec.Body.Bytes()).Error.Code; got != tt.code {
			t.Errorf("%s %s: code %q, want %q", tt.method, tt.target, got, tt.code)
		}
	}
}

// checkOpenAPICase sends tt to h and validates the request and the answer
// against the spec.
func checkOpenAPICase(t *testing.T, doc *openapi3.T, router routers.Router, h http.Handler, tt openAPICase) {
	t.Helper()
	name := tt.method + " " + tt.target
	if len(name) > 120 {
		name = name[:120] + "…"
	}
	newRequest := func() *http.Request {
		req := httptest.NewRequest(tt.method, tt.target, nil)
		for k, vs := range tt.header {
			req.Header[k] = vs
		}
		return req
	}
	// Validation may set defaults in the request: the server gets its own.
	req := newRequest()
	route, pathParams, err := router.FindRoute(req)
	if err != nil {
		t.Errorf("%s: no operation of openapi.json: %v", name, err)
		return
	}
	ctx := context.Background()
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: pathParams, Route: route,
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true, AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
	if err := openapi3filter.ValidateRequest(ctx, in); (err != nil) != tt.specInvalid {
		if tt.specInvalid {
			t.Errorf("%s: openapi.json accepts this request, which the server refuses", name)
		} else {
			t.Errorf("%s: request does not match openapi.json: %v", name, err)
		}
	}

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, newRequest())
	if rec.Code != tt.status {
		t.Errorf("%s = %d, want %d: %.300s", name, rec.Code, tt.status, rec.Body.Bytes())
		return
	}
	if tt.code != "" {
		if got := apiErrorDoc(t, name, rec.Body.Bytes()).Error.Code; got != tt.code {
			t.Errorf("%s: error code %q, want %q", name, got, tt.code)
		}
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 rec.Code,
		Header:                 rec.Header(),
		Body:                   io.NopCloser(bytes.NewReader(rec.Body.Bytes())),
		Options:                in.Options,
	}
	if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
		t.Errorf("%s: answer does not match openapi.json: %v", name, err)
	}
	// ValidateResponse lets a 304 and any answer to HEAD through: check
	// at least that the status is documented, and for HEAD the content
	// type its GET documents.
	resp := route.Operation.Responses.Status(rec.Code)
	if resp == nil {
		t.Errorf("%s: status %d is not documented", name, rec.Code)
	}
	if tt.method == http.MethodHead {
		ct := rec.Header().Get("Content-Type")
		get := route.PathItem.Get
		if get == nil || get.Responses.Status(rec.Code) == nil || get.Responses.Status(rec.Code).Value.Content.Get(ct) == nil {
			t.Errorf("%s: content type %q is not documented for GET %s", name, ct, route.Path)
		}
	}
}

// TestOpenAPIRateLimitAndReload validates against the spec what only a
// configured server answers: 429 on drawings beyond the client's burst,
// and POST /admin/reload with and without its token.
func TestOpenAPIRateLimitAndReload(t *testing.T) {
	doc, router := openAPIRouter(t)
	g := fixture.Metiers(t)
	reload := func(context.Context) ([]*graph.Graph, error) { return []*graph.Graph{g}, nil }
	h, err := NewServer(Config{Datasets: NewDatasets("metiers", g), RenderRate: 0.001, RenderBurst: 1,
		Renderer: svgRenderer(t, RenderConfig{MaxDOT: 1}), AdminToken: "0123456789abcdef", Reload: reload})
	if err != nil {
		t.Fatalf("NewServer: %v", err)
	}
	// A 304 is not a render; the first render (which fails at once: no
	// DOT is small enough) is within the burst, the second over it.
	checkOpenAPICase(t, doc, router, h, openAPICase{method: "GET", target: "/svg/map", header: http.Header{"If-None-Match": {"*"}}, status: http.StatusNotModified})
	checkOpenAPICase(t, doc, router, h, openAPICase{method: "GET", target: "/svg/map", status: http.StatusServiceUnavailable, code: "render_too_large"})
	checkOpenAPICase(t, doc, router, h, openAPICase{method: "GET", target: "/svg/map", status: http.StatusTooManyRequests, code: "rate_limited"})

	for _, tt := range []struct {
		auth   string
		status int
		code   string
	}{
		{"", http.StatusUnauthorized, codeUnauthorized},
		{"Bearer wrong-token-0000000", http.StatusUnauthorized, codeUnauthorized},
		{"Bearer 0123456789abcdef", http.StatusOK, ""},
	} {
		c := openAPICase{method: http.MethodPost, target: "/admin/reload", status: tt.status, code: tt.code}
		if tt.auth != "" {
			c.header = http.Header{"Authorization": {tt.auth}}
		}
		checkOpenAPICase(t, doc, router, h, c)
	}
}

// TestOpenAPIExport validates the export route's JSON answers and errors.
func TestOpenAPIExport(t *testing.T) {
	doc, router := openAPIRouter(t)
	h := apiServer(t, nil)
	for _, tt := range []openAPICase{
		{method: "GET", target: "/api/export?format=jgf", status: http.StatusOK},
		{method: "GET", target: "/api/export?format=jgf&dataset=nope", status: http.StatusBadRequest, code: "unknown_dataset", specInvalid: true},
		{method: "GET", target: "/api/export?format=gexf", status: http.StatusBadRequest, code: "invalid_parameter", specInvalid: true},
		{method: "GET", target: "/api/export", status: http.StatusBadRequest, code: "missing_parameter", specInvalid: true},
	} {
		checkOpenAPICase(t, doc, router, h, tt)
	}
}
