package web

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/singleflight"
)

// go-graphviz runs Graphviz compiled to WebAssembly, one module per
// process. It is not safe for concurrent use, even through separate
// instances; it keeps part of every render's memory forever; and it
// ignores context cancellation. So the server never renders in its own
// process: it sends DOT to worker processes, children of the same binary
// started with renderWorkerEnv set, each rendering one graph at a time.
// A worker that takes too long is killed, and one that has rendered
// enough, or grown too big, is replaced.

// Errors of a render. The server answers each with 503.
var (
	errRenderBusy     = errors.New("render queue full")
	errRenderTimeout  = errors.New("render timed out")
	errRenderTooLarge = errors.New("render too large")
	errRenderFailed   = errors.New("render failed")
	errRenderClosed   = errors.New("renderer closed")
	errRenderShutdown = errors.New("server shutting down")
)

// RenderConfig configures a Renderer. Zero fields take the defaults.
type RenderConfig struct {
	Workers      int           // worker processes, each rendering one graph at a time; default 1
	Queue        int           // renders that may wait for a worker; beyond, requests are refused at once; default 16
	QueueWait    time.Duration // how long a render may wait for a worker; default 30 s
	Timeout      time.Duration // how long one render may take before its worker is killed; default 10 s
	StartTimeout time.Duration // how long a worker may take to start; default 30 s
	MaxDOT       int           // bytes of DOT accepted; default 2 MiB
	MaxSVG       int           // bytes of SVG accepted; default 16 MiB
	MaxRenders   int           // renders after which a worker is replaced; default 200
	MaxRSS       int64         // resident bytes above which a worker is replaced after a render; default 384 MiB
	KillRSS      int64         // resident bytes above which a worker is killed during a render; default twice MaxRSS
	CacheBytes   int64         // bytes of SVG and gzip kept; default 32 MiB, negative for none
	Logger       *slog.Logger
}

func (c RenderConfig) withDefaults() RenderConfig {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	defDur := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&c.Workers, 1)
	if c.Queue < 0 {
		c.Queue = 0
	} else if c.Queue == 0 {
		c.Queue = 16
	}
	defDur(&c.QueueWait, 30*time.Second)
	defDur(&c.Timeout, 10*time.Second)
	defDur(&c.StartTimeout, 30*time.Second)
	def(&c.MaxDOT, 2<<20)
	def(&c.MaxSVG, 16<<20)
	def(&c.MaxRenders, 200)
	if c.MaxRSS <= 0 {
		c.MaxRSS = 384 << 20
	}
	if c.KillRSS <= 0 {
		c.KillRSS = 2 * c.MaxRSS
	}
	if c.CacheBytes == 0 {
		c.CacheBytes = 32 << 20
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// Renderer turns DOT into SVG in worker processes, with a cache in front.
// It is safe for concurrent use. Workers start on first use; Drain
// answers the renders waiting for a worker; Close kills the workers.
type Renderer struct {
	cfg    RenderConfig
	cache  *svgCache
	slots  chan *worker // one per worker; nil until a worker is started
	flight singleflight.Group
	drain  chan struct{} // closed by Drain
	once   sync.Once

	mu      sync.Mutex
	live    map[*worker]bool
	closed  bool
	pending int // renders in flight, running or waiting

	counts struct {
		renders, hits, started, recycled, killed, failed, peakRSS atomic.Int64
	}
	hooks *renderHooks // render time and cache misses, for /metrics
}

// renderStats counts what a Renderer did.
type renderStats struct {
	Renders  int64 // renders done by workers
	Hits     int64 // renders answered from the cache
	Started  int64 // workers started
	Recycled int64 // workers replaced after MaxRenders renders or MaxRSS bytes
	Killed   int64 // workers killed: timed out, too big, or died
	Failed   int64 // renders that failed
	PeakRSS  int64 // the most resident bytes seen in a worker after a render
}

// NewRenderer returns a renderer; no worker starts until the first
// render.
func NewRenderer(cfg RenderConfig) *Renderer {
	cfg = cfg.withDefaults()
	r := &Renderer{
		hooks: newRenderHooks(),
		cfg:   cfg,
		cache: newSVGCache(cfg.CacheBytes),
		slots: make(chan *worker, cfg.Workers),
		drain: make(chan struct{}),
		live:  map[*worker]bool{},
	}
	for range cfg.Workers {
		r.slots <- nil
	}
	return r
}

// sharedRenderer is the renderer of servers configured without one: one
// per process, so that however many servers there are, renders stay
// bounded.
var sharedRenderer = sync.OnceValue(func() *Renderer { return NewRenderer(RenderConfig{}) })

// stats returns the counts of what r did.
func (r *Renderer) stats() renderStats {
	c := &r.counts
	return renderStats{
		Renders: c.renders.Load(), Hits: c.hits.Load(), Started: c.started.Load(),
		Recycled: c.recycled.Load(), Killed: c.killed.Load(), Failed: c.failed.Load(),
		PeakRSS: c.peakRSS.Load(),
	}
}

// Drain answers at once, with errRenderShutdown, the renders waiting for
// a worker and those asked from now on that the cache cannot answer; the
// renders already drawing go on. A server calls it when it starts to
// shut down, so that no queued request goes unanswered.
func (r *Renderer) Drain() { r.once.Do(func() { close(r.drain) }) }

// Close drains r and kills the workers. Renders in flight, and later ones
// that the cache cannot answer, fail.
func (r *Renderer) Close() error {
	r.Drain()
	r.mu.Lock()
	r.closed = true
	ws := make([]*worker, 0, len(r.live))
	for w := range r.live {
		ws = append(ws, w)
	}
	r.mu.Unlock()
	for _, w := range ws {
		w.kill()
	}
	return nil
}

// dotKey returns the cache key of a DOT text: its SHA-256, in hex.
func dotKey(dot []byte) string {
	sum := sha256.Sum256(dot)
	return hex.EncodeToString(sum[:])
}

// Render returns the SVG of dot, from the cache or from a worker; the
// caller must not modify it. Requests for the same DOT share one render.
// ctx bounds only the wait: a render, once started, completes and fills
// the cache.
func (r *Renderer) Render(ctx context.Context, dot []byte) ([]byte, error) {
	e, err := r.render(ctx, dotKey(dot), dot)
	if err != nil {
		return nil, err
	}
	return e.svg, nil
}

// cached returns the drawing cached under key, or nil.
func (r *Renderer) cached(key string) *svgEntry {
	e := r.cache.get(key)
	if e != nil {
		r.counts.hits.Add(1)
	}
	return e
}

// render is Render for a DOT whose key is known.
func (r *Renderer) render(ctx context.Context, key string, dot []byte) (*svgEntry, error) {
	if e := r.cached(key); e != nil {
		return e, nil
	}
	r.hooks.miss()
	if len(dot) > r.cfg.MaxDOT {
		return nil, fmt.Errorf("%w: %d bytes of DOT", errRenderTooLarge, len(dot))
	}
	if r.isClosed() {
		return nil, errRenderClosed
	}
	ch := r.flight.DoChan(key, func() (any, error) { return r.do(key, dot) })
	select {
	case res := <-ch:
		if res.Err != nil {
			return nil, res.Err
		}
		return res.Val.(*svgEntry), nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// do is one render, shared by the requests for the same DOT: it takes a
// place in the queue, waits for a worker, renders, and fills the cache.
func (r *Renderer) do(key string, dot []byte) (*svgEntry, error) {
	r.mu.Lock()
	if r.pending >= r.cfg.Workers+r.cfg.Queue {
		r.mu.Unlock()
		return nil, errRenderBusy
	}
	r.pending++
	r.mu.Unlock()
	defer func() {
		r.mu.Lock()
		r.pending--
		r.mu.Unlock()
	}()
	w, err := r.acquire()
	if err != nil {
		return nil, err
	}
	svg, w, err := r.renderOn(w, dot)
	r.slots <- w
	if err != nil {
		r.counts.failed.Add(1)
		return nil, err
	}
	e := newSVGEntry(key, accessibleSVG(svg, dot))
	r.cache.add(e)
	return e, nil
}

// acquire waits for a worker slot, at most QueueWait, and not past Drain.
func (r *Renderer) acquire() (*worker, error) {
	select {
	case <-r.drain:
		return nil, errRenderShutdown
	default:
	}
	wait := time.NewTimer(r.cfg.QueueWait)
	defer wait.Stop()
	select {
	case w := <-r.slots:
		return w, nil
	case <-wait.C:
		return nil, errRenderBusy
	case <-r.drain:
		return nil, errRenderShutdown
	}
}

// renderOn renders dot on w, starting a worker if w is nil, and returns
// the worker to keep in the slot: nil if it was killed or retired.
func (r *Renderer) renderOn(w *worker, dot []byte) ([]byte, *worker, error) {
	defer r.hooks.rendered(time.Now())
	if w == nil {
		var err error
		if w, err = r.start(); err != nil {
			return nil, nil, err
		}
	}
	rep, err := r.await(w, dot)
	if err != nil {
		return nil, nil, err
	}
	switch {
	case rep.err != nil:
		r.discard(w, "died: "+rep.err.Error())
		if errors.Is(rep.err, errRenderTooLarge) {
			return nil, nil, rep.err
		}
		if r.isClosed() {
			return nil, nil, errRenderClosed
		}
		return nil, nil, fmt.Errorf("%w: worker: %w", errRenderFailed, rep.err)
	case rep.status == replyError:
		r.cfg.Logger.Error("graphviz refused a graph", "err", string(rep.payload))
		return nil, w, fmt.Errorf("%w: %s", errRenderFailed, rep.payload)
	case rep.status != replyOK:
		r.discard(w, "fatal: "+string(rep.payload))
		return nil, nil, fmt.Errorf("%w: %s", errRenderFailed, rep.payload)
	}
	return rep.payload, r.settle(w), nil
}

// await sends dot to w and waits for its reply. A render that takes
// longer than Timeout, or swells the worker beyond KillRSS, kills it.
func (r *Renderer) await(w *worker, dot []byte) (reply, error) {
	res := make(chan reply, 1)
	go func() { res <- w.exchange(dot, r.cfg.MaxSVG) }()
	deadline := time.NewTimer(r.cfg.Timeout)
	defer deadline.Stop()
	watch := time.NewTicker(50 * time.Millisecond)
	defer watch.Stop()
	for {
		select {
		case rep := <-res:
			return rep, nil
		case <-deadline.C:
			r.discard(w, "timeout")
			<-res
			return reply{}, fmt.Errorf("%w after %v", errRenderTimeout, r.cfg.Timeout)
		case <-watch.C:
			if rss := w.rss(); rss > r.cfg.KillRSS {
				r.discard(w, "memory")
				<-res
				return reply{}, fmt.Errorf("%w: worker at %d bytes", errRenderTooLarge, rss)
			}
		}
	}
}

// settle counts a render done by w and returns w, or nil once it has
// done its share or grown beyond MaxRSS and is retired.
func (r *Renderer) settle(w *worker) *worker {
	r.counts.renders.Add(1)
	w.renders++
	rss := w.rss()
	for peak := r.counts.peakRSS.Load(); rss > peak && !r.counts.peakRSS.CompareAndSwap(peak, rss); {
		peak = r.counts.peakRSS.Load()
	}
	if w.renders >= r.cfg.MaxRenders || rss > r.cfg.MaxRSS {
		r.counts.recycled.Add(1)
		r.retire(w)
		return nil
	}
	return w
}

func (r *Renderer) isClosed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.closed
}

// workerEnv is the whole environment of a render worker: it runs
// Graphviz on request-derived input, so it inherits nothing (no admin
// token). One thread is enough for one render at a time, and leaves the
// other cores to the server.
var workerEnv = []string{renderWorkerEnv + "=1", "GOMAXPROCS=1"}

// spawn starts a worker process.
func (r *Renderer) spawn() (*worker, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errRenderFailed, err)
	}
	cmd := exec.Command(exe)
	cmd.Env = workerEnv
	w := &worker{cmd: cmd, stderr: &tailBuffer{max: 4 << 10}}
	cmd.Stderr = w.stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errRenderFailed, err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errRenderFailed, err)
	}
	w.stdin, w.stdout = stdin, bufio.NewReaderSize(stdout, 64<<10)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil, errRenderClosed
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("%w: %w", errRenderFailed, err)
	}
	r.live[w] = true
	r.counts.started.Add(1)
	return w, nil
}

// start starts a worker and waits until Graphviz is ready in it.
func (r *Renderer) start() (*worker, error) {
	w, err := r.spawn()
	if err != nil {
		return nil, err
	}
	ready := make(chan reply, 1)
	go func() { ready <- w.readReply(0) }()
	t := time.NewTimer(r.cfg.StartTimeout)
	defer t.Stop()
	select {
	case rep := <-ready:
		if rep.err == nil && rep.status == replyOK {
			return w, nil
		}
		r.discard(w, "start failed")
		return nil, fmt.Errorf("%w: worker did not start: %v %s", errRenderFailed, rep.err, rep.payload)
	case <-t.C:
		r.discard(w, "start timeout")
		<-ready
		return nil, fmt.Errorf("%w: worker did not start in %v", errRenderTimeout, r.cfg.StartTimeout)
	}
}

// discard kills a worker that failed.
func (r *Renderer) discard(w *worker, why string) {
	r.counts.killed.Add(1)
	w.kill()
	r.forget(w)
	r.cfg.Logger.Warn("render worker killed", "why", why, "pid", w.pid(), "stderr", w.stderr.String())
}

// retire stops a worker that did its share: closing its input ends it.
func (r *Renderer) retire(w *worker) {
	w.stdin.Close()
	w.kill()
	r.forget(w)
}

func (r *Renderer) forget(w *worker) {
	r.mu.Lock()
	delete(r.live, w)
	r.mu.Unlock()
}
