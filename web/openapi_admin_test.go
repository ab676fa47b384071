package web

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/fixture"
)

// TestOpenAPIRateLimitAndReload validates against the spec what only a
// configured server answers: 429 on drawings beyond the client's burst,
// and POST /admin/reload with and without its token.
func TestOpenAPIRateLimitAndReload(t *testing.T) {
	doc := openAPIDoc(t)
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatalf("gorillamux.NewRouter: %v", err)
	}
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
	}{
		{"", http.StatusUnauthorized},
		{"Bearer wrong-token-0000000", http.StatusUnauthorized},
		{"Bearer 0123456789abcdef", http.StatusOK},
	} {
		req := httptest.NewRequest(http.MethodPost, "/admin/reload", nil)
		if tt.auth != "" {
			req.Header.Set("Authorization", tt.auth)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != tt.status {
			t.Errorf("POST /admin/reload (%q) = %d, want %d: %s", tt.auth, rec.Code, tt.status, rec.Body.Bytes())
			continue
		}
		route, params, err := router.FindRoute(req)
		if err != nil {
			t.Fatalf("POST /admin/reload: no operation of openapi.json: %v", err)
		}
		opts := &openapi3filter.Options{IncludeResponseStatus: true, AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}
		in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts}
		out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: rec.Code, Header: rec.Header(),
			Body: io.NopCloser(bytes.NewReader(rec.Body.Bytes())), Options: opts}
		if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
			t.Errorf("POST /admin/reload (%q): answer does not match openapi.json: %v", tt.auth, err)
		}
	}
}

// TestOpenAPIExport validates the export route's JSON answers and errors.
func TestOpenAPIExport(t *testing.T) {
	doc := openAPIDoc(t)
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatalf("gorillamux.NewRouter: %v", err)
	}
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
