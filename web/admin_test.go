package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/fixture"
	"github.com/pathways-fr/pathways/internal/testtool"
)

const adminToken = "un-jeton-d-essai-assez-long-0123456789"

// adminLoader is a reload function whose result the test sets.
type adminLoader struct {
	mu    sync.Mutex
	gs    []*graph.Graph
	err   error
	calls int
}

func (l *adminLoader) set(gs []*graph.Graph, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.gs, l.err = gs, err
}

func (l *adminLoader) load(context.Context) ([]*graph.Graph, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls++
	return l.gs, l.err
}

// oneJobGraph returns a dataset holding one job.
func oneJobGraph(t *testing.T, dataset string, id graph.JobID) *graph.Graph {
	t.Helper()
	b := graph.NewBuilder(dataset)
	b.AddJob(&graph.Job{ID: id, Title: "Métier " + string(id), Kind: graph.KindJob, HasCard: true})
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func adminPost(h http.Handler, auth string) *httptest.ResponseRecorder {
	return adminPostFrom(h, auth, "192.0.2.1:1234")
}

// adminPostFrom posts from the peer address addr.
func adminPostFrom(h http.Handler, auth, addr string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/admin/reload", nil)
	req.RemoteAddr = addr
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestAdminOffWithoutToken(t *testing.T) {
	h := apiServer(t, nil)
	rec := adminPost(h, "Bearer "+adminToken)
	if rec.Code != http.StatusNotFound {
		t.Errorf("POST /admin/reload without an admin token configured: status %d, want 404", rec.Code)
	}
	if e := apiErrorDoc(t, "/admin/reload", rec.Body.Bytes()); e.Error.Code != codeNotFound {
		t.Errorf("POST /admin/reload without an admin token configured: code %q, want %q", e.Error.Code, codeNotFound)
	}
}

func TestAdminNeedsReload(t *testing.T) {
	if _, err := NewServer(Config{Datasets: NewDatasets("metiers", fixture.Metiers(t)), AdminToken: adminToken}); err == nil {
		t.Errorf("NewServer with an admin token and no Reload: no error")
	}
}

func TestAdminAuth(t *testing.T) {
	loader := &adminLoader{gs: []*graph.Graph{fixture.Metiers(t)}}
	h, err := NewServer(Config{Datasets: NewDatasets("metiers", fixture.Metiers(t)), AdminToken: adminToken, Reload: loader.load})
	if err != nil {
		t.Fatal(err)
	}
	for i, auth := range []string{
		"",
		"Bearer",
		"Bearer ",
		"Bearer mauvais",
		"Bearer " + adminToken[:len(adminToken)-1],
		"Bearer " + adminToken + "x",
		"Basic " + adminToken,
		adminToken,
	} {
		rec := adminPostFrom(h, auth, fmt.Sprintf("198.51.100.%d:1", i+1)) // one client each: below the throttle
		if rec.Code != http.StatusUnauthorized {
			t.Errorf("POST /admin/reload with Authorization %q: status %d, want 401", auth, rec.Code)
			continue
		}
		if e := apiErrorDoc(t, "/admin/reload", rec.Body.Bytes()); e.Error.Code != codeUnauthorized {
			t.Errorf("POST /admin/reload with Authorization %q: code %q, want %q", auth, e.Error.Code, codeUnauthorized)
		}
		if rec.Header().Get("WWW-Authenticate") == "" {
			t.Errorf("POST /admin/reload with Authorization %q: no WWW-Authenticate", auth)
		}
		apiSecurityHeaders(t, "POST /admin/reload", rec.Header())
	}
	if loader.calls != 0 {
		t.Errorf("reload called %d times by unauthorized requests, want 0", loader.calls)
	}
	for _, auth := range []string{"Bearer " + adminToken, "bearer " + adminToken} {
		if rec := adminPost(h, auth); rec.Code != http.StatusOK {
			t.Errorf("POST /admin/reload with Authorization %q: status %d, want 200: %s", auth, rec.Code, rec.Body)
		}
	}
	if rec := apiDo(h, http.MethodGet, "/admin/reload"); rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("GET /admin/reload: status %d, want 405", rec.Code)
	}
}

// TestAdminThrottle checks that a client's wrong tokens are throttled:
// 5, then 429 with Retry-After, even for the right token, until a
// token came back; other clients are not affected; every refusal is
// counted in /metrics.
func TestAdminThrottle(t *testing.T) {
	clock := newFakeClock()
	loader := &adminLoader{gs: []*graph.Graph{fixture.Metiers(t)}}
	h, err := NewServer(Config{Datasets: NewDatasets("metiers", fixture.Metiers(t)), AdminToken: adminToken, Reload: loader.load, now: clock.now})
	if err != nil {
		t.Fatal(err)
	}
	const a, b = "192.0.2.1:1", "192.0.2.2:1"
	for i := range adminFailuresBurst {
		if rec := adminPostFrom(h, "Bearer faux", a); rec.Code != http.StatusUnauthorized {
			t.Fatalf("wrong token #%d: status %d, want 401", i+1, rec.Code)
		}
	}
	for _, auth := range []string{"Bearer faux", "Bearer " + adminToken} {
		rec := adminPostFrom(h, auth, a)
		if rec.Code != http.StatusTooManyRequests {
			t.Fatalf("POST /admin/reload (%q) after %d wrong tokens: status %d, want 429", auth, adminFailuresBurst, rec.Code)
		}
		if e := apiErrorDoc(t, "/admin/reload", rec.Body.Bytes()); e.Error.Code != codeRateLimited {
			t.Errorf("throttled: code %q, want %q", e.Error.Code, codeRateLimited)
		}
		if ra := rec.Header().Get("Retry-After"); ra != "12" {
			t.Errorf("throttled: Retry-After = %q, want 12 (seconds)", ra)
		}
	}
	if rec := adminPostFrom(h, "Bearer faux", b); rec.Code != http.StatusUnauthorized {
		t.Errorf("another client's wrong token: status %d, want 401", rec.Code)
	}
	if loader.calls != 0 {
		t.Errorf("reload called %d times while throttled, want 0", loader.calls)
	}
	clock.add(12 * time.Second)
	if rec := adminPostFrom(h, "Bearer "+adminToken, a); rec.Code != http.StatusOK {
		t.Errorf("right token 12 s later: status %d, want 200: %s", rec.Code, rec.Body)
	}
	mfs := scrape(t, h)
	if got := metricValue(mfs, "pathways_admin_auth_failures_total", "result", "unauthorized"); got != adminFailuresBurst+1 {
		t.Errorf("pathways_admin_auth_failures_total{result=unauthorized} = %v, want %d", got, adminFailuresBurst+1)
	}
	if got := metricValue(mfs, "pathways_admin_auth_failures_total", "result", "throttled"); got != 2 {
		t.Errorf("pathways_admin_auth_failures_total{result=throttled} = %v, want 2", got)
	}
}

// TestAdminReload reloads bad data, then good data: the bad is refused
// with its file, line and field and the old data keeps serving; the good
// is served at once, every dataset of it.
func TestAdminReload(t *testing.T) {
	var logs testtool.LockedBuffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	old, rome := oneJobGraph(t, "metiers", "ancien"), oneJobGraph(t, "rome", "A1234")
	loader := &adminLoader{}
	h, err := NewServer(Config{Datasets: NewDatasets("metiers", old, rome), Logger: log, AdminToken: adminToken, Reload: loader.load})
	if err != nil {
		t.Fatal(err)
	}
	serves := func(target string, want int) {
		t.Helper()
		if rec := apiDo(h, http.MethodGet, target); rec.Code != want {
			t.Errorf("GET %s: status %d, want %d", target, rec.Code, want)
		}
	}

	// A broken file: the loader's error, with file, line and field.
	_, loadErr := graph.LoadMetiers(strings.NewReader("{\n  \"jobs\": [\n    {\"id\": \"x\", \"title\": \"\"}\n  ]\n}\n"), "casse.json")
	if !errors.Is(loadErr, graph.ErrInvalid) {
		t.Fatalf("LoadMetiers(casse.json) = %v, want an ErrInvalid", loadErr)
	}
	loader.set(nil, loadErr)
	rec := adminPost(h, "Bearer "+adminToken)
	if rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("POST /admin/reload of bad data: status %d, want 422: %s", rec.Code, rec.Body)
	}
	e := apiErrorDoc(t, "/admin/reload", rec.Body.Bytes())
	if e.Error.Code != codeInvalidDataset || !strings.Contains(e.Error.Message, "casse.json:3") || !strings.Contains(e.Error.Message, "title") {
		t.Errorf("POST /admin/reload of bad data: %q %q, want %q naming casse.json:3 and the field title", e.Error.Code, e.Error.Message, codeInvalidDataset)
	}
	if !strings.Contains(logs.String(), "rechargement refusé") || !strings.Contains(logs.String(), "casse.json:3") {
		t.Errorf("the refused reload is not logged with its error:\n%s", logs.String())
	}
	serves("/api/jobs/ancien", http.StatusOK)

	// Another failure: not a data error, a 500 that still tells why.
	loader.set(nil, errors.New("disque indisponible"))
	rec = adminPost(h, "Bearer "+adminToken)
	if e := apiErrorDoc(t, "/admin/reload", rec.Body.Bytes()); rec.Code != http.StatusInternalServerError ||
		e.Error.Code != codeReloadFailed || !strings.Contains(e.Error.Message, "disque indisponible") {
		t.Errorf("POST /admin/reload failing: %d %s, want 500 %s with the error", rec.Code, rec.Body, codeReloadFailed)
	}
	serves("/api/jobs/ancien", http.StatusOK)

	// Good data for both datasets.
	loader.set([]*graph.Graph{oneJobGraph(t, "metiers", "nouveau"), oneJobGraph(t, "rome", "B5678")}, nil)
	rec = adminPost(h, "Bearer "+adminToken)
	var doc reloadDoc
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); rec.Code != http.StatusOK || err != nil || doc.Status != "ok" ||
		doc.Datasets["metiers"].Nodes == 0 || doc.Datasets["rome"].Nodes == 0 {
		t.Errorf("POST /admin/reload of good data: %d %s (%v), want 200, status ok and both datasets", rec.Code, rec.Body, err)
	}
	if !strings.Contains(logs.String(), "données rechargées") {
		t.Errorf("the reload is not logged:\n%s", logs.String())
	}
	serves("/api/jobs/nouveau", http.StatusOK)
	serves("/api/jobs/ancien", http.StatusNotFound)
	serves("/api/jobs/B5678?dataset=rome", http.StatusOK)
	serves("/api/jobs/A1234?dataset=rome", http.StatusNotFound)
}

// TestDatasetsReloadAllOrNothing checks Datasets.Reload directly: a load
// that fails, or returns a bad set, changes nothing.
func TestDatasetsReloadAllOrNothing(t *testing.T) {
	old := oneJobGraph(t, "metiers", "ancien")
	rome := oneJobGraph(t, "rome", "A1234")
	d := NewDatasets("metiers", old, rome)
	newer := oneJobGraph(t, "metiers", "nouveau")
	for _, tt := range []struct {
		what string
		gs   []*graph.Graph
		err  error
	}{
		{"an error with graphs", []*graph.Graph{newer}, graph.ErrInvalid},
		{"nothing", nil, nil},
		{"a nil graph", []*graph.Graph{newer, nil}, nil},
		{"a dataset twice", []*graph.Graph{newer, newer}, nil},
	} {
		_, err := d.Reload(context.Background(), func(context.Context) ([]*graph.Graph, error) { return tt.gs, tt.err })
		if err == nil {
			t.Errorf("Reload of %s: no error", tt.what)
		}
		if g, _ := d.Get("metiers"); g != old {
			t.Errorf("Reload of %s replaced the metiers dataset", tt.what)
		}
	}
	gs, err := d.Reload(context.Background(), func(context.Context) ([]*graph.Graph, error) { return []*graph.Graph{newer}, nil })
	if err != nil || len(gs) != 1 {
		t.Fatalf("Reload of one dataset = %v, %v", gs, err)
	}
	if g, _ := d.Get(""); g != newer {
		t.Errorf("after Reload, the default dataset is not the new graph")
	}
	if g, _ := d.Get("rome"); g != rome {
		t.Errorf("Reload of metiers alone changed rome")
	}
}
