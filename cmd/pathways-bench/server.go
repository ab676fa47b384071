package main

import (
	"bytes"
	"context"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/pathways-fr/pathways/data"
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
// started in this process on 127.0.0.1.
type server struct {
	base     string // http://127.0.0.1:PORT
	sets     *web.Datasets
	renderer *web.Renderer
	srv      *http.Server
	served   chan error
}

// serverConfig is what the flags of serve would set.
type serverConfig struct {
	renderRate  float64 // 0: no limit
	renderBurst int
	adminToken  string
}

// loadEmbedded loads the datasets serve serves when given no --data nor
// --rome-dir.
func loadEmbedded(context.Context) ([]*graph.Graph, error) {
	metiers, err := graph.LoadMetiers(bytes.NewReader(data.Metiers()), "metiers.json")
	if err != nil {
		return nil, err
	}
	rome, err := graph.LoadROME(data.ROME())
	if err != nil {
		return nil, err
	}
	return []*graph.Graph{metiers, rome}, nil
}

// startServer starts the server; close stops it.
func startServer(cfg serverConfig, log *slog.Logger) (*server, error) {
	gin.SetMode(gin.ReleaseMode)
	graphs, err := loadEmbedded(context.Background())
	if err != nil {
		return nil, err
	}
	s := &server{sets: web.NewDatasets("metiers", graphs...), renderer: web.NewRenderer(web.RenderConfig{Logger: log}), served: make(chan error, 1)}
	h, err := web.NewServer(web.Config{
		Datasets: s.sets, Logger: log, Renderer: s.renderer,
		RenderRate: cfg.renderRate, RenderBurst: cfg.renderBurst,
		AdminToken: cfg.adminToken, Reload: loadEmbedded,
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
	s.srv = &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	go func() { s.served <- s.srv.Serve(ln) }()
	return s, nil
}

// close stops the server, letting the requests in flight finish, then
// its renderer.
func (s *server) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if s.srv.Shutdown(ctx) != nil {
		s.srv.Close()
	}
	<-s.served
	s.renderer.Close()
}
