package main

import (
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
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/pathways-fr/pathways/cmd/internal/datasets"
	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/web"
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
	f := &serveFlags{}
	fl := c.Flags()
	fl.StringVar(&f.addr, "addr", "127.0.0.1:8080", "adresse d’écoute (port 0 : un port libre)")
	fl.StringVar(&f.metricsAddr, "metrics-addr", "", "servir /metrics sur cette adresse, à part (l’adresse principale répond alors 404 à /metrics)")
	fl.StringVar(&f.proxies, "trusted-proxies", "", "mandataires de confiance, adresses IP ou CIDR séparés par des virgules (aucun par défaut)")
	fl.StringVar(&f.token, "admin-token", "", "jeton de POST /admin/reload, au moins 16 caractères (ou variable "+adminTokenEnv+") ; sans jeton, la route n’existe pas")
	fl.Float64Var(&f.rate, "render-rate", defaultRenderRate, "cartes SVG dessinées par seconde et par client, en moyenne (0 : sans limite ; les cartes en cache ne comptent pas)")
	fl.IntVar(&f.burst, "render-burst", defaultRenderBurst, "cartes SVG qu’un client peut faire dessiner d’un coup")
	fl.IntVar(&f.share, "render-share", 0, "dessins qu’un client peut avoir en cours ou en attente à la fois (0 : le quart des places du moteur de rendu)")
	fl.IntVar(&f.maxConns, "max-conns", 0, "connexions ouvertes au plus, tous clients ensemble (0 : 4096)")
	fl.IntVar(&f.maxConnsPerClient, "max-conns-per-client", 0, "connexions ouvertes au plus par adresse de client (0 : 64)")
	fl.IntVar(&f.memoryLimit, "memory-limit", 0, "limite souple de la mémoire du programme, en Mio (0 : 256 ; GOMEMLIMIT l’emporte)")
	c.RunE = func(cmd *cobra.Command, args []string) error {
		if err := needArgs(args, 0, "aucun argument"); err != nil {
			return err
		}
		if f.token == "" {
			f.token = os.Getenv(adminTokenEnv)
		}
		cfg, err := f.parse()
		if err != nil {
			return err
		}
		return runServe(cmd.Context(), o, f, cfg)
	}
	return c
}

// serveFlags are the flags of serve, as given.
type serveFlags struct {
	addr, metricsAddr, proxies, token string
	rate                              float64
	burst, share                      int
	maxConns, maxConnsPerClient       int
	memoryLimit                       int // MiB
}

// runServe loads the datasets, listens, reloads on SIGHUP, and serves
// until ctx is done.
func runServe(ctx context.Context, o *options, f *serveFlags, cfg serveConfig) error {
	log := newLogger(o)
	a, err := newApp(o, cfg, log)
	if err != nil {
		return err
	}
	// The load allocated about four times what it keeps (datasets.LoadAll):
	// hand that back to the system while the server starts, as a reload
	// does, instead of idling at that size.
	go debug.FreeOSMemory()
	defer a.renderer.Close()
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return err
	}
	var mln net.Listener
	if f.metricsAddr != "" {
		if mln, err = net.Listen("tcp", f.metricsAddr); err != nil {
			ln.Close()
			return err
		}
	}
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	rctx, stop := context.WithCancel(ctx)
	defer stop()
	go a.reloadOn(rctx, hup)
	limits := web.ServerConfig{MaxConns: f.maxConns, MaxConnsPerClient: f.maxConnsPerClient, MemoryLimit: int64(f.memoryLimit) << 20}
	if mln == nil {
		limits.Renderer = a.renderer
		return serve(ctx, web.NewHTTPServer(a.handler, limits, log), ln, o.stdout, log)
	}
	return serveWithMetrics(ctx, a, limits, ln, mln, o.stdout, log)
}

// serveWithMetrics serves the API on ln and /metrics on mln, until ctx
// is done; both shut down together.
func serveWithMetrics(ctx context.Context, a *app, limits web.ServerConfig, ln, mln net.Listener, stdout io.Writer, log *slog.Logger) error {
	fmt.Fprintf(stdout, "pathways: métriques sur http://%s/metrics\n", mln.Addr())
	mctx, cancel := context.WithCancel(ctx)
	defer cancel()
	msrv := web.NewHTTPServer(a.metrics, limits, log) // no renderer to drain
	mdone := make(chan error, 1)
	go func() { mdone <- web.Serve(mctx, msrv, mln, log) }()
	limits.Renderer = a.renderer
	err := serve(ctx, web.NewHTTPServer(a.handler, limits, log), ln, stdout, log)
	cancel()
	return errors.Join(err, <-mdone)
}

// serveConfig holds what the flags of serve set, checked.
type serveConfig struct {
	proxies     []string
	adminToken  string
	renderRate  float64
	renderBurst int
	renderShare int
	// separateMetrics serves /metrics on a listener of its own.
	separateMetrics bool
}

// parse checks the flags of serve.
func (f *serveFlags) parse() (serveConfig, error) {
	token, rate, burst := f.token, f.rate, f.burst
	trusted, err := parseProxies(f.proxies)
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
	for _, n := range []struct {
		name string
		v    int
	}{{"--render-share", f.share}, {"--max-conns", f.maxConns}, {"--max-conns-per-client", f.maxConnsPerClient}, {"--memory-limit", f.memoryLimit}} {
		if n.v < 0 {
			return serveConfig{}, usagef("%s : un nombre positif, ou 0 pour la valeur par défaut", n.name)
		}
	}
	return serveConfig{proxies: trusted, adminToken: token, renderRate: rate, renderBurst: burst, renderShare: f.share,
		separateMetrics: f.metricsAddr != ""}, nil
}

// app is the server serve runs: its handler, the datasets it serves and
// how to load them anew, and the renderer to close once it has stopped.
type app struct {
	handler  http.Handler
	metrics  http.Handler // /metrics, when served apart; nil: on handler
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
	repertoire := graphs[0].Dataset // not graphs: a reload must not keep the start's datasets alive
	a := &app{
		sets: web.NewDatasets(repertoire, graphs...),
		reload: func(context.Context) ([]*graph.Graph, error) {
			return datasets.Reload(o.sources(), repertoire)
		},
		renderer: web.NewRenderer(web.RenderConfig{Logger: log}),
		log:      log,
	}
	wc := web.Config{
		Datasets:       a.sets,
		Logger:         log,
		TrustedProxies: cfg.proxies,
		Renderer:       a.renderer,
		RenderRate:     cfg.renderRate,
		RenderBurst:    cfg.renderBurst,
		RenderShare:    cfg.renderShare,
		AdminToken:     cfg.adminToken,
		Reload:         a.reload,
	}
	if cfg.separateMetrics {
		a.handler, a.metrics, err = web.NewServerWithMetrics(wc)
	} else {
		a.handler, err = web.NewServer(wc)
	}
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
			return nil, usagef("--trusted-proxies : %q n’est ni une adresse IP ni un bloc CIDR", p)
		}
		out = append(out, p)
	}
	return out, nil
}

// serve prints the address of ln on stdout, then serves srv on it until
// ctx is done, and shuts down (web.Serve).
func serve(ctx context.Context, srv *http.Server, ln net.Listener, stdout io.Writer, log *slog.Logger) error {
	fmt.Fprintf(stdout, "pathways: en écoute sur http://%s\n", ln.Addr())
	return web.Serve(ctx, srv, ln, log)
}
