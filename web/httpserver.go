package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"sync"
	"time"

	"golang.org/x/net/netutil"
)

// ServerConfig holds the limits of the HTTP server. Zero fields take the
// defaults, chosen so that one client holding thousands of idle or slow
// connections cannot stop another's requests.
type ServerConfig struct {
	ReadHeaderTimeout time.Duration // to read a request's headers; default 5 s
	ReadTimeout       time.Duration // to read a whole request; default 15 s
	WriteTimeout      time.Duration // to write an answer; default 60 s
	IdleTimeout       time.Duration // a keep-alive connection may wait for its next request; default 30 s
	MaxHeaderBytes    int           // default 16 KiB
	MaxConns          int           // open connections, all clients together; beyond, accepting waits; default 4096
	MaxConnsPerClient int           // open connections of one client address (an IPv6 /64); beyond, closed at once; default 64

	// ShutdownTimeout is how long the requests in flight may take to
	// finish once shutdown starts; default 15 s, more than a render's
	// default timeout (10 s). Renders waiting for a worker are answered
	// 503 at once (Renderer.Drain).
	ShutdownTimeout time.Duration
	Renderer        *Renderer // drained when shutdown starts; nil: none

	// MemoryLimit is the soft limit on the memory of the Go runtime
	// (runtime/debug.SetMemoryLimit), set for the whole process when the
	// server is made: the collector runs more often near it instead of
	// letting the heap grow to twice what is live. Default 256 MiB;
	// negative: no limit; the GOMEMLIMIT environment variable, when set,
	// wins.
	MemoryLimit int64
}

func (c ServerConfig) withDefaults() ServerConfig {
	dur := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	num := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	dur(&c.ReadHeaderTimeout, 5*time.Second)
	dur(&c.ReadTimeout, 15*time.Second)
	dur(&c.WriteTimeout, 60*time.Second)
	dur(&c.IdleTimeout, 30*time.Second)
	dur(&c.ShutdownTimeout, 15*time.Second)
	num(&c.MaxHeaderBytes, 16<<10)
	num(&c.MaxConns, 4096)
	num(&c.MaxConnsPerClient, 64)
	if c.MemoryLimit == 0 {
		c.MemoryLimit = DefaultMemoryLimit
	}
	return c
}

// DefaultMemoryLimit is ServerConfig.MemoryLimit's default.
const DefaultMemoryLimit = 256 << 20

// setMemoryLimit applies a server's MemoryLimit, unless GOMEMLIMIT is set.
func setMemoryLimit(limit int64) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	if limit < 0 {
		limit = math.MaxInt64
	}
	debug.SetMemoryLimit(limit)
}

// serverConfigs holds the configuration of each server NewHTTPServer
// made, for Serve.
var serverConfigs sync.Map // *http.Server → ServerConfig

// NewHTTPServer returns the server for h with the limits of cfg: its
// timeouts, a cap on each client's connections, the security headers on
// the answers net/http writes itself (OPTIONS *), and the renders drained
// when shutdown starts; it sets the process's soft memory limit
// (MemoryLimit). Serve it with Serve.
func NewHTTPServer(h http.Handler, cfg ServerConfig, log *slog.Logger) *http.Server {
	cfg = cfg.withDefaults()
	setMemoryLimit(cfg.MemoryLimit)
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	perClient := &clientConns{max: cfg.MaxConnsPerClient, log: log, logs: newRateLimiter(1.0/60, 1, maxRateClients),
		n: map[string]int{}, counts: map[net.Conn]string{}}
	srv := &http.Server{
		Handler:                      h,
		ReadHeaderTimeout:            cfg.ReadHeaderTimeout,
		ReadTimeout:                  cfg.ReadTimeout,
		WriteTimeout:                 cfg.WriteTimeout,
		IdleTimeout:                  cfg.IdleTimeout,
		MaxHeaderBytes:               cfg.MaxHeaderBytes,
		DisableGeneralOptionsHandler: true, // OPTIONS * reaches h, and gets its headers
		ConnState:                    perClient.track,
		ErrorLog:                     slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	if cfg.Renderer != nil {
		srv.RegisterOnShutdown(cfg.Renderer.Drain)
	}
	serverConfigs.Store(srv, cfg)
	return srv
}

// Serve serves srv on ln, at most MaxConns connections at once, until ctx
// is done, then shuts down: it stops accepting, answers the renders still
// waiting for a worker (503 with Retry-After), and waits ShutdownTimeout
// at most for the requests in flight. It returns nil once every request
// was answered.
func Serve(ctx context.Context, srv *http.Server, ln net.Listener, log *slog.Logger) error {
	v, _ := serverConfigs.LoadAndDelete(srv)
	cfg, ok := v.(ServerConfig)
	if !ok {
		cfg = ServerConfig{}.withDefaults()
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(netutil.LimitListener(ln, cfg.MaxConns)) }()
	select {
	case err := <-done:
		return err // never nil nor ErrServerClosed: nothing shut it down
	case <-ctx.Done():
	}
	log.Info("arrêt du serveur")
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
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

// clientConns caps the open connections of each client address: a
// connection beyond the cap is closed as soon as it is accepted.
type clientConns struct {
	max int
	log *slog.Logger

	logs *rateLimiter // of the log lines of refusals

	mu     sync.Mutex
	n      map[string]int      // open connections by client key
	counts map[net.Conn]string // the key each counted connection is under
}

// track is the server's ConnState hook.
func (cc *clientConns) track(c net.Conn, state http.ConnState) {
	switch state {
	case http.StateNew:
		key := connClient(c)
		cc.mu.Lock()
		over := cc.n[key] >= cc.max
		if !over {
			cc.n[key]++
			cc.counts[c] = key
		}
		cc.mu.Unlock()
		if over {
			cc.refuse(c, key)
		}
	case http.StateClosed, http.StateHijacked:
		cc.mu.Lock()
		if key, ok := cc.counts[c]; ok {
			delete(cc.counts, c)
			if cc.n[key]--; cc.n[key] <= 0 {
				delete(cc.n, key)
			}
		}
		cc.mu.Unlock()
	}
}

// refuse closes a connection over its client's cap, logging it at most
// once a minute per client.
func (cc *clientConns) refuse(c net.Conn, key string) {
	c.Close()
	if ok, _ := cc.logs.allow(key); ok {
		cc.log.Warn("connexion refusée : trop de connexions ouvertes par ce client", "client", key, "max", cc.max)
	}
}

// connClient returns the client key of a connection's peer.
func connClient(c net.Conn) string {
	host, _, err := net.SplitHostPort(c.RemoteAddr().String())
	if err != nil {
		host = c.RemoteAddr().String()
	}
	return clientKey(host)
}
