package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/pathways-fr/pathways/cmd/internal/cli"
	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/proc"
	"github.com/pathways-fr/pathways/web"
)

// The loadtest command starts the real server in this process, on
// 127.0.0.1, with both datasets, a real renderer and the default limits
// of serve, and saturates it for a while: clients that send their next
// request as soon as the last is answered, over every route, thousands
// of distinct SVG views among them, and a reload of the data now and
// then. A client that may not draw yet (it honours a Retry-After) asks
// the JSON API meanwhile, which keeps the API saturated while the
// renderer is; --api-clients adds clients that never draw. It counts the answers by status and by route, measures their
// latency, and samples the memory of the server and of its render
// workers. It fails on any 5xx, any connection error, a route never
// answered 2xx, or memory above the bounds.
//
// The clients behave as a correct population does: each honours the
// Retry-After of a 429 before it asks for a drawing again, and no more
// drawings are in flight at once than the renderer's queue holds (its
// worker and the renders allowed to wait). Beyond that queue the server
// refuses drawings at once with 503 render_busy: that is the designed
// answer to overload, checked by the renderer's own tests, not an error
// of the server, and this test does not provoke it.

// Bounds the load test holds the server to, by default. The server holds
// both datasets (a few tens of MiB), the SVG cache (32 MiB at most), the
// rate limiter (a few MiB at most) and the buffers of the requests in
// flight; the load clients share the process and add their connections
// and latency records.
const (
	defaultMaxHeapMiB = 192       // heap in use after the load, once collected
	defaultMaxRSSMiB  = 384       // resident size of the process, at any sample
	maxWorkerRSS      = 768 << 20 // twice the renderer's default MaxRSS: a worker past it should have been killed
	maxLoadClients    = 200
	loadSVGInFlight   = 16 // the renderer's default queue (16) plus its worker (1), less one
	loadReloadEvery   = 10 * time.Second
	loadClientTimeout = 2 * time.Minute // above every limit of the server: its answers are counted, not timeouts
	loadSampleEvery   = 250 * time.Millisecond
)

func newLoadtestCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "loadtest [--duration 60s] [--clients 16] [--api-clients 0]",
		Short: "sature un serveur local et vérifie : aucune 5xx, mémoire bornée",
	}
	duration := c.Flags().Duration("duration", 60*time.Second, "durée de la charge")
	clients := c.Flags().Int("clients", 16, "clients simultanés sur toutes les routes, cartes comprises, chacun sa propre adresse 127.0.0.x")
	apiClients := c.Flags().Int("api-clients", 0, "clients simultanés de plus, sans cartes : l’API JSON et la page seulement")
	maxHeap := c.Flags().Int("max-heap-mib", defaultMaxHeapMiB, "tas en service au plus après la charge, en Mio")
	maxRSS := c.Flags().Int("max-rss-mib", defaultMaxRSSMiB, "mémoire résidente du processus au plus, en Mio")
	heapProfile := c.Flags().String("heap-profile", "", "écrire dans ce fichier le profil du tas (pprof) au plus haut du tas en service")
	c.RunE = func(cmd *cobra.Command, args []string) error {
		if err := cli.NeedArgs(args, 0, "aucun argument"); err != nil {
			return err
		}
		if *duration <= 0 || *clients < 1 || *apiClients < 0 || *clients+*apiClients > maxLoadClients || *maxHeap < 1 || *maxRSS < 1 {
			return cli.Usagef("--duration positive, --clients au moins 1, --api-clients positif ou nul, %d clients en tout au plus, --max-heap-mib et --max-rss-mib positifs", maxLoadClients)
		}
		res, err := loadTest(cmd.Context(), loadConfig{
			duration: *duration, clients: *clients, apiClients: *apiClients,
			maxHeap: int64(*maxHeap) << 20, maxRSS: int64(*maxRSS) << 20,
			log: cmd.ErrOrStderr(), heapProfile: *heapProfile,
		})
		if err != nil {
			return err
		}
		res.print(cmd.OutOrStdout())
		if len(res.failures) > 0 {
			return fmt.Errorf("test de charge échoué : %s", strings.Join(res.failures, " ; "))
		}
		return nil
	}
	return c
}

// loadConfig configures a load test.
type loadConfig struct {
	duration        time.Duration
	clients         int // on every route
	apiClients      int // on the JSON API and the page only
	maxHeap, maxRSS int64
	log             io.Writer // warnings of the server
	heapProfile     string    // a file for the heap profile at the peak, if set
}

// Classes of requests, each with its own latency figures.
const (
	classAPI   = "api"      // the JSON API, well-formed queries
	classSVG   = "svg"      // drawings
	classPage  = "page"     // page, static files, health, metrics, OpenAPI
	classBad   = "bad"      // malformed or impossible queries
	classAdmin = "reload"   // POST /admin/reload
	classAll   = "ensemble" // every request
)

var loadClasses = []string{classAPI, classSVG, classPage, classBad, classAdmin}

// loadRequest is one request of the mix.
type loadRequest struct {
	class string
	route string // the route pattern, for coverage
	url   string // path and query
	etag  string // sent as If-None-Match when set
}

// tally counts the answers of one class.
type tally struct {
	requests, ok, notModified, client, limited, server, connErrs int
	latencies                                                    []time.Duration
}

// loadResult is what a load test measured.
type loadResult struct {
	cfg      loadConfig
	elapsed  time.Duration
	sharedIP bool // the clients could not each bind an address of their own

	tallies   map[string]*tally
	routes    map[string]int // 2xx and 304 by route pattern
	fiveXX    map[string]int // "503 render_busy" and the like
	fourXX    map[string]int // the 4xx of well-formed requests, 429 aside: "422 view_too_large"
	connErrs  map[string]int // by error text
	svgViews  int            // distinct drawings answered 200
	svgTotal  int            // distinct drawings the mix holds
	render    renderCounts
	mem       memSample // before the load
	memPeak   memSample // the highest of every sample
	memAfter  memSample // after the load, once collected
	workerRSS int64     // the largest render worker seen
	failures  []string
}

// memSample is the memory of this process.
type memSample struct {
	heapInuse int64
	rss       int64
}

func readMem() memSample {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return memSample{heapInuse: int64(ms.HeapInuse), rss: proc.RSS(os.Getpid())}
}

// renderCounts is what the renderer did, as /metrics tells it.
type renderCounts struct{ Renders, Hits, Started, Recycled, Killed, Failed int64 }

// scrapeRenderCounts reads the render counters from the /metrics of h.
func scrapeRenderCounts(h http.Handler) renderCounts {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	var c renderCounts
	fields := map[string]*int64{
		"pathways_renders_total":                          &c.Renders,
		"pathways_render_cache_hits_total":                &c.Hits,
		"pathways_render_failures_total":                  &c.Failed,
		`pathways_render_workers_total{event="started"}`:  &c.Started,
		`pathways_render_workers_total{event="recycled"}`: &c.Recycled,
		`pathways_render_workers_total{event="killed"}`:   &c.Killed,
	}
	for _, line := range strings.Split(rec.Body.String(), "\n") {
		name, val, ok := strings.Cut(line, " ")
		if p, known := fields[name]; ok && known {
			f, _ := strconv.ParseFloat(val, 64)
			*p = int64(f)
		}
	}
	return c
}

// childrenRSS returns the largest resident size among the child
// processes of this one (the render workers), from /proc.
func childrenRSS() int64 {
	tasks, _ := filepath.Glob("/proc/self/task/*/children")
	var most int64
	for _, t := range tasks {
		b, err := os.ReadFile(t)
		if err != nil {
			continue
		}
		for _, f := range strings.Fields(string(b)) {
			if pid, err := strconv.Atoi(f); err == nil {
				most = max(most, proc.RSS(pid))
			}
		}
	}
	return most
}

// loadTest runs a load test.
func loadTest(ctx context.Context, cfg loadConfig) (*loadResult, error) {
	log := slog.New(slog.NewTextHandler(cfg.log, &slog.HandlerOptions{Level: slog.LevelWarn}))
	token := "loadtest-" + strconv.FormatUint(rand.Uint64(), 36) + strconv.FormatUint(rand.Uint64(), 36)
	srv, err := startServer(serverConfig{renderRate: serveRenderRate, renderBurst: serveRenderBurst, adminToken: token}, log)
	if err != nil {
		return nil, err
	}
	defer srv.close()
	base := srv.base

	mix, err := newLoadMix(srv.sets)
	if err != nil {
		return nil, err
	}
	res := &loadResult{cfg: cfg, tallies: map[string]*tally{}, routes: map[string]int{}, fiveXX: map[string]int{}, fourXX: map[string]int{}, connErrs: map[string]int{}, svgTotal: len(mix.svgViews)}
	for _, c := range append(slices.Clone(loadClasses), classAll) {
		res.tallies[c] = &tally{}
	}
	runtime.GC()
	res.mem = readMem()
	res.memPeak = res.mem

	lctx, cancel := context.WithTimeout(ctx, cfg.duration)
	defer cancel()
	var (
		mu       sync.Mutex
		svgOK    = map[string]bool{}
		inFlight = make(chan struct{}, loadSVGInFlight)
		wg       sync.WaitGroup
	)
	record := func(r loadRequest, status int, code string, d time.Duration, err error) {
		mu.Lock()
		defer mu.Unlock()
		res.record(r, status, code, d, err, svgOK)
	}

	start := time.Now()
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		res.sample(lctx, &mu)
	}()

	clients := make([]*loadClient, cfg.clients+cfg.apiClients)
	for i := range clients {
		c, shared := newLoadClient(i, base)
		c.noSVG = i >= cfg.clients
		res.sharedIP = res.sharedIP || shared
		clients[i] = c
	}
	for _, c := range clients {
		wg.Go(func() { c.run(lctx, mix, inFlight, record) })
	}
	admin, _ := newLoadClient(-1, base)
	wg.Go(func() { admin.reload(lctx, token, max(min(loadReloadEvery, cfg.duration/3), time.Millisecond), record) })
	wg.Wait()
	<-sampled
	res.elapsed = time.Since(start)
	for _, c := range append(clients, admin) {
		c.http.CloseIdleConnections()
	}
	res.svgViews = len(svgOK)
	res.render = scrapeRenderCounts(srv.handler)
	runtime.GC()
	res.memAfter = readMem()
	res.memPeak.rss = max(res.memPeak.rss, res.memAfter.rss)
	res.judge(mix)
	return res, nil
}

// record counts one answer; svgOK collects the drawings answered 200.
// The caller holds the lock of res.
func (res *loadResult) record(r loadRequest, status int, code string, d time.Duration, err error, svgOK map[string]bool) {
	for _, c := range []string{r.class, classAll} {
		t := res.tallies[c]
		t.requests++
		t.latencies = append(t.latencies, d)
		switch {
		case err != nil:
			t.connErrs++
		case status == http.StatusNotModified:
			t.notModified++
		case status < 300:
			t.ok++
		case status == http.StatusTooManyRequests:
			t.limited++
		case status < 500:
			t.client++
		default:
			t.server++
		}
	}
	switch {
	case err != nil:
		res.connErrs[err.Error()]++
	case status >= 500:
		res.fiveXX[strconv.Itoa(status)+" "+code]++
	case status >= 400 && status != http.StatusTooManyRequests && r.class != classBad:
		res.fourXX[strconv.Itoa(status)+" "+code]++
	case status < 400:
		res.routes[r.route]++
		if r.class == classSVG && status == http.StatusOK {
			svgOK[r.url] = true
		}
	}
}

// sample records the peak memory of this process and of its render
// workers every loadSampleEvery, until ctx is done.
func (res *loadResult) sample(ctx context.Context, mu *sync.Mutex) {
	var profiled time.Time
	every(ctx.Done(), loadSampleEvery, func() {
		m, w := readMem(), childrenRSS()
		if m.heapInuse > res.memPeak.heapInuse && res.cfg.heapProfile != "" && time.Since(profiled) > time.Second {
			writeHeapProfile(res.cfg.heapProfile)
			profiled = time.Now()
		}
		mu.Lock()
		res.memPeak.heapInuse = max(res.memPeak.heapInuse, m.heapInuse)
		res.memPeak.rss = max(res.memPeak.rss, m.rss)
		res.workerRSS = max(res.workerRSS, w)
		mu.Unlock()
	})
}

// every calls f every period until done is closed.
func every(done <-chan struct{}, period time.Duration, f func()) {
	tick := time.NewTicker(period)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return
		case <-tick.C:
			f()
		}
	}
}

// writeHeapProfile writes the heap profile of this process (as of the
// last collection) to file, for pprof; a failure is only logged.
func writeHeapProfile(file string) {
	f, err := os.Create(file)
	if err == nil {
		err = pprof.WriteHeapProfile(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "pathways-bench: profil du tas :", err)
	}
}

// judge lists what makes the run a failure.
func (res *loadResult) judge(mix *loadMix) {
	all := res.tallies[classAll]
	if all.server > 0 {
		res.failures = append(res.failures, fmt.Sprintf("réponses 5xx : %d", all.server))
	}
	if all.connErrs > 0 {
		res.failures = append(res.failures, fmt.Sprintf("%d erreur(s) de connexion", all.connErrs))
	}
	for _, r := range mix.routes {
		if res.routes[r] == 0 {
			res.failures = append(res.failures, "aucune réponse 2xx sur "+r)
		}
	}
	if res.memAfter.heapInuse > res.cfg.maxHeap {
		res.failures = append(res.failures, fmt.Sprintf("tas en service après la charge %s > %s", mib(res.memAfter.heapInuse), mib(res.cfg.maxHeap)))
	}
	if res.memPeak.rss > res.cfg.maxRSS {
		res.failures = append(res.failures, fmt.Sprintf("mémoire résidente %s > %s", mib(res.memPeak.rss), mib(res.cfg.maxRSS)))
	}
	if res.workerRSS > maxWorkerRSS {
		res.failures = append(res.failures, fmt.Sprintf("worker de rendu à %s > %s", mib(res.workerRSS), mib(maxWorkerRSS)))
	}
}

func mib(n int64) string { return fmt.Sprintf("%.1f Mio", float64(n)/(1<<20)) }

// percentile returns the p-th percentile of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*p/100+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 1, 64)
}

// print writes the figures of the run as a table.
func (res *loadResult) print(w io.Writer) {
	fmt.Fprintf(w, "pathways loadtest : %v, %d clients sur toutes les routes et %d sur l’API seule", res.elapsed.Round(time.Millisecond), res.cfg.clients, res.cfg.apiClients)
	if res.sharedIP {
		fmt.Fprintf(w, " (une seule adresse 127.0.0.1 : chaque client n’a pu prendre la sienne)")
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "classe\trequêtes\tréq/s\t2xx\t304\t4xx\t429\t5xx\terr. conn.\tp50 ms\tp99 ms\tmax ms\t")
	for _, c := range append(slices.Clone(loadClasses), classAll) {
		t := res.tallies[c]
		slices.Sort(t.latencies)
		var top time.Duration
		if len(t.latencies) > 0 {
			top = t.latencies[len(t.latencies)-1]
		}
		fmt.Fprintf(tw, "%s\t%d\t%.0f\t%d\t%d\t%d\t%d\t%d\t%d\t%s\t%s\t%s\t\n", c, t.requests, float64(t.requests)/res.elapsed.Seconds(),
			t.ok, t.notModified, t.client, t.limited, t.server, t.connErrs,
			ms(percentile(t.latencies, 50)), ms(percentile(t.latencies, 99)), ms(top))
	}
	tw.Flush()
	for _, k := range slices.Sorted(maps.Keys(res.fiveXX)) {
		fmt.Fprintf(w, "  5xx %s : %d\n", k, res.fiveXX[k])
	}
	for _, k := range slices.Sorted(maps.Keys(res.fourXX)) {
		fmt.Fprintf(w, "  4xx d’une requête bien formée %s : %d\n", k, res.fourXX[k])
	}
	for _, k := range slices.Sorted(maps.Keys(res.connErrs)) {
		fmt.Fprintf(w, "  erreur de connexion %q : %d\n", k, res.connErrs[k])
	}
	fmt.Fprintf(w, "cartes SVG distinctes servies (200) : %d sur %d vues du mélange\n", res.svgViews, res.svgTotal)
	r := res.render
	fmt.Fprintf(w, "rendus : %d par les workers, %d depuis le cache ; workers : %d démarrés, %d recyclés, %d tués ; %d rendus échoués\n",
		r.Renders, r.Hits, r.Started, r.Recycled, r.Killed, r.Failed)
	fmt.Fprintf(w, "mémoire du serveur (et des clients, même processus) : tas en service %s avant, %s au plus, %s après (GC) ; résidente %s avant, %s au plus, %s après\n",
		mib(res.mem.heapInuse), mib(res.memPeak.heapInuse), mib(res.memAfter.heapInuse), mib(res.mem.rss), mib(res.memPeak.rss), mib(res.memAfter.rss))
	fmt.Fprintf(w, "worker de rendu : %s résidents au plus\n", mib(res.workerRSS))
	fmt.Fprintf(w, "bornes : tas après charge ≤ %s, résidente ≤ %s, worker ≤ %s\n", mib(res.cfg.maxHeap), mib(res.cfg.maxRSS), mib(maxWorkerRSS))
	if len(res.failures) == 0 {
		fmt.Fprintln(w, "verdict : OK")
	} else {
		fmt.Fprintf(w, "verdict : ÉCHEC : %s\n", strings.Join(res.failures, " ; "))
	}
}

// loadClient is one client of the load: its own connections, from its
// own loopback address when the system allows it, so that the server's
// limiter sees distinct clients.
type loadClient struct {
	base      string
	http      *http.Client
	rng       *rand.Rand
	noSVG     bool              // never asks for a drawing
	svgAfter  time.Time         // honouring a Retry-After: no drawing before
	lastRetry string            // the Retry-After of the last answer
	etags     map[string]string // of the drawings answered, by URL
}

// newLoadClient returns client i, bound to 127.0.0.(10+i); shared
// reports that it could not be and uses 127.0.0.1. The admin client is
// -1, on 127.0.0.2.
func newLoadClient(i int, base string) (c *loadClient, shared bool) {
	ip := net.IPv4(127, 0, 0, byte(10+i))
	if i < 0 {
		ip = net.IPv4(127, 0, 0, 2)
	}
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: ip}, Timeout: 10 * time.Second}
	if conn, err := d.Dial("tcp", strings.TrimPrefix(base, "http://")); err != nil {
		d, shared = &net.Dialer{Timeout: 10 * time.Second}, true
	} else {
		conn.Close()
	}
	tr := &http.Transport{DialContext: d.DialContext, MaxIdleConnsPerHost: 4, IdleConnTimeout: 30 * time.Second}
	return &loadClient{
		base:  base,
		http:  &http.Client{Transport: tr, Timeout: loadClientTimeout},
		rng:   rand.New(rand.NewPCG(uint64(i+2), 0x5eed)),
		etags: map[string]string{},
	}, shared
}

// run sends requests until ctx is done: first one of every kind of the
// mix, then a random draw. A drawing is sent only when the client is
// not waiting out a Retry-After and a place is free in inFlight; one
// refused with 429 is asked again once the Retry-After has passed, as a
// person would.
func (c *loadClient) run(ctx context.Context, mix *loadMix, inFlight chan struct{}, record func(loadRequest, int, string, time.Duration, error)) {
	var tour []loadRequest
	if !c.noSVG {
		tour = mix.tour(c.rng)
	}
	var retry *loadRequest // a drawing refused, asked again once allowed
	for n := 0; ctx.Err() == nil; {
		canSVG := !c.noSVG && !time.Now().Before(c.svgAfter)
		var r loadRequest
		switch {
		case retry != nil && canSVG:
			r, retry = *retry, nil
		case n < len(tour):
			r = tour[n]
			n++
		default:
			r = mix.next(c.rng, canSVG)
		}
		if strings.HasPrefix(r.url, "/svg/") && !canSVG {
			r = mix.api(c.rng)
		}
		if r.class == classSVG {
			select {
			case inFlight <- struct{}{}:
			default:
				r = mix.api(c.rng)
			}
		}
		if r.class == classSVG && r.etag == "" && c.rng.IntN(4) == 0 {
			r.etag = c.etags[r.url] // revalidate a drawing already seen
		}
		status, code, d, err := c.do(r, http.MethodGet, "")
		if r.class == classSVG {
			<-inFlight
		}
		record(r, status, code, d, err)
		if status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable {
			c.svgAfter = time.Now().Add(retryAfter(c.lastRetry))
			if r.class == classSVG {
				retry = &r
			}
		}
	}
}

// reload posts to /admin/reload with token every period, until ctx is
// done.
func (c *loadClient) reload(ctx context.Context, token string, period time.Duration, record func(loadRequest, int, string, time.Duration, error)) {
	every(ctx.Done(), period, func() {
		r := loadRequest{class: classAdmin, route: "/admin/reload", url: "/admin/reload"}
		status, code, d, err := c.do(r, http.MethodPost, "Bearer "+token)
		record(r, status, code, d, err)
	})
}

// retryAfter reads a Retry-After in seconds, 1 s if it is missing.
func retryAfter(v string) time.Duration {
	if s, err := strconv.Atoi(v); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	return time.Second
}

// do sends one request and reads the whole answer. It returns the status,
// the error code of an error document, the time to the last byte, and
// the error that kept the request from being answered.
func (c *loadClient) do(r loadRequest, method, auth string) (int, string, time.Duration, error) {
	req, err := http.NewRequest(method, c.base+r.url, nil)
	if err != nil {
		return 0, "", 0, err
	}
	if r.etag != "" {
		req.Header.Set("If-None-Match", r.etag)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	start := time.Now()
	res, err := c.http.Do(req)
	if err != nil {
		return 0, "", time.Since(start), errors.Unwrap(err)
	}
	defer res.Body.Close()
	var code string
	if res.StatusCode >= 400 {
		var doc struct {
			Error struct{ Code string } `json:"error"`
		}
		b, rerr := io.ReadAll(io.LimitReader(res.Body, 1<<20))
		err = rerr
		json.Unmarshal(b, &doc)
		code = doc.Error.Code
	} else {
		_, err = io.Copy(io.Discard, res.Body)
	}
	d := time.Since(start)
	c.lastRetry = res.Header.Get("Retry-After")
	if r.class == classSVG && res.StatusCode == http.StatusOK {
		c.etags[r.url] = res.Header.Get("ETag")
	}
	return res.StatusCode, code, d, err
}

// loadMix is what the clients ask: the routes and the requests of each
// class, drawn from the datasets the server holds.
type loadMix struct {
	routes   []string // every GET route pattern, and POST /admin/reload
	sets     []loadSet
	svgViews []string // distinct drawings, shuffled
	svgNext  atomic.Int64
	hot      []string // a few drawings asked again and again
	bad      []loadRequest
	page     []loadRequest
}

// loadSet is what the mix knows of one dataset.
type loadSet struct {
	name     string
	jobs     []string // IDs of the job nodes
	titles   []string
	levels   []string
	families []string
}

// loadRoutes are the GET routes of the server, each of which the mix
// asks, and must see answered 2xx at least once.
var loadRoutes = []string{
	"/healthz", "/metrics", "/", "/static/*filepath",
	"/api/jobs", "/api/jobs/:id", "/api/resolve", "/api/path", "/api/reachable", "/api/feeders", "/api/levels", "/api/openapi.json",
	"/svg/map", "/svg/path", "/svg/reachable", "/svg/feeders", "/svg/jobs/:id",
}

func newLoadMix(sets *web.Datasets) (*loadMix, error) {
	m := &loadMix{routes: append(slices.Clone(loadRoutes), "/admin/reload")}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, name := range sets.Names() {
		g, _ := sets.Get(name)
		s := loadSet{name: name}
		for _, j := range g.Jobs() {
			switch j.Kind {
			case graph.KindJob:
				s.jobs = append(s.jobs, string(j.ID))
				s.titles = append(s.titles, j.Title)
			case graph.KindLevel:
				s.levels = append(s.levels, j.Level.String())
			}
		}
		for _, f := range g.Families {
			s.families = append(s.families, f.ID)
		}
		if len(s.jobs) < 2 || len(s.levels) == 0 {
			return nil, fmt.Errorf("loadtest: dataset %s has too few jobs or levels", name)
		}
		m.sets = append(m.sets, s)
	}
	q := url.QueryEscape
	for _, s := range m.sets {
		ds := "dataset=" + q(s.name)
		m.svgViews = append(m.svgViews, "/svg/map?"+ds)
		for _, f := range s.families {
			m.svgViews = append(m.svgViews, "/svg/map?family="+q(f)+"&"+ds)
		}
		for _, l := range s.levels {
			m.svgViews = append(m.svgViews, "/svg/reachable?depth=1&level="+q(l)+"&"+ds)
		}
		for _, id := range s.jobs {
			m.svgViews = append(m.svgViews,
				"/svg/jobs/"+url.PathEscape(id)+"?"+ds,
				"/svg/reachable?depth=1&from="+q(id)+"&"+ds,
				"/svg/feeders?depth=1&to="+q(id)+"&"+ds)
		}
		for range 2 * len(s.jobs) {
			m.svgViews = append(m.svgViews, "/svg/path?from="+q(pick(rng, s.jobs))+"&to="+q(pick(rng, s.jobs))+"&k="+strconv.Itoa(1+rng.IntN(3))+"&"+ds)
		}
	}
	rng.Shuffle(len(m.svgViews), func(i, j int) { m.svgViews[i], m.svgViews[j] = m.svgViews[j], m.svgViews[i] })
	m.hot = m.svgViews[:min(16, len(m.svgViews))]

	long := strings.Repeat("x", 1001)
	for _, u := range []string{
		"/api/jobs/metier-inconnu", "/api/path?from=technicien&to=architecte&k=99", "/api/jobs?dataset=inconnu",
		"/api/reachable?from=technicien&depth=-1", "/api/resolve?q=" + long, "/api/reachable?level=bac%2B9",
		"/api/resolve?q=dev&limit=abc", "/api/path?from=technicien", "/api/feeders?to=%FF", "/api/reachable?from=a&level=bac",
		"/api/resolve?q=dev&q=ops", "/svg/jobs/metier-inconnu", "/svg/map?family=inconnue", "/route/inconnue", "/static/../main.go",
	} {
		m.bad = append(m.bad, loadRequest{class: classBad, route: "bad", url: u})
	}
	for _, r := range []struct{ route, url string }{
		{"/", "/"}, {"/static/*filepath", "/static/app.js"}, {"/static/*filepath", "/static/style.css"},
		{"/static/*filepath", "/static/icon.svg"}, {"/healthz", "/healthz"}, {"/metrics", "/metrics"},
		{"/api/openapi.json", "/api/openapi.json"},
	} {
		m.page = append(m.page, loadRequest{class: classPage, route: r.route, url: r.url})
	}
	return m, nil
}

func pick[T any](rng *rand.Rand, s []T) T { return s[rng.IntN(len(s))] }

// tour returns one request of every route and a bad query, in a random
// order, so that every client covers them all whatever the draws.
func (m *loadMix) tour(rng *rand.Rand) []loadRequest {
	var out []loadRequest
	seen := map[string]bool{}
	for len(seen) < len(loadRoutes) {
		var r loadRequest
		switch n := rng.IntN(3); n {
		case 0:
			r = m.api(rng)
		case 1:
			r = m.svg(rng)
		default:
			r = pick(rng, m.page)
		}
		if !seen[r.route] {
			seen[r.route] = true
			out = append(out, r)
		}
	}
	out = append(out, pick(rng, m.bad))
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// next draws a request: 55 % JSON API, 30 % drawings, 10 % page and
// service routes, 5 % bad queries. A client that may not ask for a
// drawing yet draws from the JSON API instead, without using up a view.
func (m *loadMix) next(rng *rand.Rand, canSVG bool) loadRequest {
	switch n := rng.IntN(100); {
	case n < 55:
		return m.api(rng)
	case n < 85 && canSVG:
		return m.svg(rng)
	case n < 85:
		return m.api(rng)
	case n < 95:
		return pick(rng, m.page)
	default:
		return pick(rng, m.bad)
	}
}

// svg draws a drawing: a new one nine times out of ten, else one of the
// hot few.
func (m *loadMix) svg(rng *rand.Rand) loadRequest {
	u := pick(rng, m.hot)
	if rng.IntN(10) > 0 {
		u = m.svgViews[int(m.svgNext.Add(1)-1)%len(m.svgViews)]
	}
	route, _, _ := strings.Cut(u, "?")
	if strings.HasPrefix(route, "/svg/jobs/") {
		route = "/svg/jobs/:id"
	}
	return loadRequest{class: classSVG, route: route, url: u}
}

// api draws a well-formed query of the JSON API.
func (m *loadMix) api(rng *rand.Rand) loadRequest {
	s := pick(rng, m.sets)
	q := url.QueryEscape
	ds := "dataset=" + q(s.name)
	job := func() string { return q(pick(rng, s.jobs)) }
	depth := strconv.Itoa(1 + rng.IntN(3))
	var route, u string
	switch rng.IntN(8) {
	case 0:
		route, u = "/api/jobs", "/api/jobs?"+ds
	case 1:
		route, u = "/api/jobs/:id", "/api/jobs/"+url.PathEscape(pick(rng, s.jobs))+"?"+ds
	case 2:
		// A word of a title, as people type it.
		words := strings.Fields(pick(rng, s.titles))
		route, u = "/api/resolve", "/api/resolve?q="+q(pick(rng, words))+"&"+ds
	case 3:
		from := job()
		if rng.IntN(3) == 0 {
			from = q(pick(rng, s.levels))
		}
		route, u = "/api/path", "/api/path?from="+from+"&to="+job()+"&k="+strconv.Itoa(1+rng.IntN(3))+"&"+ds
		if rng.IntN(2) == 0 {
			u += "&by=effort"
		}
	case 4:
		route, u = "/api/reachable", "/api/reachable?from="+job()+"&depth="+depth+"&"+ds
		if rng.IntN(2) == 0 {
			u = "/api/reachable?level=" + q(pick(rng, s.levels)) + "&depth=" + depth + "&" + ds
		}
	case 5:
		route, u = "/api/feeders", "/api/feeders?to="+job()+"&depth="+depth+"&"+ds
	case 6:
		route, u = "/api/levels", "/api/levels?"+ds
	default:
		route, u = "/healthz", "/healthz?"+ds
		return loadRequest{class: classPage, route: route, url: u}
	}
	return loadRequest{class: classAPI, route: route, url: u}
}
