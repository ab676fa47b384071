package web

import (
	"fmt"
	"github.com/pathways-fr/pathways/internal/fixture"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"
)

// fakeClock is a clock the test moves by hand.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time      { return c.t }
func (c *fakeClock) add(d time.Duration) { c.t = c.t.Add(d) }
func newFakeClock() *fakeClock           { return &fakeClock{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)} }
func limiterAt(c *fakeClock, rate float64, burst int) *rateLimiter {
	l := newRateLimiter(rate, burst, maxRateClients)
	l.now = c.now
	return l
}

func TestRateLimiterBucket(t *testing.T) {
	clock := newFakeClock()
	l := limiterAt(clock, 2, 3) // 3 at once, then one every 500 ms
	for i := range 3 {
		if ok, _ := l.allow("a"); !ok {
			t.Fatalf("allow(a) #%d = false, want true within the burst", i+1)
		}
	}
	ok, wait := l.allow("a")
	if ok || wait != 500*time.Millisecond {
		t.Errorf("allow(a) after the burst = %v, %v; want false, 500ms", ok, wait)
	}
	if ok, _ := l.allow("b"); !ok {
		t.Errorf("allow(b) = false: another client shares a's bucket")
	}
	clock.add(499 * time.Millisecond)
	if ok, _ := l.allow("a"); ok {
		t.Errorf("allow(a) 499ms later = true, want false")
	}
	clock.add(time.Millisecond)
	if ok, _ := l.allow("a"); !ok {
		t.Errorf("allow(a) 500ms later = false, want true: a token came back")
	}
	if ok, _ := l.allow("a"); ok {
		t.Errorf("allow(a) right after = true, want false")
	}
	clock.add(time.Hour)
	for i := range 3 {
		if ok, _ := l.allow("a"); !ok {
			t.Fatalf("allow(a) #%d an hour later = false, want a full bucket", i+1)
		}
	}
	if ok, _ := l.allow("a"); ok {
		t.Errorf("allow(a) an hour later, past the burst = true: the bucket holds more than the burst")
	}
}

func TestRateLimiterOff(t *testing.T) {
	for _, rate := range []float64{0, -1} {
		if l := newRateLimiter(rate, 10, maxRateClients); l != nil {
			t.Errorf("newRateLimiter(%v, 10) = %v, want nil (no limit)", rate, l)
		}
	}
}

// TestRateLimiterMemory checks that the clients remembered stay bounded,
// the most recent kept.
func TestRateLimiterMemory(t *testing.T) {
	clock := newFakeClock()
	l := newRateLimiter(1, 5, 10)
	l.now = clock.now
	for i := range 1000 {
		l.allow(fmt.Sprint("many-", i))
		if n := l.size(); n > 10 {
			t.Fatalf("size = %d after %d clients, want at most 10", n, i+1)
		}
	}
	if !l.clients.Contains("many-999") {
		t.Errorf("the last client seen was forgotten")
	}
}

func TestClientKey(t *testing.T) {
	for _, tt := range []struct{ ip, want string }{
		{"192.0.2.1", "192.0.2.1"},
		{"::ffff:192.0.2.1", "192.0.2.1"},
		{"2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"},
		{"2001:db8:1:2::9", "2001:db8:1:2::/64"},
		{"fe80::1%eth0", "fe80::/64"},
		{"pas une adresse", "pas une adresse"},
		{"", ""},
	} {
		if got := clientKey(tt.ip); got != tt.want {
			t.Errorf("clientKey(%q) = %q, want %q", tt.ip, got, tt.want)
		}
	}
}

// rateGet asks target from the peer addr, with extra headers.
func rateGet(h http.Handler, target, addr string, hdr ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, target, nil)
	req.RemoteAddr = addr
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// rateServer is a server whose renders all fail at once, without a
// worker (no DOT is small enough): each request for a drawing not in the
// cache is a render, charged to the limit, answered 503.
func rateServer(t *testing.T, rate float64, burst int, proxies ...string) http.Handler {
	t.Helper()
	h, err := NewServer(Config{Datasets: NewDatasets("metiers", fixture.Metiers(t)), RenderRate: rate, RenderBurst: burst,
		Renderer: svgRenderer(t, RenderConfig{MaxDOT: 1}), TrustedProxies: proxies})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestRateLimitRoutes goes through the real server: renders are charged
// to the client that asks for them.
func TestRateLimitRoutes(t *testing.T) {
	h := rateServer(t, 0.001, 2)
	const target = "/svg/jobs/ergonome"
	const a, b = "192.0.2.1:1111", "192.0.2.2:2222"
	for i := range 2 {
		if rec := rateGet(h, target, a); rec.Code != http.StatusServiceUnavailable {
			t.Fatalf("GET %s #%d from %s: status %d, want a render (503 here) within the burst: %s", target, i+1, a, rec.Code, rec.Body)
		}
	}
	rec := rateGet(h, target, a)
	if rec.Code != http.StatusTooManyRequests {
		t.Fatalf("GET %s past the burst: status %d, want 429: %s", target, rec.Code, rec.Body)
	}
	if e := apiErrorDoc(t, target, rec.Body.Bytes()); e.Error.Code != codeRateLimited {
		t.Errorf("GET %s past the burst: code %q, want %q", target, e.Error.Code, codeRateLimited)
	}
	apiSecurityHeaders(t, target, rec.Header())
	// One token per 1000 s: the client must wait that long.
	if s, err := strconv.Atoi(rec.Header().Get("Retry-After")); err != nil || s < 999 || s > 1000 {
		t.Errorf("GET %s past the burst: Retry-After = %q, want 1000 (seconds)", target, rec.Header().Get("Retry-After"))
	}
	if cc := rec.Header().Get("Cache-Control"); cc != "no-store" {
		t.Errorf("GET %s past the burst: Cache-Control = %q, want no-store", target, cc)
	}

	for _, tt := range []struct {
		what, target, addr string
		hdr                []string
		want               int
	}{
		{"every drawing route", "/svg/map", a, nil, http.StatusTooManyRequests},
		{"every drawing route", "/svg/path?from=ergonome&to=data-analyst", a, nil, http.StatusTooManyRequests},
		{"every drawing route", "/svg/reachable?from=ergonome", a, nil, http.StatusTooManyRequests},
		{"every drawing route", "/svg/feeders?to=ergonome", a, nil, http.StatusTooManyRequests},
		{"a request that draws nothing", "/svg/jobs/inconnu", a, nil, http.StatusNotFound},
		{"the same client on another port", target, "192.0.2.1:3333", nil, http.StatusTooManyRequests},
		{"X-Forwarded-For without a trusted proxy", target, a, []string{"X-Forwarded-For", "203.0.113.7"}, http.StatusTooManyRequests},
		{"another client", target, b, nil, http.StatusServiceUnavailable},
		{"the JSON API", "/api/jobs", a, nil, http.StatusOK},
		{"the page", "/", a, nil, http.StatusOK},
	} {
		if rec := rateGet(h, tt.target, tt.addr, tt.hdr...); rec.Code != tt.want {
			t.Errorf("%s: GET %s from %s: status %d, want %d", tt.what, tt.target, tt.addr, rec.Code, tt.want)
		}
	}

	// An IPv6 client is its /64.
	for i, addr := range []string{"[2001:db8::1]:1", "[2001:db8::2]:1", "[2001:db8::3]:1"} {
		want := http.StatusServiceUnavailable
		if i == 2 {
			want = http.StatusTooManyRequests
		}
		if rec := rateGet(h, target, addr); rec.Code != want {
			t.Errorf("GET %s #%d from %s: status %d, want %d (one /64, one bucket)", target, i+1, addr, rec.Code, want)
		}
	}
}

// TestRateLimitCachedFree checks that drawings served from the cache, or
// answered 304, are never refused: only renders are charged.
func TestRateLimitCachedFree(t *testing.T) {
	h, err := NewServer(Config{Datasets: NewDatasets("metiers", fixture.Metiers(t)), RenderRate: 0.001, RenderBurst: 1,
		Renderer: svgRenderer(t, RenderConfig{})})
	if err != nil {
		t.Fatal(err)
	}
	const target, a = "/svg/jobs/ergonome", "192.0.2.1:1"
	first := rateGet(h, target, a)
	if first.Code != http.StatusOK {
		t.Fatalf("GET %s: status %d, want 200: %s", target, first.Code, first.Body)
	}
	for i := range 50 {
		if rec := rateGet(h, target, a); rec.Code != http.StatusOK {
			t.Fatalf("GET %s #%d, cached: status %d, want 200: %s", target, i+2, rec.Code, rec.Body)
		}
		if rec := rateGet(h, target, a, "If-None-Match", first.Header().Get("ETag")); rec.Code != http.StatusNotModified {
			t.Fatalf("GET %s #%d with its ETag: status %d, want 304", target, i+2, rec.Code)
		}
	}
	if rec := rateGet(h, "/svg/jobs/data-analyst", a); rec.Code != http.StatusTooManyRequests {
		t.Errorf("GET /svg/jobs/data-analyst, a second render past a burst of 1: status %d, want 429", rec.Code)
	}
}

// TestRateLimitTrustedProxy checks that behind a trusted proxy the client
// is the address the proxy names.
func TestRateLimitTrustedProxy(t *testing.T) {
	h := rateServer(t, 0.001, 1, "10.0.0.1")
	const target, proxy = "/svg/jobs/ergonome", "10.0.0.1:443"
	for _, tt := range []struct {
		client string
		want   int
	}{
		{"203.0.113.1", http.StatusServiceUnavailable},
		{"203.0.113.2", http.StatusServiceUnavailable},
		{"203.0.113.1", http.StatusTooManyRequests},
	} {
		if rec := rateGet(h, target, proxy, "X-Forwarded-For", tt.client); rec.Code != tt.want {
			t.Errorf("GET %s for %s through the proxy: status %d, want %d", target, tt.client, rec.Code, tt.want)
		}
	}
}

func TestRateLimitOffByDefault(t *testing.T) {
	h := rateServer(t, 0, 0)
	for i := range 200 {
		if rec := rateGet(h, "/svg/jobs/ergonome", "192.0.2.1:1"); rec.Code != http.StatusServiceUnavailable {
			t.Fatalf("GET /svg/jobs/ergonome #%d without RenderRate: status %d, want 503 (a render)", i+1, rec.Code)
		}
	}
}
