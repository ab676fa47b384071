package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// The metrics served at /metrics, in the Prometheus text format. Each
// server has its own registry, so that several servers in one process
// (tests, mostly) never share counters.

// metrics are the metrics of one server.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec

	adminRefused *prometheus.CounterVec
}

// unmatchedRoute is the route label of requests no route serves (404s,
// 405s): never the raw path, which would grow the series without bound.
const unmatchedRoute = "unmatched"

func newMetrics(s *server) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pathways_http_requests_total",
			Help: "HTTP requests answered, by route pattern, method and status.",
		}, []string{"route", "method", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "pathways_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route pattern and method.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"route", "method"}),
		adminRefused: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pathways_admin_auth_failures_total",
			Help: "Admin requests refused: a wrong or missing token (unauthorized), or too many of them from one client (throttled).",
		}, []string{"result"}),
	}
	m.reg.MustRegister(
		m.requests,
		m.duration,
		m.adminRefused,
		datasetCollector{s.sets},
		renderCollector{s},
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return m
}

// count is the middleware that counts and times every request, the
// answers gin writes by itself (404, 405) included.
func (m *metrics) count() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		route := c.FullPath()
		if route == "" {
			route = unmatchedRoute
		}
		method := methodLabel(c.Request.Method)
		m.requests.WithLabelValues(route, method, strconv.Itoa(c.Writer.Status())).Inc()
		m.duration.WithLabelValues(route, method).Observe(time.Since(start).Seconds())
	}
}

// methodLabel returns the method as a label: a client may send any
// token as a method, so the ones HTTP does not define are "other".
func methodLabel(method string) string {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return method
	}
	return "other"
}

// handleMetrics answers GET /metrics.
func (s *server) handleMetrics() gin.HandlerFunc {
	h := promhttp.HandlerFor(s.metrics.reg, promhttp.HandlerOpts{Registry: s.metrics.reg})
	return func(c *gin.Context) {
		c.Header("Cache-Control", "no-store")
		h.ServeHTTP(c.Writer, c.Request)
	}
}

// desc describes a metric that its collector computes when scraped.
func desc(name, help string, labels ...string) *prometheus.Desc {
	return prometheus.NewDesc(name, help, labels, nil)
}

var (
	datasetNodesDesc  = desc("pathways_dataset_nodes", "Nodes of a loaded dataset: jobs, external roles and diploma levels.", "dataset")
	datasetEdgesDesc  = desc("pathways_dataset_edges", "Edges of a loaded dataset.", "dataset")
	datasetLoadedDesc = desc("pathways_dataset_loaded_timestamp_seconds", "When a dataset was last loaded into the server, in seconds since the Unix epoch.", "dataset")
)

// datasetCollector reports the datasets loaded when it is scraped, so
// that a reload shows at once.
type datasetCollector struct{ sets *Datasets }

func (d datasetCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- datasetNodesDesc
	ch <- datasetEdgesDesc
	ch <- datasetLoadedDesc
}

func (d datasetCollector) Collect(ch chan<- prometheus.Metric) {
	for name, ds := range *d.sets.graphs.Load() {
		ch <- prometheus.MustNewConstMetric(datasetNodesDesc, prometheus.GaugeValue, float64(ds.g.Len()), name)
		ch <- prometheus.MustNewConstMetric(datasetEdgesDesc, prometheus.GaugeValue, float64(len(ds.g.Edges())), name)
		ch <- prometheus.MustNewConstMetric(datasetLoadedDesc, prometheus.GaugeValue,
			float64(ds.loadedAt.UnixNano())/1e9, name)
	}
}

var (
	renderQueueDesc        = desc("pathways_render_queue_length", "SVG renders in flight: drawing in a worker or waiting for one.")
	rendersDesc            = desc("pathways_renders_total", "SVG renders done by the render workers.")
	renderFailuresDesc     = desc("pathways_render_failures_total", "SVG renders that failed.")
	renderCacheHitsDesc    = desc("pathways_render_cache_hits_total", "SVG answers served from the render cache.")
	renderCacheBytesDesc   = desc("pathways_render_cache_bytes", "Bytes of SVG and gzip held by the render cache.")
	renderCacheEntriesDesc = desc("pathways_render_cache_entries", "Drawings held by the render cache.")
	renderWorkersDesc      = desc("pathways_render_workers_total", "Render worker processes, by what happened to them: started, recycled after their share of renders, or killed.", "event")
)

// renderCollector reports the renderer of a server as it stands when it
// is scraped: the counts it keeps itself (Renderer.stats), its queue and
// cache, and the hooks it reports to (renderHooks).
type renderCollector struct{ s *server }

func (rc renderCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{renderQueueDesc, rendersDesc, renderFailuresDesc,
		renderCacheHitsDesc, renderCacheBytesDesc, renderCacheEntriesDesc, renderWorkersDesc} {
		ch <- d
	}
	h := newRenderHooks() // only its descriptions are read
	h.duration.Describe(ch)
	h.misses.Describe(ch)
}

func (rc renderCollector) Collect(ch chan<- prometheus.Metric) {
	r := rc.s.renderer()
	st := r.stats()
	r.mu.Lock()
	pending := r.pending
	r.mu.Unlock()
	bytes, entries := r.cache.bytes()
	gauge := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...)
	}
	counter := func(d *prometheus.Desc, v int64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, float64(v), labels...)
	}
	gauge(renderQueueDesc, float64(pending))
	gauge(renderCacheBytesDesc, float64(bytes))
	gauge(renderCacheEntriesDesc, float64(entries))
	counter(rendersDesc, st.Renders)
	counter(renderFailuresDesc, st.Failed)
	counter(renderCacheHitsDesc, st.Hits)
	counter(renderWorkersDesc, st.Started, "started")
	counter(renderWorkersDesc, st.Recycled, "recycled")
	counter(renderWorkersDesc, st.Killed, "killed")
	h := r.hooks
	h.duration.Collect(ch)
	h.misses.Collect(ch)
}

// renderHooks are the render metrics that only the renderer's code can
// observe. A Renderer may serve several servers (the shared one does), so
// they belong to the Renderer, and every server that uses it reports them.
type renderHooks struct {
	duration prometheus.Histogram
	misses   prometheus.Counter
}

func newRenderHooks() *renderHooks {
	return &renderHooks{
		duration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "pathways_render_duration_seconds",
			Help:    "Time a render worker took to draw an SVG, failed renders included.",
			Buckets: []float64{.01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}),
		misses: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "pathways_render_cache_misses_total",
			Help: "SVG requests the render cache could not answer.",
		}),
	}
}

// rendered records a render that started at start.
func (h *renderHooks) rendered(start time.Time) { h.duration.Observe(time.Since(start).Seconds()) }

// miss records a request the cache could not answer.
func (h *renderHooks) miss() { h.misses.Inc() }
