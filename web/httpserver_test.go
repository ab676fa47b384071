package web

import (
	"bufio"
	"context"
	"github.com/pathways-fr/pathways/internal/fixture"
	"math"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"
)

// startServer serves h through NewHTTPServer and Serve on a loopback
// port; stop shuts it down and returns Serve's error.
func startServer(t *testing.T, h http.Handler, cfg ServerConfig) (addr string, stop func() error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	srv := NewHTTPServer(h, cfg, nil)
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, srv, ln, nil) }()
	var once sync.Once
	var serr error
	stop = func() error {
		once.Do(func() { cancel(); serr = <-done })
		return serr
	}
	t.Cleanup(func() { stop() })
	return ln.Addr().String(), stop
}

// rawRequest sends one raw request on a new connection from local (""
// for any) and returns the response, or an error if none came.
func rawRequest(t *testing.T, addr, local, req string) (*http.Response, error) {
	t.Helper()
	d := net.Dialer{Timeout: 10 * time.Second}
	if local != "" {
		d.LocalAddr = &net.TCPAddr{IP: net.ParseIP(local)}
	}
	c, err := d.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	// A guard against a hang, not a timing claim.
	c.SetDeadline(time.Now().Add(30 * time.Second))
	if _, err := c.Write([]byte(req)); err != nil {
		return nil, err
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err == nil {
		resp.Body.Close()
	}
	return resp, err
}

// TestServeDrainsQueuedRenders shuts the server down while renders wait
// for the only worker, which is busy: each is answered 503 shutting_down
// with Retry-After, and Serve returns nil.
func TestServeDrainsQueuedRenders(t *testing.T) {
	r := svgRenderer(t, RenderConfig{})
	h := svgServer(t, r, fixture.Metiers(t))
	addr, stop := startServer(t, h, ServerConfig{Renderer: r})
	slot := <-r.slots // the only worker is busy
	defer func() { r.slots <- slot }()
	targets := []string{"/svg/jobs/ergonome", "/svg/jobs/data-analyst", "/svg/jobs/web-designer"}
	type answer struct {
		resp *http.Response
		err  error
	}
	answers := make(chan answer, len(targets))
	for _, target := range targets {
		go func() {
			resp, err := rawRequest(t, addr, "", "GET "+target+" HTTP/1.1\r\nHost: x\r\n\r\n")
			answers <- answer{resp, err}
		}()
	}
	for {
		r.mu.Lock()
		n := r.pending
		r.mu.Unlock()
		if n == len(targets) {
			break
		}
		runtime.Gosched()
	}
	if err := stop(); err != nil {
		t.Errorf("Serve after shutdown = %v, want nil", err)
	}
	for range targets {
		a := <-answers
		if a.err != nil {
			t.Errorf("a queued render got no answer: %v", a.err)
			continue
		}
		if a.resp.StatusCode != http.StatusServiceUnavailable || a.resp.Header.Get("Retry-After") == "" {
			t.Errorf("queued render at shutdown: status %d, Retry-After %q; want 503 with Retry-After",
				a.resp.StatusCode, a.resp.Header.Get("Retry-After"))
		}
	}
}

// TestConnsPerClient opens as many connections as one client may, then
// one more, which is closed unanswered, while another client (another
// loopback address) is served.
func TestConnsPerClient(t *testing.T) {
	// Idle connections without a request are closed after
	// ReadHeaderTimeout: an hour, so that however slow the machine, the
	// three stay open.
	addr, _ := startServer(t, apiServer(t, nil), ServerConfig{MaxConnsPerClient: 3, ReadHeaderTimeout: time.Hour, IdleTimeout: time.Hour})
	for range 3 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
	}
	const probe = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
	if resp, err := rawRequest(t, addr, "", probe); err == nil {
		t.Errorf("a 4th connection of one client was answered %d, want it closed", resp.StatusCode)
	}
	resp, err := rawRequest(t, addr, "127.0.0.2", probe)
	if err != nil {
		t.Skipf("no second loopback address here: %v", err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /healthz from another client: status %d, want 200", resp.StatusCode)
	}
}

// TestOptionsStar checks that OPTIONS *, which net/http answers by
// itself unless told not to, carries the security headers.
func TestOptionsStar(t *testing.T) {
	addr, _ := startServer(t, apiServer(t, nil), ServerConfig{})
	resp, err := rawRequest(t, addr, "", "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n")
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") ||
		resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("OPTIONS *: status %d, headers %v; want 200 with the security headers", resp.StatusCode, resp.Header)
	}
}

// TestMemoryLimit checks that a server sets the process's soft memory
// limit: its MemoryLimit, the default when none is given, none when it is
// negative.
func TestMemoryLimit(t *testing.T) {
	if os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOMEMLIMIT is set: it wins over MemoryLimit")
	}
	old := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(old)
	for _, tc := range []struct{ limit, want int64 }{
		{300 << 20, 300 << 20},
		{0, DefaultMemoryLimit},
		{-1, math.MaxInt64},
	} {
		NewHTTPServer(http.NotFoundHandler(), ServerConfig{MemoryLimit: tc.limit}, nil)
		if got := debug.SetMemoryLimit(-1); got != tc.want {
			t.Errorf("NewHTTPServer with MemoryLimit %d: the process's limit is %d, want %d", tc.limit, got, tc.want)
		}
	}
}
