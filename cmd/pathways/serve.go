package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

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

func init() {
	register(command{name: "serve", args: "[--addr HÔTE:PORT] [--trusted-proxies …]", summary: "démarre le serveur HTTP : API JSON, cartes SVG et page web",
		setup: func(fs *flag.FlagSet, o *options) func(context.Context, *options, []string) error {
			addr := fs.String("addr", "127.0.0.1:8080", "adresse d'écoute (port 0 : un port libre)")
			proxies := fs.String("trusted-proxies", "", "mandataires de confiance, adresses IP ou CIDR séparés par des virgules (aucun par défaut)")
			return func(ctx context.Context, o *options, args []string) error {
				if err := needArgs(args, 0, "aucun argument"); err != nil {
					return err
				}
				trusted, err := parseProxies(*proxies)
				if err != nil {
					return err
				}
				gin.SetMode(gin.ReleaseMode)
				graphs, err := loadDatasets(o)
				if err != nil {
					return err
				}
				log := newLogger(o)
				h, err := web.NewServer(web.Config{
					Datasets:       web.NewDatasets("metiers", graphs...),
					Logger:         log,
					TrustedProxies: trusted,
				})
				if err != nil {
					return err
				}
				ln, err := net.Listen("tcp", *addr)
				if err != nil {
					return err
				}
				return serve(ctx, newHTTPServer(h, log), ln, o.stdout, log)
			}
		}})
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
