package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"weak"

	"github.com/pathways-fr/pathways/internal/testtool"
	"github.com/pathways-fr/pathways/web"
)

// server is a run of the serve command, started by startServe.
type server struct {
	out    io.Reader              // what it writes to stdout: the address lines
	stderr *testtool.LockedBuffer // its log
	cancel context.CancelFunc     // stops it
	done   <-chan error           // gives run's error once it stopped
}

// startServe runs the command args (serve and its flags) in a goroutine
// until the test ends or s.cancel is called.
func startServe(t *testing.T, args ...string) *server {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	pr, pw := io.Pipe()
	s := &server{out: pr, stderr: &testtool.LockedBuffer{}, cancel: cancel}
	done := make(chan error, 1)
	go func() {
		err := run(ctx, args, pw, s.stderr)
		pw.CloseWithError(io.EOF) // a run that fails before printing ends readAddress
		done <- err
	}()
	s.done = done
	return s
}

// readAddress reads the line serve prints and returns the base URL.
func readAddress(t *testing.T, r io.Reader) string {
	t.Helper()
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the address line: %v (read %q)", err, line)
	}
	base, ok := strings.CutPrefix(strings.TrimSuffix(line, "\n"), "pathways: en écoute sur ")
	if !ok || !strings.HasPrefix(base, "http://127.0.0.1:") || strings.HasSuffix(base, ":0") {
		t.Fatalf("address line %q, want \"pathways: en écoute sur http://127.0.0.1:PORT\"", line)
	}
	return base
}

func getStatus(t *testing.T, url string) (int, []byte) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("GET %s: reading body: %v", url, err)
	}
	return res.StatusCode, body
}

func TestServe(t *testing.T) {
	srv := startServe(t, "serve", "--addr", "127.0.0.1:0")
	base := readAddress(t, srv.out)

	status, body := getStatus(t, base+"/healthz")
	var health struct {
		Status   string `json:"status"`
		Datasets map[string]struct {
			Nodes int `json:"nodes"`
		} `json:"datasets"`
	}
	if err := json.Unmarshal(body, &health); status != http.StatusOK || err != nil ||
		health.Status != "ok" || health.Datasets["metiers"].Nodes == 0 {
		t.Errorf("GET /healthz: %d %s (%v), want 200, status ok and the metiers dataset", status, body, err)
	}
	status, body = getStatus(t, base+"/api/jobs")
	var jobs struct {
		Jobs []struct{ ID string } `json:"jobs"`
	}
	if err := json.Unmarshal(body, &jobs); status != http.StatusOK || err != nil || len(jobs.Jobs) == 0 {
		t.Errorf("GET /api/jobs: %d %.200s (%v), want 200 and the jobs", status, body, err)
	}

	srv.cancel()
	if err := <-srv.done; err != nil {
		t.Errorf("run(serve) after cancel = %v, want nil; stderr:\n%s", err, srv.stderr.String())
	}
	if !strings.Contains(srv.stderr.String(), "path=/api/jobs status=200") {
		t.Errorf("stderr does not log the request to /api/jobs:\n%s", srv.stderr.String())
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Errorf("GET /healthz after shutdown: no error, want the connection refused")
	}
}

// TestServeReloadFrees checks that after a reload the datasets loaded at
// the start can be collected: nothing of the server, its reload function
// included, keeps them (the reload closure once held the start's graphs
// for their repertoire’s name: ≈ 44 MB of heap for the server’s life).
func TestServeReloadFrees(t *testing.T) {
	a, err := newApp(&options{stdout: io.Discard, stderr: io.Discard}, serveConfig{}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer a.renderer.Close()
	g, ok := a.sets.Get("all")
	if !ok {
		t.Fatal("no dataset all")
	}
	start := weak.Make(g)
	g = nil
	if _, err := a.sets.Reload(context.Background(), a.reload); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	if start.Value() != nil {
		t.Error("the start's dataset all is still reachable after a reload")
	}
	runtime.KeepAlive(a)
}

// TestServeShutdownWaits checks that a request in flight when the server
// is asked to stop gets its whole answer. The handler holds the request
// until Shutdown has begun (the listener is closed by then), then lets the
// real API answer it.
func TestServeShutdownWaits(t *testing.T) {
	g, err := loadGraph(&options{dataset: "metiers"})
	if err != nil {
		t.Fatal(err)
	}
	api, err := web.NewServer(web.Config{Datasets: web.NewDatasets("metiers", g)})
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{})
	shuttingDown := make(chan struct{})
	var once sync.Once
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() { close(started) })
		<-shuttingDown
		api.ServeHTTP(w, r)
	})
	log := slog.New(slog.DiscardHandler)
	srv := web.NewHTTPServer(h, web.ServerConfig{}, log)
	srv.RegisterOnShutdown(func() { close(shuttingDown) })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := serve(ctx, srv, ln, pw, log)
		pw.CloseWithError(io.EOF)
		done <- err
	}()
	base := readAddress(t, pr)

	type answer struct {
		status int
		body   []byte
		err    error
	}
	got := make(chan answer, 1)
	go func() {
		res, err := http.Get(base + "/api/jobs/architecte-logiciel")
		if err != nil {
			got <- answer{err: err}
			return
		}
		defer res.Body.Close()
		body, err := io.ReadAll(res.Body)
		got <- answer{res.StatusCode, body, err}
	}()
	<-started
	cancel()

	a := <-got
	if a.err != nil {
		t.Fatalf("request in flight during shutdown: %v", a.err)
	}
	var doc struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(a.body, &doc); a.status != http.StatusOK || err != nil || doc.ID != "architecte-logiciel" {
		t.Errorf("request in flight during shutdown: %d %.200s (%v), want 200 and the whole card", a.status, a.body, err)
	}
	if err := <-done; err != nil {
		t.Errorf("serve after cancel = %v, want nil", err)
	}
}

// TestServeMetricsAddr checks that --metrics-addr serves /metrics on a
// listener of its own, and that the main address then answers it 404.
func TestServeMetricsAddr(t *testing.T) {
	srv := startServe(t, "serve", "--addr", "127.0.0.1:0", "--metrics-addr", "127.0.0.1:0")
	r := bufio.NewReader(srv.out)
	line, err := r.ReadString('\n')
	metrics, ok := strings.CutPrefix(strings.TrimSuffix(line, "\n"), "pathways: métriques sur ")
	if err != nil || !ok || !strings.HasPrefix(metrics, "http://127.0.0.1:") {
		t.Fatalf("first line %q (%v), want \"pathways: métriques sur http://127.0.0.1:PORT/metrics\"", line, err)
	}
	base := readAddress(t, r)
	if status, body := getStatus(t, metrics); status != http.StatusOK || !strings.Contains(string(body), "pathways_dataset_nodes") {
		t.Errorf("GET %s = %d %.200s, want 200 and the metrics", metrics, status, body)
	}
	if status, _ := getStatus(t, base+"/metrics"); status != http.StatusNotFound {
		t.Errorf("GET /metrics on the main address = %d, want 404", status)
	}
	if status, _ := getStatus(t, base+"/healthz"); status != http.StatusOK {
		t.Errorf("GET /healthz = %d, want 200", status)
	}
	srv.cancel()
	if err := <-srv.done; err != nil {
		t.Errorf("run(serve --metrics-addr) after cancel = %v, want nil; stderr:\n%s", err, srv.stderr.String())
	}
}
