package web

import (
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"weak"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/fixture"
)

// TestReloadReleasesGraphs reloads the dataset many times, each time
// asking for drawings: once collected, no replaced graph may be left (the
// caches must not hold the graphs they were filled from). Weak pointers
// say it without measuring memory.
func TestReloadReleasesGraphs(t *testing.T) {
	fresh := func() *graph.Graph {
		g, err := fixture.LoadMetiers()
		if err != nil {
			t.Fatalf("LoadMetiers: %v", err)
		}
		return g
	}
	sets := NewDatasets("metiers", fresh())
	h, err := NewServer(Config{Datasets: sets, Renderer: svgRenderer(t, RenderConfig{})})
	if err != nil {
		t.Fatal(err)
	}
	var replaced []weak.Pointer[graph.Graph]
	for range 10 {
		g := fresh()
		replaced = append(replaced, weak.Make(g))
		sets.Swap(g)
		for _, target := range []string{"/svg/jobs/ergonome", "/svg/reachable?from=ergonome&depth=1"} {
			readSVG(t, target, apiDo(h, http.MethodGet, target))
		}
	}
	replaced = replaced[:len(replaced)-1] // the last one serves
	runtime.GC()
	runtime.GC()
	alive := 0
	for _, p := range replaced {
		if p.Value() != nil {
			alive++
		}
	}
	runtime.KeepAlive(h) // the server and its caches live on
	if alive > 0 {
		t.Errorf("%d of %d replaced graphs still reachable after their drawings were served", alive, len(replaced))
	}
}

// TestWorkerEnvironment checks that a render worker inherits nothing of
// the server's environment, the admin token least of all.
func TestWorkerEnvironment(t *testing.T) {
	if _, err := os.Stat("/proc/self/environ"); err != nil {
		t.Skip("no /proc here")
	}
	const secret = "ne-doit-pas-fuiter-0123456789"
	t.Setenv("PATHWAYS_ADMIN_TOKEN", secret)
	r := svgRenderer(t, RenderConfig{})
	if _, err := r.Render(t.Context(), []byte("digraph { a -> b }")); err != nil {
		t.Fatal(err)
	}
	ws := liveWorkers(r)
	if len(ws) != 1 {
		t.Fatalf("%d live workers after a render, want 1", len(ws))
	}
	env, err := os.ReadFile("/proc/" + strconv.Itoa(ws[0].pid()) + "/environ")
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Split(strings.TrimRight(string(env), "\x00"), "\x00")
	if strings.Contains(string(env), secret) || len(got) != len(workerEnv) {
		t.Errorf("worker environment = %q, want only %q", got, workerEnv)
	}
}

// waitPending waits until r has n renders in flight.
func waitPending(r *Renderer, n int) {
	for {
		r.mu.Lock()
		got := r.pending
		r.mu.Unlock()
		if got == n {
			return
		}
		runtime.Gosched()
	}
}

// TestRenderShare fills a client's share of the render queue while the
// only worker is busy: its next render is refused (429), and a bystander
// still gets a place in the queue and its drawing.
func TestRenderShare(t *testing.T) {
	r := svgRenderer(t, RenderConfig{Queue: 3}) // 4 places
	h, err := NewServer(Config{Datasets: NewDatasets("metiers", fixture.Metiers(t)), Renderer: r, RenderShare: 2})
	if err != nil {
		t.Fatal(err)
	}
	const a, b = "192.0.2.1:1", "192.0.2.2:1"
	slot := <-r.slots // the only worker is busy
	done := make(chan *httptest.ResponseRecorder, 3)
	for _, id := range []string{"ergonome", "data-analyst"} {
		go func() { done <- rateGet(h, "/svg/jobs/"+id, a) }()
	}
	waitPending(r, 2)
	for _, id := range []string{"data-scientist", "web-designer"} {
		rec := rateGet(h, "/svg/jobs/"+id, a)
		if rec.Code != http.StatusTooManyRequests {
			t.Fatalf("GET /svg/jobs/%s beyond the client's share: status %d, want 429", id, rec.Code)
		}
		if e := apiErrorDoc(t, "/svg/jobs/"+id, rec.Body.Bytes()); e.Error.Code != codeRateLimited {
			t.Errorf("beyond the share: code %q, want %q", e.Error.Code, codeRateLimited)
		}
	}
	go func() { done <- rateGet(h, "/svg/jobs/developpeur-web", b) }()
	waitPending(r, 3)
	r.slots <- slot
	for range 3 {
		if rec := <-done; rec.Code != http.StatusOK {
			t.Errorf("a render within its client's share: status %d, want 200: %s", rec.Code, rec.Body)
		}
	}
}
