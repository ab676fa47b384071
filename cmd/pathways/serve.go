package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/spf13/cobra"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/web"
)

// Limits of the HTTP server.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 15 * time.Second
	writeTimeout      = 60 * time.Second
	idleTimeout       = 120 * time.Second
	maxHeaderBytes    = 16 << 10
	shutdownTimeout   = 10 * time.Second // for requests in flight to finish
)

// Defaults of the limits on drawings: a counsellor asks for one map per
// view, so 20 at once then 2 a second is far above what a person clicks,
// and far below what one client would need to keep the renderer busy.
const (
	defaultRenderRate  = 2.0
	defaultRenderBurst = 20
)

// minAdminToken is the shortest admin token serve accepts: the token is
// the only guard of POST /admin/reload.
const minAdminToken = 16

// adminTokenEnv names the environment variable that may hold the admin
// token, which is then not seen in the process list.
const adminTokenEnv = "PATHWAYS_ADMIN_TOKEN"

func newServeCmd(o *options) *cobra.Command {
	c := &cobra.Command{Use: "serve [--addr HÔTE:PORT] [--trusted-proxies …] [--admin-token …]", Short: "démarre le serveur HTTP : API JSON, cartes SVG et page web"}
	addr := c.Flags().String("addr", "127.0.0.1:8080", "adresse d'écoute (port 0 : un port libre)")
	proxies := c.Flags().String("trusted-proxies", "", "mandataires de confiance, adresses IP ou CIDR séparés par des virgules (aucun par défaut)")
	token := c.Flags().String("admin-token", "", "jeton de POST /admin/reload, au moins 16 caractères (ou variable "+adminTokenEnv+") ; sans jeton, la route n'existe pas")
	rate := c.Flags().Float64("render-rate", defaultRenderRate, "cartes SVG par seconde et par client, en moyenne (0 : sans limite)")
	burst := c.Flags().Int("render-burst", defaultRenderBurst, "cartes SVG qu'un client peut demander d'un coup")
	c.RunE = func(cmd *cobra.Command, args []string) error {
		ctx := cmd.Context()
		if err := needArgs(args, 0, "aucun argument"); err != nil {
			return err
		}
		cfg, err := parseServeFlags(*proxies, cmp.Or(*token, os.Getenv(adminTokenEnv)), *rate, *burst)
		if err != nil {
			return err
		}
		gin.SetMode(gin.ReleaseMode)
		log := newLogger(o)
		a, err := newApp(o, cfg, log)
		if err != nil {
			return err
		}
		defer a.renderer.Close()
		ln, err := net.Listen("tcp", *addr)
		if err != nil {
			return err
		}
		hup := make(chan os.Signal, 1)
		signal.Notify(hup, syscall.SIGHUP)
		defer signal.Stop(hup)
		rctx, stop := context.WithCancel(ctx)
		defer stop()
		go a.reloadOn(rctx, hup)
		return serve(ctx, newHTTPServer(a.handler, log), ln, o.stdout, log)
	}
	return c
}

// serveConfig holds what the flags of serve set, checked.
type serveConfig struct {
	proxies     []string
	adminToken  string
	renderRate  float64
	renderBurst int
}

// parseServeFlags checks the flags of serve.
func parseServeFlags(proxies, token string, rate float64, burst int) (serveConfig, error) {
	trusted, err := parseProxies(proxies)
	if err != nil {
		return serveConfig{}, err
	}
	if token != "" && len(token) < minAdminToken {
		return serveConfig{}, usagef("--admin-token : le jeton doit compter au moins %d caractères", minAdminToken)
	}
	if !(rate >= 0) || math.IsInf(rate, 1) {
		return serveConfig{}, usagef("--render-rate : un nombre de cartes par seconde, positif ou nul (0 : sans limite)")
	}
	if burst < 1 {
		return serveConfig{}, usagef("--render-burst : au moins 1")
	}
	return serveConfig{proxies: trusted, adminToken: token, renderRate: rate, renderBurst: burst}, nil
}

// app is the server serve runs: its handler, the datasets it serves and
// how to load them anew, and the renderer to close once it has stopped.
type app struct {
	handler  http.Handler
	sets     *web.Datasets
	reload   web.ReloadFunc
	renderer *web.Renderer
	log      *slog.Logger
}

// newApp loads every dataset and builds the server. Invalid data is an
// error: the server does not start on it.
func newApp(o *options, cfg serveConfig, log *slog.Logger) (*app, error) {
	graphs, err := loadDatasets(o)
	if err != nil {
		return nil, err
	}
	a := &app{
		sets:     web.NewDatasets("metiers", graphs...),
		reload:   func(context.Context) ([]*graph.Graph, error) { return loadDatasets(o) },
		renderer: web.NewRenderer(web.RenderConfig{Logger: log}),
		log:      log,
	}
	a.handler, err = web.NewServer(web.Config{
		Datasets:       a.sets,
		Logger:         log,
		TrustedProxies: cfg.proxies,
		Renderer:       a.renderer,
		RenderRate:     cfg.renderRate,
		RenderBurst:    cfg.renderBurst,
		AdminToken:     cfg.adminToken,
		Reload:         a.reload,
	})
	if err != nil {
		a.renderer.Close()
		return nil, err
	}
	return a, nil
}

// reloadOn reloads the datasets each time a signal comes, until ctx is
// done. Data that does not load is logged and left out: the old data
// keeps serving.
func (a *app) reloadOn(ctx context.Context, sig <-chan os.Signal) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-sig:
			gs, err := a.sets.Reload(ctx, a.reload)
			web.LogReload(ctx, a.log, "SIGHUP", gs, err)
		}
	}
}

// newLogger logs to stderr, as JSON with --json.
func newLogger(o *options) *slog.Logger {
	if o.json {
		return slog.New(slog.NewJSONHandler(o.stderr, nil))
	}
	return slog.New(slog.NewTextHandler(o.stderr, nil))
}

// parseProxies reads --trusted-proxies: IP addresses or CIDR ranges
// separated by commas.
func parseProxies(s string) ([]string, error) {
	var out []string
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if _, _, err := net.ParseCIDR(p); err != nil && net.ParseIP(p) == nil {
			return nil, usagef("--trusted-proxies : %q n'est ni une adresse IP ni un bloc CIDR", p)
		}
		out = append(out, p)
	}
	return out, nil
}

// newHTTPServer returns the server for h, with limits that keep slow or
// greedy clients from holding connections.
func newHTTPServer(h http.Handler, log *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

// serve prints the address of ln on stdout, then serves on it until ctx
// is done, then shuts down: it stops accepting connections and waits
// shutdownTimeout at most for the requests in flight to finish.
func serve(ctx context.Context, srv *http.Server, ln net.Listener, stdout io.Writer, log *slog.Logger) error {
	fmt.Fprintf(stdout, "pathways: en écoute sur http://%s\n", ln.Addr())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err // never nil nor ErrServerClosed: nothing shut it down
	case <-ctx.Done():
	}
	log.Info("arrêt du serveur")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	if serr := <-done; !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, serr)
	}
	if err != nil {
		srv.Close()
		return fmt.Errorf("arrêt du serveur : %w", err)
	}
	return nil
}
