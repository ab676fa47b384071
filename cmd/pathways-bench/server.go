package main

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"

	"github.com/pathways-fr/pathways/cmd/internal/datasets"
	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/web"
)

// The limits on drawings `pathways serve` applies by default (its
// --render-rate and --render-burst).
const (
	serveRenderRate  = 2.0
	serveRenderBurst = 20
)

// server is the server `pathways serve` runs, on the embedded datasets,
// started in this process on 127.0.0.1, with the limits of serve
// (web.NewHTTPServer's defaults).
type server struct {
	base     string // http://127.0.0.1:PORT
	sets     *web.Datasets
	renderer *web.Renderer
	handler  http.Handler
	stop     context.CancelFunc
	served   chan error
}

// serverConfig is what the flags of serve would set.
type serverConfig struct {
	renderRate  float64 // 0: no limit
	renderBurst int
	renderShare int // renders one client may have in flight; 0: serve's default
	adminToken  string
	cacheBytes  int64            // of the renderer's SVG cache; 0: its default (32 MiB)
	http        web.ServerConfig // zero fields: serve's defaults
}

// startServer starts the server on the datasets serve serves when given
// no --data nor --rome-dir, loaded and reloaded as serve does; close stops
// it.
func startServer(cfg serverConfig, log *slog.Logger) (*server, error) {
	graphs, err := datasets.LoadAll(datasets.Options{})
	if err != nil {
		return nil, err
	}
	debug.FreeOSMemory()            // as serve does after its load
	repertoire := graphs[0].Dataset // not graphs: a reload must not keep the start's datasets alive
	reload := func(context.Context) ([]*graph.Graph, error) {
		return datasets.Reload(datasets.Options{}, repertoire)
	}
	s := &server{sets: web.NewDatasets(graphs[0].Dataset, graphs...), renderer: web.NewRenderer(web.RenderConfig{Logger: log, CacheBytes: cfg.cacheBytes}), served: make(chan error, 1)}
	s.handler, err = web.NewServer(web.Config{
		Datasets: s.sets, Logger: log, Renderer: s.renderer,
		RenderRate: cfg.renderRate, RenderBurst: cfg.renderBurst, RenderShare: cfg.renderShare,
		AdminToken: cfg.adminToken, Reload: reload,
	})
	if err != nil {
		s.renderer.Close()
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		s.renderer.Close()
		return nil, err
	}
	s.base = "http://" + ln.Addr().String()
	hc := cfg.http
	hc.Renderer = s.renderer
	srv := web.NewHTTPServer(s.handler, hc, log)
	ctx, stop := context.WithCancel(context.Background())
	s.stop = stop
	go func() { s.served <- web.Serve(ctx, srv, ln, log) }()
	return s, nil
}

// close stops the server as serve stops on SIGTERM, then its renderer.
func (s *server) close() error {
	s.stop()
	err := <-s.served
	s.renderer.Close()
	return err
}
