// Package web serves the engine over HTTP with gin: the JSON API, the SVG
// career maps drawn with go-graphviz, and the page for career counsellors.
// It is the only package that imports gin or go-graphviz.
package web

import (
	"context"
	"errors"
	"log/slog"
	"maps"
	"net/http"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"
	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/pathways-fr/pathways/graph"
)

func init() {
	// gin starts in debug mode, which prints every route and warns on
	// stdout: the server always runs in release mode (tests of this
	// package set test mode in TestMain).
	gin.SetMode(gin.ReleaseMode)
}

// Datasets holds the loaded graphs by dataset name. Swap and Reload
// replace graphs atomically: requests in flight keep the graph they
// started with.
type Datasets struct {
	Default string
	graphs  atomic.Pointer[map[string]dataset]
	now     func() time.Time // when a graph is handed over; nil: time.Now
}

func (d *Datasets) clock() time.Time {
	if d.now != nil {
		return d.now()
	}
	return time.Now()
}

// dataset is a graph, when it was handed to the server, and its
// generation: a number no other graph handed to any Datasets gets, which
// caches key on so that they never keep a replaced graph alive.
type dataset struct {
	g        *graph.Graph
	loadedAt time.Time
	gen      uint64
}

// generations numbers the graphs handed to a Datasets.
var generations atomic.Uint64

func newDataset(g *graph.Graph, now time.Time) dataset {
	return dataset{g: g, loadedAt: now, gen: generations.Add(1)}
}

// NewDatasets returns the datasets holding gs, keyed by their Dataset
// name; def names the one used when a request names none.
func NewDatasets(def string, gs ...*graph.Graph) *Datasets {
	d := &Datasets{Default: def}
	m := map[string]dataset{}
	now := time.Now()
	for _, g := range gs {
		m[g.Dataset] = newDataset(g, now)
	}
	d.graphs.Store(&m)
	return d
}

// Get returns the graph of a dataset; "" names the default.
func (d *Datasets) Get(name string) (*graph.Graph, bool) {
	ds, ok := d.get(name)
	return ds.g, ok
}

func (d *Datasets) get(name string) (dataset, bool) {
	if name == "" {
		name = d.Default
	}
	ds, ok := (*d.graphs.Load())[name]
	return ds, ok
}

// Names returns the names of the loaded datasets, sorted.
func (d *Datasets) Names() []string {
	return slices.Sorted(maps.Keys(*d.graphs.Load()))
}

// Swap puts the graphs gs in place of those of their datasets (or adds
// them), all at once.
func (d *Datasets) Swap(gs ...*graph.Graph) {
	now := d.clock()
	for {
		old := d.graphs.Load()
		m := make(map[string]dataset, len(*old)+len(gs))
		for k, v := range *old {
			m[k] = v
		}
		for _, g := range gs {
			m[g.Dataset] = newDataset(g, now)
		}
		if d.graphs.CompareAndSwap(old, &m) {
			return
		}
	}
}

// ReloadFunc loads every dataset anew, from the same sources as at
// start. Its error names the file, line and field of what is wrong.
type ReloadFunc func(ctx context.Context) ([]*graph.Graph, error)

// reloadMu makes reloads run one at a time, so that two of them (a
// signal and a request) never interleave their loads and swaps.
var reloadMu sync.Mutex

// Reload calls load and, only if it returns every graph without error,
// puts them all in place at once; datasets it does not return are kept.
// On error nothing changes: the datasets loaded before keep serving.
// Reloads run one at a time.
func (d *Datasets) Reload(ctx context.Context, load ReloadFunc) ([]*graph.Graph, error) {
	reloadMu.Lock()
	defer reloadMu.Unlock()
	gs, err := load(ctx)
	if err != nil {
		return nil, err
	}
	if len(gs) == 0 {
		return nil, errors.New("no dataset loaded")
	}
	seen := map[string]bool{}
	for _, g := range gs {
		if g == nil || g.Dataset == "" || seen[g.Dataset] {
			return nil, errors.New("the loader returned a nil, unnamed or repeated dataset")
		}
		seen[g.Dataset] = true
	}
	d.Swap(gs...)
	// A load allocates several times what it keeps, and the replaced
	// graphs are now garbage once the requests in flight end: hand that
	// memory back to the system now, or the collector's pacing keeps the
	// process at about twice its live heap, a level reached only over
	// several reloads.
	debug.FreeOSMemory()
	return gs, nil
}

// Config configures the server.
type Config struct {
	Datasets       *Datasets
	Logger         *slog.Logger
	TrustedProxies []string // none unless configured
	Renderer       *Renderer

	// RenderRate and RenderBurst limit the drawings (/svg/…) each client
	// may have rendered: RenderBurst at once, then RenderRate a second.
	// Drawings served from the cache are not counted. Zero RenderRate
	// sets no limit.
	RenderRate  float64
	RenderBurst int

	// RenderShare bounds the renders one client may have in flight,
	// drawing or waiting for a worker; beyond, 429. Default: a quarter of
	// the renderer's workers and queue, at least 1.
	RenderShare int

	// AdminToken, when set, serves POST /admin/reload to the requests
	// bearing it; Reload then loads the datasets anew.
	AdminToken string
	Reload     ReloadFunc

	separateMetrics bool             // /metrics on a handler of its own
	now             func() time.Time // the clock of the limiters; tests set it
	exportSlots     chan struct{}    // the places of exports in flight; tests set it
}

// server holds what the handlers share.
type server struct {
	sets    *Datasets
	log     *slog.Logger
	render  *Renderer
	metrics *metrics

	renderLimit     *rateLimiter // nil: no limit
	adminLimit      *rateLimiter // of wrong admin tokens
	shares          *renderShares
	exportSlots     chan struct{} // one per export being written
	separateMetrics bool          // /metrics not on the main handler
	adminToken      string        // "": no admin routes
	reload          ReloadFunc
	views           *lru.Cache[viewKey, string] // the DOT key each SVG request was drawn under
}

// NewServer returns the handler for the API, the SVG views and the web
// page. Every response carries the security headers; every request is
// logged; a panic is a 500 with the JSON error document.
func NewServer(cfg Config) (http.Handler, error) {
	r, err := newEngine(cfg)
	if err != nil {
		return nil, err
	}
	return withSecurityHeaders(r), nil
}

// NewServerWithMetrics is NewServer with /metrics served by a handler of
// its own, for a separate listener (pathways serve --metrics-addr): the
// main handler then answers /metrics with 404.
func NewServerWithMetrics(cfg Config) (api, metrics http.Handler, err error) {
	cfg.separateMetrics = true
	r, s, err := build(cfg)
	if err != nil {
		return nil, nil, err
	}
	m := gin.New()
	m.Use(requestLog(s.log), recovery(s.log))
	m.NoRoute(notFound)
	m.GET("/metrics", s.handleMetrics())
	return withSecurityHeaders(r), withSecurityHeaders(m), nil
}

// newEngine builds the gin engine behind NewServer.
func newEngine(cfg Config) (*gin.Engine, error) {
	r, _, err := build(cfg)
	return r, err
}

// build builds the gin engine and the server state its handlers share.
func build(cfg Config) (*gin.Engine, *server, error) {
	if cfg.Datasets == nil {
		return nil, nil, errors.New("web: no datasets")
	}
	if cfg.AdminToken != "" && cfg.Reload == nil {
		return nil, nil, errors.New("web: an admin token without a reload function")
	}
	r := gin.New()
	// A path with a trailing slash is a 404 document, not a redirect that
	// gin would write without the middleware (unlogged).
	r.RedirectTrailingSlash = false
	r.HandleMethodNotAllowed = true
	if err := r.SetTrustedProxies(cfg.TrustedProxies); err != nil {
		return nil, nil, err
	}
	s := newServerState(cfg)
	r.Use(s.metrics.count(), requestLog(s.log), recovery(s.log))
	r.NoRoute(notFound)
	r.NoMethod(methodNotAllowed)
	addRoutes(r, s)
	return r, s, nil
}

// newServerState returns what the handlers of cfg share: limiters,
// caches and metrics.
func newServerState(cfg Config) *server {
	s := &server{sets: cfg.Datasets, log: cfg.logger(), render: cfg.Renderer,
		adminToken: cfg.AdminToken, reload: cfg.Reload, separateMetrics: cfg.separateMetrics}
	s.renderLimit = newRateLimiter(cfg.RenderRate, cfg.RenderBurst, maxRateClients)
	s.adminLimit = newRateLimiter(adminFailuresPerMinute/60.0, adminFailuresBurst, maxRateClients)
	if cfg.now != nil {
		s.adminLimit.now = cfg.now
		if s.renderLimit != nil {
			s.renderLimit.now = cfg.now
		}
	}
	s.views, _ = lru.New[viewKey, string](maxViewKeys)
	share := cfg.RenderShare
	if share <= 0 {
		rc := s.renderer().cfg
		share = max(1, (rc.Workers+rc.Queue)/4)
	}
	s.shares = &renderShares{max: share, n: map[string]int{}}
	s.exportSlots = cfg.exportSlots
	if s.exportSlots == nil {
		s.exportSlots = make(chan struct{}, maxExportsInFlight)
	}
	s.metrics = newMetrics(s)
	return s
}

func (cfg Config) logger() *slog.Logger {
	if cfg.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return cfg.Logger
}
