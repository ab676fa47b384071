package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"runtime/debug"
	"sync"
	"testing"
	"time"

	"github.com/pathways-fr/pathways/internal/fixture"
	"github.com/pathways-fr/pathways/internal/proc"
)

// liveWorkers returns the worker processes r holds.
func liveWorkers(r *Renderer) []*worker {
	r.mu.Lock()
	defer r.mu.Unlock()
	var ws []*worker
	for w := range r.live {
		ws = append(ws, w)
	}
	return ws
}

// checkUnavailable checks a 503 answer with its error code.
func checkUnavailable(t *testing.T, target string, rec *httptest.ResponseRecorder, code string) {
	t.Helper()
	if rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("GET %s: status %d, want 503: %s", target, rec.Code, rec.Body)
	}
	if got := errorCode(t, target, rec); got != code {
		t.Errorf("GET %s: code %q, want %q", target, got, code)
	}
	if rec.Header().Get("Retry-After") == "" {
		t.Errorf("GET %s: 503 without Retry-After", target)
	}
}

func TestRenderKilledWorker(t *testing.T) {
	r := svgRenderer(t, RenderConfig{})
	h := svgServer(t, r, fixture.Metiers(t))
	readSVG(t, "/svg/jobs/ergonome", apiDo(h, http.MethodGet, "/svg/jobs/ergonome"))
	ws := liveWorkers(r)
	if len(ws) != 1 {
		t.Fatalf("%d live workers after a render, want 1", len(ws))
	}
	if err := ws[0].cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	const target = "/svg/jobs/data-analyst"
	checkUnavailable(t, target, apiDo(h, http.MethodGet, target), "render_failed")
	readSVG(t, target, apiDo(h, http.MethodGet, target))
	if s := r.stats(); s.Killed != 1 || s.Started != 2 {
		t.Errorf("Stats = %+v, want 1 worker killed and 2 started", s)
	}
}

func TestRenderTimeout(t *testing.T) {
	r := svgRenderer(t, RenderConfig{Timeout: time.Nanosecond})
	h := svgServer(t, r, fixture.Metiers(t))
	checkUnavailable(t, "/svg/map", apiDo(h, http.MethodGet, "/svg/map"), "render_timeout")
	if n := len(liveWorkers(r)); n != 0 {
		t.Errorf("%d live workers after a timeout, want the worker killed", n)
	}
	if s := r.stats(); s.Killed != 1 {
		t.Errorf("Stats = %+v, want 1 worker killed", s)
	}
}

// TestRenderBusy fills the queue: one worker, busy, and no room to wait.
func TestRenderBusy(t *testing.T) {
	r := svgRenderer(t, RenderConfig{Queue: -1})
	h := svgServer(t, r, fixture.Metiers(t))
	slot := <-r.slots // the only worker is busy
	done := make(chan *httptest.ResponseRecorder)
	go func() { done <- apiDo(h, http.MethodGet, "/svg/jobs/ergonome") }()
	for {
		r.mu.Lock()
		n := r.pending
		r.mu.Unlock()
		if n == 1 {
			break
		}
		runtime.Gosched()
	}
	// Another client: the first one's share (one render) is taken.
	checkUnavailable(t, "/svg/jobs/data-analyst", rateGet(h, "/svg/jobs/data-analyst", "192.0.2.99:1"), "render_busy")
	// The JSON API answers while every worker is busy.
	if rec := apiDo(h, http.MethodGet, "/api/jobs"); rec.Code != http.StatusOK {
		t.Errorf("GET /api/jobs while renders are queued: status %d", rec.Code)
	}
	r.slots <- slot
	readSVG(t, "/svg/jobs/ergonome", <-done)
}

func TestRenderTooLarge(t *testing.T) {
	for _, cfg := range []RenderConfig{{MaxDOT: 100}, {MaxSVG: 1000}} {
		r := svgRenderer(t, cfg)
		h := svgServer(t, r, fixture.Metiers(t))
		checkUnavailable(t, "/svg/jobs/ergonome", apiDo(h, http.MethodGet, "/svg/jobs/ergonome"), "render_too_large")
		if n := len(liveWorkers(r)); n != 0 {
			t.Errorf("RenderConfig%+v: %d live workers after a render too large, want 0", cfg, n)
		}
	}
}

func TestRenderRecycle(t *testing.T) {
	g := fixture.Metiers(t)
	for _, tt := range []struct {
		cfg               RenderConfig
		started, recycled int64
	}{
		{RenderConfig{MaxRenders: 2}, 3, 2},
		// KillRSS so high that no render is killed for its memory, however
		// long it takes on a busy machine.
		{RenderConfig{MaxRSS: 1, KillRSS: 1 << 50}, 5, 5},
	} {
		r := svgRenderer(t, tt.cfg)
		h := svgServer(t, r, g)
		for _, id := range []string{"ergonome", "data-analyst", "data-scientist", "developpeur-web", "web-designer"} {
			readSVG(t, "/svg/jobs/"+id, apiDo(h, http.MethodGet, "/svg/jobs/"+id))
		}
		if s := r.stats(); s.Started != tt.started || s.Recycled != tt.recycled || s.Renders != 5 || s.Killed != 0 {
			t.Errorf("RenderConfig%+v: Stats = %+v, want 5 renders, %d started, %d recycled", tt.cfg, s, tt.started, tt.recycled)
		}
		if n := len(liveWorkers(r)); n > 1 {
			t.Errorf("RenderConfig%+v: %d live workers", tt.cfg, n)
		}
	}
}

func TestRenderBadDOT(t *testing.T) {
	r := svgRenderer(t, RenderConfig{})
	ctx := context.Background()
	if _, err := r.Render(ctx, []byte("digraph { a -> ; }")); !errors.Is(err, errRenderFailed) {
		t.Errorf("Render(bad DOT) = %v, want errRenderFailed", err)
	}
	svg, err := r.Render(ctx, []byte("digraph { a -> b }"))
	if err != nil || len(svg) == 0 {
		t.Fatalf("Render after a bad DOT = %d bytes, %v", len(svg), err)
	}
	if s := r.stats(); s.Started != 1 || s.Killed != 0 || s.Failed != 1 {
		t.Errorf("Stats = %+v, want the worker kept after Graphviz refused a graph", s)
	}
	if again, err := r.Render(ctx, []byte("digraph { a -> b }")); err != nil || &again[0] != &svg[0] {
		t.Errorf("Render of the same DOT was not served from the cache: %v", err)
	}
}

func TestRenderClose(t *testing.T) {
	r := NewRenderer(RenderConfig{})
	ctx := context.Background()
	if _, err := r.Render(ctx, []byte("digraph { a -> b }")); err != nil {
		t.Fatal(err)
	}
	ws := liveWorkers(r)
	r.Close()
	if _, err := r.Render(ctx, []byte("digraph { c -> d }")); !errors.Is(err, errRenderClosed) {
		t.Errorf("Render after Close = %v, want errRenderClosed", err)
	}
	for _, w := range ws {
		if w.cmd.ProcessState == nil {
			t.Errorf("worker %d still running after Close", w.pid())
		}
	}
}

func TestSVGCache(t *testing.T) {
	c := newSVGCache(1000)
	entry := func(n int) *svgEntry {
		return &svgEntry{key: fmt.Sprintf("%064d", n), svg: make([]byte, 100)}
	}
	for n := range 3 {
		c.add(entry(n))
	}
	c.get(entry(0).key) // 0 is now the most recent, 1 the least
	c.add(entry(3))
	for n, want := range []bool{true, false, true, true} {
		if got := c.get(entry(n).key) != nil; got != want {
			t.Errorf("after adding 4 entries to a cache of 3: get(%d) = %v, want %v", n, got, want)
		}
	}
	if size, n := c.bytes(); size > 1000 || n != 3 {
		t.Errorf("cache holds %d bytes in %d entries, want at most 1000 in 3", size, n)
	}
	c.add(&svgEntry{key: fmt.Sprintf("%064d", 9), svg: make([]byte, 600)})
	if c.get(fmt.Sprintf("%064d", 9)) != nil {
		t.Errorf("an entry over a quarter of the cache was kept")
	}
}

// TestRenderMemoryBounded asks for thousands of distinct SVGs: the
// server's heap and resident memory must not grow with their number,
// and the workers are recycled.
func TestRenderMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("thousands of renders")
	}
	g := fixture.Metiers(t)
	const cacheBytes = 2 << 20
	r := svgRenderer(t, RenderConfig{Workers: 2, CacheBytes: cacheBytes, MaxRenders: 100})
	h := svgServer(t, r, g)
	var targets []string
	var ids []string
	for _, j := range g.Jobs() {
		if j.HasCard {
			ids = append(ids, string(j.ID))
		}
	}
	for k := 1; k <= 3; k++ {
		for _, a := range ids {
			for _, b := range ids {
				if a != b && len(targets) < 2000 {
					targets = append(targets, fmt.Sprintf("/svg/path?from=%s&to=%s&k=%d", a, b, k))
				}
			}
		}
	}
	measure := func() (heap uint64, rss int64) {
		runtime.GC()
		debug.FreeOSMemory()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapInuse, proc.RSS(os.Getpid())
	}
	// Four clients at a time, on two workers.
	run := func(targets []string) {
		var wg sync.WaitGroup
		next := make(chan string)
		for range 4 {
			wg.Go(func() {
				for target := range next {
					if rec := apiDo(h, http.MethodGet, target); rec.Code != http.StatusOK {
						t.Errorf("GET %s: status %d: %s", target, rec.Code, rec.Body)
					}
				}
			})
		}
		for _, target := range targets {
			next <- target
		}
		close(next)
		wg.Wait()
	}
	const warm = 200
	start := time.Now()
	run(targets[:warm])
	heap0, rss0 := measure()
	run(targets[warm:])
	heap1, rss1 := measure()
	s := r.stats()
	size, entries := r.cache.bytes()
	t.Logf("%d SVG requests in %v (%d renders, %d from the cache); server heap in use %.1f → %.1f MiB, RSS %.1f → %.1f MiB; cache %.1f MiB in %d entries; %d workers started, %d recycled, worker peak RSS %.1f MiB",
		len(targets), time.Since(start).Round(time.Millisecond), s.Renders, s.Hits,
		mib(int64(heap0)), mib(int64(heap1)), mib(rss0), mib(rss1), mib(size), entries, s.Started, s.Recycled, mib(s.PeakRSS))
	if heap1 > heap0+cacheBytes+8<<20 {
		t.Errorf("heap in use grew from %d to %d bytes over %d renders", heap0, heap1, len(targets)-warm)
	}
	if rss0 > 0 && rss1 > rss0+64<<20 {
		t.Errorf("RSS grew from %d to %d bytes over %d renders", rss0, rss1, len(targets)-warm)
	}
	if s.Recycled < s.Renders/100-2 || len(liveWorkers(r)) > 2 {
		t.Errorf("Stats = %+v with %d live workers: workers were not recycled", s, len(liveWorkers(r)))
	}
}

func mib(n int64) float64 { return float64(n) / (1 << 20) }
