package web

import (
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/fixture"
)

// scrape reads /metrics from h.
func scrape(t *testing.T, h http.Handler) map[string]*dto.MetricFamily {
	t.Helper()
	rec := apiDo(h, "GET", "/metrics")
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/plain") {
		t.Fatalf("GET /metrics = %d %q, want 200 text/plain", rec.Code, rec.Header().Get("Content-Type"))
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	mfs, err := p.TextToMetricFamilies(rec.Body)
	if err != nil {
		t.Fatalf("parsing /metrics: %v", err)
	}
	return mfs
}

// metricValue returns the value of the series of a family with exactly
// the given labels (name, value pairs): a counter's or gauge's value, a
// histogram's count. A missing series is 0.
func metricValue(mfs map[string]*dto.MetricFamily, name string, labels ...string) float64 {
	mf := mfs[name]
	if mf == nil {
		return 0
	}
	for _, m := range mf.GetMetric() {
		if !hasLabels(m, labels) {
			continue
		}
		switch {
		case m.Counter != nil:
			return m.Counter.GetValue()
		case m.Gauge != nil:
			return m.Gauge.GetValue()
		case m.Histogram != nil:
			return float64(m.Histogram.GetSampleCount())
		}
	}
	return 0
}

func hasLabels(m *dto.Metric, labels []string) bool {
	if len(m.GetLabel()) != len(labels)/2 {
		return false
	}
	for i := 0; i < len(labels); i += 2 {
		found := false
		for _, l := range m.GetLabel() {
			if l.GetName() == labels[i] && l.GetValue() == labels[i+1] {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// TestMetricsRequests checks that requests are counted and timed by route
// pattern, method and status, and that unrouted requests never put their
// path or method in a label.
func TestMetricsRequests(t *testing.T) {
	h := apiServer(t, nil)
	other := apiServer(t, nil) // must not see h's requests
	before := scrape(t, h)
	for _, r := range []struct {
		method, target string
		n              int
	}{
		{"GET", "/api/jobs", 3},
		{"GET", "/api/jobs/nope-1", 1},
		{"GET", "/api/jobs/nope-2", 1},
		{"GET", "/api/resolve", 1},
		{"GET", "/nope-path", 1},
		{"POST", "/api/jobs", 1},
		{"BREW", "/api/jobs", 1},
	} {
		for range r.n {
			apiDo(h, r.method, r.target)
		}
	}
	after := scrape(t, h)

	// Requests by route, method and status; their timings (the count of
	// the histogram) by route and method.
	const requests, timings = "pathways_http_requests_total", "pathways_http_request_duration_seconds"
	for _, tt := range []struct {
		metric string
		labels []string
		want   float64
	}{
		{requests, []string{"route", "/api/jobs", "method", "GET", "status", "200"}, 3},
		{requests, []string{"route", "/api/jobs/:id", "method", "GET", "status", "404"}, 2},
		{requests, []string{"route", "/api/resolve", "method", "GET", "status", "400"}, 1},
		{requests, []string{"route", "/metrics", "method", "GET", "status", "200"}, 1}, // the first scrape
		{requests, []string{"route", "unmatched", "method", "GET", "status", "404"}, 1},
		{requests, []string{"route", "unmatched", "method", "POST", "status", "405"}, 1},
		{requests, []string{"route", "unmatched", "method", "other", "status", "405"}, 1},
		{requests, []string{"route", "/api/levels", "method", "GET", "status", "200"}, 0},
		{timings, []string{"route", "/api/jobs", "method", "GET"}, 3},
		{timings, []string{"route", "/api/jobs/:id", "method", "GET"}, 2},
		{timings, []string{"route", "unmatched", "method", "GET"}, 1},
	} {
		if got := metricValue(after, tt.metric, tt.labels...) - metricValue(before, tt.metric, tt.labels...); got != tt.want {
			t.Errorf("%s%v went up by %v, want %v", tt.metric, tt.labels, got, tt.want)
		}
	}
	for _, m := range after["pathways_http_requests_total"].GetMetric() {
		for _, l := range m.GetLabel() {
			if strings.Contains(l.GetValue(), "nope") || l.GetValue() == "BREW" {
				t.Errorf("pathways_http_requests_total has a label %s=%q from a raw request", l.GetName(), l.GetValue())
			}
		}
	}
	if got := metricValue(scrape(t, other), "pathways_http_requests_total", "route", "/api/jobs", "method", "GET", "status", "200"); got != 0 {
		t.Errorf("another server counts %v requests to /api/jobs, want 0: servers share a registry", got)
	}
	if after["go_goroutines"] == nil {
		t.Errorf("/metrics has no go_goroutines: no Go collector")
	}
	if runtime.GOOS == "linux" && after["process_start_time_seconds"] == nil {
		t.Errorf("/metrics has no process_start_time_seconds: no process collector")
	}
}

// TestMetricsDatasets checks the dataset gauges against the graphs, and
// that a reload moves the load time.
func TestMetricsDatasets(t *testing.T) {
	metiers := fixture.Metiers(t)
	rome := fixture.ROME4(t)
	start := time.Now()
	sets := NewDatasets("metiers", metiers, rome)
	h, err := NewServer(Config{Datasets: sets})
	if err != nil {
		t.Fatalf("NewServer: %v", err)
	}
	mfs := scrape(t, h)
	for _, g := range []*graph.Graph{metiers, rome} {
		if got, want := metricValue(mfs, "pathways_dataset_nodes", "dataset", g.Dataset), float64(g.Len()); got != want {
			t.Errorf("pathways_dataset_nodes{dataset=%q} = %v, want %v", g.Dataset, got, want)
		}
		if got, want := metricValue(mfs, "pathways_dataset_edges", "dataset", g.Dataset), float64(len(g.Edges())); got != want {
			t.Errorf("pathways_dataset_edges{dataset=%q} = %v, want %v", g.Dataset, got, want)
		}
		loaded := metricValue(mfs, "pathways_dataset_loaded_timestamp_seconds", "dataset", g.Dataset)
		if lo, hi := unixSeconds(start), unixSeconds(time.Now()); loaded < lo || loaded > hi {
			t.Errorf("pathways_dataset_loaded_timestamp_seconds{dataset=%q} = %v, want between %v and %v", g.Dataset, loaded, lo, hi)
		}
	}

	// A clock of our own: the swap is a second later, whatever the
	// machine's speed.
	reload := time.Now().Add(time.Second)
	sets.now = func() time.Time { return reload }
	again, err := fixture.LoadMetiers()
	if err != nil {
		t.Fatalf("LoadMetiers: %v", err)
	}
	sets.Swap(again)
	mfs = scrape(t, h)
	if got := metricValue(mfs, "pathways_dataset_loaded_timestamp_seconds", "dataset", "metiers"); got < unixSeconds(reload) {
		t.Errorf("after Swap, pathways_dataset_loaded_timestamp_seconds{dataset=\"metiers\"} = %v, want at least %v", got, unixSeconds(reload))
	}
	if got := metricValue(mfs, "pathways_dataset_loaded_timestamp_seconds", "dataset", rome.Dataset); got >= unixSeconds(reload) {
		t.Errorf("after swapping metiers, pathways_dataset_loaded_timestamp_seconds{dataset=%q} = %v, want before %v", rome.Dataset, got, unixSeconds(reload))
	}
}

func unixSeconds(t time.Time) float64 { return float64(t.UnixNano()) / 1e9 }

// TestMetricsRender checks the render metrics: renders and cache hits
// from the renderer's own counts, and the hooks the renderer reports to.
func TestMetricsRender(t *testing.T) {
	r := NewRenderer(RenderConfig{})
	t.Cleanup(func() { r.Close() })
	h, err := NewServer(Config{Datasets: NewDatasets("metiers", fixture.Metiers(t)), Renderer: r})
	if err != nil {
		t.Fatalf("NewServer: %v", err)
	}
	before := scrape(t, h)
	for range 2 {
		if rec := apiDo(h, "GET", "/svg/jobs/architecte-logiciel"); rec.Code != http.StatusOK {
			t.Fatalf("GET /svg/jobs/architecte-logiciel = %d: %s", rec.Code, rec.Body.Bytes())
		}
	}
	after := scrape(t, h)
	for _, tt := range []struct {
		name string
		want float64
	}{
		{"pathways_renders_total", 1},
		{"pathways_render_cache_hits_total", 1},
		{"pathways_render_failures_total", 0},
	} {
		if got := metricValue(after, tt.name) - metricValue(before, tt.name); got != tt.want {
			t.Errorf("%s went up by %v, want %v", tt.name, got, tt.want)
		}
	}
	if got := metricValue(after, "pathways_render_workers_total", "event", "started"); got != 1 {
		t.Errorf("pathways_render_workers_total{event=\"started\"} = %v, want 1", got)
	}
	if got := metricValue(after, "pathways_render_cache_entries"); got != 1 {
		t.Errorf("pathways_render_cache_entries = %v, want 1", got)
	}
	if got := metricValue(after, "pathways_render_cache_bytes"); got <= 0 {
		t.Errorf("pathways_render_cache_bytes = %v, want more than 0", got)
	}
	if got := metricValue(after, "pathways_render_queue_length"); got != 0 {
		t.Errorf("pathways_render_queue_length = %v with no render in flight, want 0", got)
	}

	// Two requests: one miss rendered by a worker, one cache hit.
	later := after
	after = before
	if got := metricValue(later, "pathways_render_cache_misses_total") - metricValue(after, "pathways_render_cache_misses_total"); got != 1 {
		t.Errorf("pathways_render_cache_misses_total went up by %v after one miss, want 1", got)
	}
	if got := metricValue(later, "pathways_render_duration_seconds") - metricValue(after, "pathways_render_duration_seconds"); got != 1 {
		t.Errorf("pathways_render_duration_seconds count went up by %v after one render, want 1", got)
	}
	sum := func(mfs map[string]*dto.MetricFamily) float64 {
		return mfs["pathways_render_duration_seconds"].GetMetric()[0].GetHistogram().GetSampleSum()
	}
	if got := sum(later) - sum(after); got <= 0 {
		t.Errorf("pathways_render_duration_seconds sum went up by %v after a render, want more than 0", got)
	}
}

// TestMetricsSeparate serves /metrics on a handler of its own: the main
// handler no longer answers it.
func TestMetricsSeparate(t *testing.T) {
	api, m, err := NewServerWithMetrics(Config{Datasets: NewDatasets("metiers", fixture.Metiers(t))})
	if err != nil {
		t.Fatal(err)
	}
	if rec := apiDo(api, http.MethodGet, "/metrics"); rec.Code != http.StatusNotFound {
		t.Errorf("GET /metrics on the main handler: status %d, want 404", rec.Code)
	}
	apiDo(api, http.MethodGet, "/api/jobs")
	mfs := scrape(t, m)
	if got := metricValue(mfs, "pathways_http_requests_total", "route", "/api/jobs", "method", "GET", "status", "200"); got != 1 {
		t.Errorf("pathways_http_requests_total{route=/api/jobs} on the metrics handler = %v, want 1", got)
	}
	if rec := apiDo(m, http.MethodGet, "/api/jobs"); rec.Code != http.StatusNotFound {
		t.Errorf("GET /api/jobs on the metrics handler: status %d, want 404", rec.Code)
	}
}
