package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	dg "github.com/dominikbraun/graph"
	"github.com/spf13/cobra"

	"github.com/pathways-fr/pathways/cmd/internal/cli"
	"github.com/pathways-fr/pathways/cmd/internal/datasets"
	"github.com/pathways-fr/pathways/data"
	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/synthetic"
	"github.com/pathways-fr/pathways/pathways"
)

// The bench command measures the engine on this machine and prints one
// table. In this process, for each dataset: how long it takes to load,
// the heap its graph keeps per edge, and the median time and allocations
// of each query, each run several times with testing.Benchmark, beside
// the same query answered by dominikbraun/graph on a model of the same
// edges. With --http, the server serve starts, on 127.0.0.1: the
// requests per second and latencies of its routes under 16 clients, each
// as a ratio to /healthz, and the time from starting the binary to its
// first answer.

// Targets of the issue, checked in the table.
var (
	benchPathTargets = map[string]time.Duration{
		"metiers":            2 * time.Microsecond,
		"rome":               20 * time.Microsecond,
		"rome-v3":            20 * time.Microsecond,
		"all":                20 * time.Microsecond,
		"synthetic-10k-100k": 200 * time.Microsecond,
	}
	benchReachTargets = map[string]time.Duration{"synthetic-10k-100k": 2 * time.Millisecond}
	benchRatioTargets = map[string]float64{"synthetic-10k-100k": 100}
	benchLoadTargets  = map[string]time.Duration{"synthetic-100k-1m": 3 * time.Second}
	benchMemTargets   = map[string]float64{"synthetic-100k-1m": 150}
)

// Targets of the skills queries (issue 13), measured on rome.
const (
	benchCompareMax = 20 * time.Microsecond // two jobs compared
	benchSuggestMax = 50 * time.Microsecond // the top 10 suggestions of a fiche
)

const (
	benchHTTPShare = 0.70                   // of the throughput of /healthz
	benchHTTPP99   = 5 * time.Millisecond   // at benchClients clients
	benchStartMax  = 300 * time.Millisecond // from exec to the first answer
	benchClients   = 16
)

func newBenchCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "bench [--quick] [--http] [--runs N] [--server BINAIRE]",
		Short: "mesure chargement, requêtes et serveur HTTP, en un tableau",
	}
	quick := c.Flags().Bool("quick", false, "mesure rapide : metiers et ROME seulement, une série, durées courtes")
	withHTTP := c.Flags().Bool("http", false, "mesure aussi le serveur HTTP sur 127.0.0.1 et son démarrage")
	runs := c.Flags().Int("runs", 0, "séries de chaque mesure, dont on garde la médiane (0 : 5, ou 1 avec --quick)")
	bin := c.Flags().String("server", "", "le programme pathways dont --http mesure le démarrage (par défaut : pathways, à côté de ce programme)")
	c.RunE = func(cmd *cobra.Command, args []string) error {
		if err := cli.NeedArgs(args, 0, "aucun argument, seulement des options"); err != nil {
			return err
		}
		cfg := benchConfig{quick: *quick, http: *withHTTP, runs: *runs, server: *bin, benchtime: 300 * time.Millisecond, requests: 30_000, renders: 48}
		if cfg.quick {
			cfg.benchtime, cfg.requests, cfg.renders = 20*time.Millisecond, 600, 4
			if cfg.runs == 0 {
				cfg.runs = 1
			}
		}
		if cfg.runs == 0 {
			cfg.runs = 5
		}
		if cfg.runs < 1 || cfg.runs > 50 {
			return cli.Usagef("--runs doit être compris entre 1 et 50")
		}
		if cfg.http && cfg.server == "" {
			exe, err := os.Executable()
			if err != nil {
				return err
			}
			cfg.server = filepath.Join(filepath.Dir(exe), "pathways")
		}
		return runBench(cmd.Context(), cfg, cmd.OutOrStdout())
	}
	return c
}

// benchConfig sets what bench measures and for how long.
type benchConfig struct {
	quick, http bool
	server      string        // the pathways binary whose start is measured
	runs        int           // of each measure; the median is kept
	benchtime   time.Duration // of each run of a query
	requests    int           // per HTTP route
	renders     int           // distinct drawings rendered
}

// benchRow is one line of the table.
type benchRow struct {
	set, measure, median, allocs, ref, ratio, target string
}

// benchTable collects the rows, printed at the end.
type benchTable struct {
	rows []benchRow
}

func (t *benchTable) add(r benchRow) { t.rows = append(t.rows, r) }

// print writes the table in Markdown, columns aligned.
func (t *benchTable) print(w io.Writer) {
	head := benchRow{"jeu", "mesure", "médiane", "allocs/op", "dominikbraun/graph", "rapport", "cible"}
	rows := append([]benchRow{head}, t.rows...)
	cells := func(r benchRow) []string {
		return []string{r.set, r.measure, r.median, r.allocs, r.ref, r.ratio, r.target}
	}
	width := make([]int, 7)
	for _, r := range rows {
		for i, c := range cells(r) {
			width[i] = max(width[i], len([]rune(c)))
		}
	}
	line := func(cs []string) {
		var b strings.Builder
		b.WriteString("|")
		for i, c := range cs {
			b.WriteString(" " + c + strings.Repeat(" ", width[i]-len([]rune(c))) + " |")
		}
		fmt.Fprintln(w, b.String())
	}
	line(cells(head))
	sep := make([]string, 7)
	for i := range sep {
		sep[i] = strings.Repeat("-", width[i])
	}
	line(sep)
	for _, r := range t.rows {
		line(cells(r))
	}
}

// runBench measures and prints the table.
func runBench(ctx context.Context, cfg benchConfig, w io.Writer) error {
	restore, err := setBenchtime(cfg.benchtime)
	if err != nil {
		return err
	}
	defer restore()
	fmt.Fprintf(w, "pathways bench — %s\n", machineLine())
	fmt.Fprintf(w, "charge moyenne au début : %s\n", loadAverage())
	fmt.Fprintf(w, "séries par mesure : %d, médiane gardée ; requêtes en %v par série\n\n", cfg.runs, cfg.benchtime)
	var t benchTable
	var sets []benchSource
	for _, name := range datasets.Names {
		sets = append(sets, benchSource{name: name, load: func() (*graph.Graph, error) { return datasets.Load(datasets.Options{}, name) }})
	}
	if !cfg.quick {
		sets = append(sets, syntheticSource("synthetic-10k-100k", 10_000, 100_000), syntheticSource("synthetic-100k-1m", 100_000, 1_000_000))
	}
	for _, src := range sets {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := benchDataset(cfg, src, &t); err != nil {
			return fmt.Errorf("%s : %w", src.name, err)
		}
	}
	if cfg.http {
		if err := benchHTTP(ctx, cfg, &t); err != nil {
			return fmt.Errorf("http : %w", err)
		}
	}
	t.print(w)
	fmt.Fprintf(w, "\ncharge moyenne à la fin : %s\n", loadAverage())
	return nil
}

// setBenchtime sets how long testing.Benchmark runs each function, and
// returns how to set it back.
func setBenchtime(d time.Duration) (func(), error) {
	testing.Init() // registers -test.benchtime, if no test did
	f := flag.Lookup("test.benchtime")
	if f == nil {
		return nil, errors.New("testing.Init did not register test.benchtime")
	}
	old := f.Value.String()
	if err := f.Value.Set(d.String()); err != nil {
		return nil, err
	}
	return func() { f.Value.Set(old) }, nil
}

// benchSource is a dataset to measure: how to load it from what is
// already in memory.
type benchSource struct {
	name string
	load func() (*graph.Graph, error)
}

// syntheticSource generates a synthetic repertoire once and loads it as
// --data would.
func syntheticSource(name string, jobs, edges int) benchSource {
	var once sync.Once
	var doc []byte
	return benchSource{name: name, load: func() (*graph.Graph, error) {
		once.Do(func() { doc = synthetic.Generate(synthetic.Options{Jobs: jobs, Edges: edges, Seed: 1}) })
		return graph.LoadMetiers(bytes.NewReader(doc), name+".json")
	}}
}

// benchQueries are the endpoints a dataset is queried with, single nodes
// so that dominikbraun/graph answers the same question.
type benchQueries struct {
	from, to     int32
	resolve      string
	fromID, toID graph.JobID
}

// pickQueries chooses, on the repertoire and ROME, a known route; on a
// synthetic repertoire, the first job whose reach covers most of the
// graph and the first of the roles farthest from it.
func pickQueries(name string, g *graph.Graph) (benchQueries, error) {
	q := benchQueries{from: -1, to: -1}
	ids := map[string][3]string{
		"metiers": {"technicien-reseaux-cloud", "architecte-logiciel", "ingénieur"},
		"rome":    {"K2204", "M1803", "secrétaire"},
		"rome-v3": {"K2204", "M1803", "secrétaire"},
		"all":     {"K2204", "M1803", "développeur web"},
	}
	if p, ok := ids[name]; ok {
		q.from, _ = g.Index(graph.JobID(p[0]))
		q.to, _ = g.Index(graph.JobID(p[1]))
		q.resolve = p[2]
	} else {
		q.resolve = "ingénieur données"
		for i := range int32(g.Len()) {
			if g.Node(i).Kind != graph.KindJob {
				continue
			}
			doc, err := pathways.Reachable(g, pathways.Endpoint{Nodes: []int32{i}}, pathways.NoLimit, 0)
			if err != nil || len(doc.Roles) < g.Len()/2 {
				continue
			}
			far := doc.Roles[len(doc.Roles)-1].Distance
			for _, r := range doc.Roles {
				if r.Distance == far {
					q.from = i
					q.to, _ = g.Index(r.ID)
					break
				}
			}
			break
		}
	}
	if q.from < 0 || q.to < 0 {
		return q, errors.New("no pair of endpoints to query")
	}
	q.fromID, q.toID = g.Node(q.from).ID, g.Node(q.to).ID
	return q, nil
}

// median runs f cfg.runs times and returns the run of median ns/op.
func median(cfg benchConfig, f func(b *testing.B)) testing.BenchmarkResult {
	rs := make([]testing.BenchmarkResult, cfg.runs)
	for i := range rs {
		rs[i] = testing.Benchmark(f)
	}
	slices.SortFunc(rs, func(a, b testing.BenchmarkResult) int {
		return compareInt64(a.NsPerOp(), b.NsPerOp())
	})
	return rs[len(rs)/2]
}

func compareInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// benchDataset measures one dataset: its load, its memory, its queries,
// and the same queries by dominikbraun/graph.
func benchDataset(cfg benchConfig, src benchSource, t *benchTable) error {
	g, name, err := benchLoad(cfg, src, t)
	if err != nil {
		return err
	}
	err = measureQueries(cfg, src.name, name, g, t)
	runtime.KeepAlive(g)
	return err
}

// benchLoad measures the load of a dataset and the memory its graph
// keeps, and returns the graph and the name of its rows.
func benchLoad(cfg benchConfig, src benchSource, t *benchTable) (*graph.Graph, string, error) {
	// Load several times, keeping the median; the memory is measured on
	// one more load, collected before and after.
	loads := make([]time.Duration, max(cfg.runs, 1))
	if src.name == "synthetic-100k-1m" {
		loads = loads[:min(len(loads), 3)]
	}
	// The name index is built on first use (by the first resolution):
	// it is counted here, as before it was built at load.
	for i := range loads {
		runtime.GC()
		start := time.Now()
		g, err := src.load()
		if err != nil {
			return nil, "", err
		}
		g.IndexNames()
		loads[i] = time.Since(start)
		runtime.KeepAlive(g)
	}
	slices.Sort(loads)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	g, err := src.load()
	if err != nil {
		return nil, "", err
	}
	g.IndexNames()
	runtime.GC()
	runtime.ReadMemStats(&after)
	edges := len(g.Edges())
	name := fmt.Sprintf("%s (%d nœuds, %d arêtes)", src.name, g.Len(), edges)
	load := loads[len(loads)/2]
	t.add(benchRow{set: name, measure: "chargement", median: fmtDuration(load), allocs: "—", ref: "—", ratio: "—",
		target: verdictBelow(load, benchLoadTargets[src.name])})
	perEdge := float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / float64(max(edges, 1))
	// The index proper: forward and reverse arcs (12 bytes each) and their
	// offsets, title ranks and numbers by node (12 bytes a node).
	index := (24*float64(edges) + 12*float64(g.Len())) / float64(max(edges, 1))
	memTarget := ""
	if limit, ok := benchMemTargets[src.name]; ok {
		memTarget = fmt.Sprintf("< %.0f o/arête : graphe %s, index %s", limit, verdictFloat(perEdge, limit), verdictFloat(index, limit))
	}
	t.add(benchRow{set: name, measure: "mémoire par arête", median: fmt.Sprintf("%.0f o (index : %.0f o)", perEdge, index),
		allocs: "—", ref: "—", ratio: "—", target: memTarget})
	return g, name, nil
}

// benchQuery is one query a dataset is measured with.
type benchQuery struct {
	measure string
	run     func() error
	limit   time.Duration // the target, if any
}

// measureQueries measures the queries on g, and the same by
// dominikbraun/graph, in rows named name.
func measureQueries(cfg benchConfig, set, name string, g *graph.Graph, t *benchTable) error {
	q, err := pickQueries(set, g)
	if err != nil {
		return err
	}
	from := pathways.Endpoint{Nodes: []int32{q.from}}
	to := []int32{q.to}
	queries := []benchQuery{
		{"résolution « " + q.resolve + " »", func() error { _, err := pathways.Resolve(g, q.resolve, 10); return err }, 0},
		{"parcours (k=1)", func() error { return needPath(pathways.Shortest(g, from, to, pathways.Options{K: 1})) }, benchPathTargets[set]},
		{"3 alternatives (k=3)", func() error { return needPath(pathways.Shortest(g, from, to, pathways.Options{K: 3})) }, 0},
		{"atteignables, profondeur 3", func() error { _, err := pathways.Reachable(g, from, 3, 0); return err }, 0},
		{"atteignables, sans limite", func() error { _, err := pathways.Reachable(g, from, pathways.NoLimit, 0); return err }, benchReachTargets[set]},
		{"viviers, sans limite", func() error { _, err := pathways.Feeders(g, to, pathways.NoLimit, 0); return err }, 0},
	}
	if set == datasets.ROME {
		skills, err := skillQueries(g)
		if err != nil {
			return err
		}
		queries = append(queries, skills...)
	}
	results := make([]testing.BenchmarkResult, len(queries))
	for i, qu := range queries {
		if err := qu.run(); err != nil {
			return fmt.Errorf("%s : %w", qu.measure, err)
		}
		results[i] = median(cfg, func(b *testing.B) {
			for b.Loop() {
				qu.run()
			}
		})
	}
	refs, ratios := dgReferences(cfg, g, q, results)
	for i, qu := range queries {
		t.add(queryRow(set, name, qu, results[i], refs[i], ratios[i], i))
	}
	return nil
}

// skillQueries are the skills queries of ROME 4.0, on the skills of the
// embedded release: two jobs compared, and the top 10 suggestions of a
// fiche.
func skillQueries(g *graph.Graph) ([]benchQuery, error) {
	s, err := graph.LoadSkills(data.ROME4(), g)
	if err != nil {
		return nil, err
	}
	pair := []string{"M1876", "M1860"}
	return []benchQuery{
		{"compétences : comparer M1876 et M1860", func() error { _, err := pathways.Compare(g, s, nil, pair); return err }, benchCompareMax},
		{"suggestions d’après les compétences : M1876, 10 premières", func() error {
			_, err := pathways.Suggest(g, s, nil, "M1876", 10)
			return err
		}, benchSuggestMax},
	}, nil
}

// dgReferences measures dominikbraun/graph: ShortestPath and BFS on
// models of the same moves, forward then reverse, each built when needed
// and dropped after. It returns, by query, the reference and its ratio
// to our result.
func dgReferences(cfg benchConfig, g *graph.Graph, q benchQueries, results []testing.BenchmarkResult) ([]string, []float64) {
	refs := make([]string, len(results))
	ratios := make([]float64, len(results))
	model := dgModel(g, false)
	sp := median(cfg, func(b *testing.B) {
		for b.Loop() {
			dg.ShortestPath(model, q.fromID, q.toID)
		}
	})
	bfs := median(cfg, func(b *testing.B) {
		for b.Loop() {
			dg.BFS(model, q.fromID, func(graph.JobID) bool { return false })
		}
	})
	model = dgModel(g, true)
	rbfs := median(cfg, func(b *testing.B) {
		for b.Loop() {
			dg.BFS(model, q.toID, func(graph.JobID) bool { return false })
		}
	})
	model = nil
	for i, ref := range map[int]testing.BenchmarkResult{1: sp, 4: bfs, 5: rbfs} {
		what := map[int]string{1: "ShortestPath", 4: "BFS", 5: "BFS, arêtes inversées"}[i]
		refs[i] = what + " " + fmtDuration(time.Duration(ref.NsPerOp()))
		ratios[i] = float64(ref.NsPerOp()) / float64(max(results[i].NsPerOp(), 1))
	}
	return refs, ratios
}

// queryRow is the row of the i-th query of set, with its targets.
func queryRow(set, name string, qu benchQuery, r testing.BenchmarkResult, ref string, ratio float64, i int) benchRow {
	row := benchRow{set: name, measure: qu.measure, median: fmtDuration(time.Duration(r.NsPerOp())),
		allocs: strconv.FormatInt(r.AllocsPerOp(), 10), ref: "—", ratio: "—"}
	if ref != "" {
		row.ref, row.ratio = ref, fmt.Sprintf("×%.0f", ratio)
	}
	var verdicts []string
	if qu.limit > 0 {
		verdicts = append(verdicts, verdictBelow(time.Duration(r.NsPerOp()), qu.limit))
	}
	if want, ok := benchRatioTargets[set]; ok && i == 1 {
		verdicts = append(verdicts, verdictAbove(ratio, want, "×%.0f"))
	}
	row.target = strings.Join(verdicts, " ; ")
	return row
}

// needPath fails a path query that found no route: the benchmark would
// not measure what it says.
func needPath(doc pathways.Paths, err error) error {
	if err == nil && len(doc.Paths) == 0 {
		err = errors.New("no route between the endpoints")
	}
	return err
}

// dgModel builds a dominikbraun/graph model of the moves of g, reversed
// or not.
func dgModel(g *graph.Graph, reverse bool) dg.Graph[graph.JobID, graph.JobID] {
	m := dg.New(func(id graph.JobID) graph.JobID { return id }, dg.Directed())
	for _, j := range g.Jobs() {
		m.AddVertex(j.ID)
	}
	for _, e := range g.Edges() {
		if e.Type&graph.Moves == 0 {
			continue
		}
		if reverse {
			m.AddEdge(e.To, e.From)
		} else {
			m.AddEdge(e.From, e.To)
		}
	}
	return m
}

// verdictBelow says whether d is under limit, and by how much it misses.
func verdictBelow(d, limit time.Duration) string {
	if limit == 0 {
		return ""
	}
	if d < limit {
		return "< " + fmtDuration(limit) + " : tenue"
	}
	return fmt.Sprintf("< %s : manquée de %s", fmtDuration(limit), percent(float64(d)/float64(limit)-1))
}

func verdictFloat(v, limit float64) string {
	if v < limit {
		return "tenue"
	}
	return "manquée de " + percent(v/limit-1)
}

// verdictAbove says whether v reaches want, and by how much it misses.
func verdictAbove(v, want float64, format string) string {
	if v >= want {
		return "≥ " + fmt.Sprintf(format, want) + " : tenue"
	}
	return fmt.Sprintf("≥ "+format+" : manquée de %s", want, percent(1-v/want))
}

// percent writes a share as a percentage, with a decimal below 10 %.
func percent(f float64) string {
	if f < 0.1 {
		return strconv.FormatFloat(100*f, 'f', 1, 64) + " %"
	}
	return strconv.FormatFloat(100*f, 'f', 0, 64) + " %"
}

// fmtDuration writes d with three significant digits.
func fmtDuration(d time.Duration) string {
	f := float64(d)
	switch {
	case d < time.Microsecond:
		return strconv.FormatFloat(f, 'f', 0, 64) + " ns"
	case d < time.Millisecond:
		return sig3(f/1e3) + " µs"
	case d < time.Second:
		return sig3(f/1e6) + " ms"
	}
	return sig3(f/1e9) + " s"
}

func sig3(v float64) string {
	switch {
	case v >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case v >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

// machineLine describes the machine: processors, memory, Go.
func machineLine() string {
	model := "?"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	mem := "?"
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(l, "MemTotal:"); ok {
				if kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64); err == nil {
					mem = fmt.Sprintf("%.1f Gio", float64(kb)/(1<<20))
				}
			}
		}
	}
	return fmt.Sprintf("processeurs : %d, %s, %s de mémoire, %s %s/%s", runtime.NumCPU(), model, mem, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// loadAverage reads the load average of the machine over 1, 5 and 15
// minutes.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// benchHTTP measures the server serve starts, in this process on
// 127.0.0.1, then the time the pathways binary takes to answer.
func benchHTTP(ctx context.Context, cfg benchConfig, t *benchTable) error {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	// As serve --render-rate 0, and a share of the renderer for each of
	// the clients, which all come from 127.0.0.1: the limits on drawings
	// per client would measure the limiters, not the server (with the
	// default share, the first renders got 429).
	srv, err := startServer(serverConfig{renderRate: 0, renderBurst: 1, renderShare: benchClients}, log)
	if err != nil {
		return err
	}
	defer srv.close()
	client := &http.Client{
		Transport: &http.Transport{MaxIdleConnsPerHost: benchClients, MaxConnsPerHost: benchClients, DisableCompression: true},
		Timeout:   time.Minute,
	}
	defer client.CloseIdleConnections()

	// The first drawing of the map, then the same, cached.
	start := time.Now()
	if err := fetch(client, srv.base+"/svg/map?dataset=metiers"); err != nil {
		return err
	}
	firstMap := time.Since(start)

	routes := []benchRoute{
		{name: "/healthz", path: "/healthz"},
		{name: "/api/path", path: benchPathQuery},
		{name: "/api/reachable", path: "/api/reachable?from=technicien"},
		{name: "/svg/map (en cache, gzip)", path: "/svg/map?dataset=metiers"},
	}
	replay, err := startReplay(client, srv.base, []string{routes[0].path, routes[1].path})
	if err != nil {
		return err
	}
	defer replay.close()
	routes = append(routes,
		benchRoute{name: "octets de /healthz rejoués (net/http seul)", base: replay.base, path: replayPath(0)},
		benchRoute{name: "octets de /api/path rejoués (net/http seul)", base: replay.base, path: replayPath(1)})
	for _, r := range routes { // warm the connections and the caches
		if _, err := hammer(ctx, client, r.baseOr(srv.base), func(int) string { return r.path }, 2*benchClients); err != nil {
			return err
		}
	}
	lat, elapsed, err := hammerRounds(ctx, client, srv.base, routes, cfg.requests)
	if err != nil {
		return err
	}
	health := httpRows(t, routes, lat, elapsed)
	if err := benchRenders(ctx, cfg, client, srv, health, t); err != nil {
		return err
	}
	t.add(benchRow{set: "http", measure: "premier rendu de /svg/map", median: fmtDuration(firstMap), allocs: "—", ref: "—", ratio: "—"})

	return benchStart(ctx, cfg, t)
}

// benchPathQuery is the route /api/path measures.
const benchPathQuery = "/api/path?from=technicien&to=architecte"

// httpRows adds a row for each route hammerRounds measured, and returns
// the throughput of the first, /healthz, to which every route is
// compared. The two routes with a target are /api/path and the cached
// map; the replay of /api/path is also given as a share of the replay of
// /healthz, the ceiling of the share of /api/path.
func httpRows(t *benchTable, routes []benchRoute, lat [][]time.Duration, elapsed []time.Duration) float64 {
	rps := func(i int) float64 { return float64(len(lat[i])) / elapsed[i].Seconds() }
	health := rps(0)
	for i, r := range routes {
		res := httpResult{latencies: lat[i], elapsed: elapsed[i]}
		v := rps(i)
		row := benchRow{set: fmt.Sprintf("http, %d clients", benchClients), measure: r.name, median: res.summary(), allocs: "—", ref: "—",
			ratio: fmt.Sprintf("%.2f × /healthz", v/health)}
		var verdicts []string
		switch {
		case r.path == benchPathQuery || strings.HasPrefix(r.path, "/svg/map"):
			verdicts = append(verdicts, verdictAbove(v/health, benchHTTPShare, "%.2f × /healthz"))
		case r.base != "" && r.path == replayPath(1): // after the replay of /healthz, routes[i-1]
			row.ratio += fmt.Sprintf(" ; %.2f × rejeu de /healthz", v/rps(i-1))
		}
		if r.base == "" {
			verdicts = append(verdicts, "p99 "+verdictBelow(res.percentile(99), benchHTTPP99))
		}
		row.target = strings.Join(verdicts, " ; ")
		t.add(row)
	}
	return health
}

// benchRenders measures drawings never drawn before: the cards of ROME,
// each once, as a share of /healthz.
func benchRenders(ctx context.Context, cfg benchConfig, client *http.Client, srv *server, health float64, t *benchTable) error {
	rome, _ := srv.sets.Get("rome")
	var views []string
	for _, j := range rome.Jobs() {
		if j.Kind == graph.KindJob && len(views) < cfg.renders {
			views = append(views, "/svg/jobs/"+url.PathEscape(string(j.ID))+"?dataset=rome")
		}
	}
	renders, err := hammer(ctx, client, srv.base, func(i int) string { return views[i] }, len(views))
	if err != nil {
		return fmt.Errorf("rendus : %w", err)
	}
	t.add(benchRow{set: fmt.Sprintf("http, %d clients", benchClients), measure: fmt.Sprintf("premiers rendus (%d cartes ROME)", len(views)),
		median: renders.summary(), allocs: "—", ref: "—", ratio: fmt.Sprintf("%.3f × /healthz", renders.rps()/health)})
	return nil
}

// benchStart measures, from exec to the first answer, the start of the
// pathways binary, as an operator starts the server: every dataset and
// the skills loaded, then a text resolved on the combined dataset, which
// builds its name index on first use. The processor time the server used
// until then is given beside the wall time, which a shared machine
// inflates more.
func benchStart(ctx context.Context, cfg benchConfig, t *benchTable) error {
	starts := make([]time.Duration, min(cfg.runs, 3))
	cpus := make([]time.Duration, len(starts))
	for i := range starts {
		d, cpu, err := startToAnswer(ctx, cfg.server)
		if err != nil {
			return fmt.Errorf("démarrage : %w", err)
		}
		starts[i], cpus[i] = d, cpu
	}
	slices.Sort(starts)
	slices.Sort(cpus)
	t.add(benchRow{set: "http", measure: "démarrage jusqu’à la première réponse (tous les jeux et les compétences ; /api/resolve sur all)",
		median: fmtDuration(starts[len(starts)/2]) + " (processeur : " + fmtDuration(cpus[len(cpus)/2]) + ")",
		allocs: "—", ref: "—", ratio: "—", target: verdictBelow(starts[len(starts)/2], benchStartMax)})
	return nil
}

// startQuery is the first answer benchStart waits for.
const startQuery = "/api/resolve?q=d%C3%A9veloppeur+web&dataset=all"

// benchRoute is a route bench measures, and the request it sends: to
// base, or if empty to the server's.
type benchRoute struct{ name, base, path string }

func (r benchRoute) baseOr(server string) string { return cmp.Or(r.base, server) }

// hammerRounds sends requests to each route in rounds that alternate the
// routes, so that the load of the machine weighs on each alike, and
// returns each route's latencies and time.
func hammerRounds(ctx context.Context, client *http.Client, base string, routes []benchRoute, requests int) ([][]time.Duration, []time.Duration, error) {
	const rounds = 3
	lat := make([][]time.Duration, len(routes))
	elapsed := make([]time.Duration, len(routes))
	for range rounds {
		for i, r := range routes {
			res, err := hammer(ctx, client, r.baseOr(base), func(int) string { return r.path }, requests/rounds)
			if err != nil {
				return nil, nil, fmt.Errorf("%s : %w", r.name, err)
			}
			lat[i] = append(lat[i], res.latencies...)
			elapsed[i] += res.elapsed
		}
	}
	return lat, elapsed, nil
}

// httpResult is what hammer measured.
type httpResult struct {
	latencies []time.Duration
	elapsed   time.Duration
}

func (r httpResult) rps() float64 { return float64(len(r.latencies)) / r.elapsed.Seconds() }

// percentile returns the p-th percentile of the latencies.
func (r httpResult) percentile(p float64) time.Duration {
	s := slices.Clone(r.latencies)
	slices.Sort(s)
	return percentile(s, p)
}

func (r httpResult) summary() string {
	return fmt.Sprintf("%.0f req/s ; p50 %s ; p99 %s", r.rps(), fmtDuration(r.percentile(50)), fmtDuration(r.percentile(99)))
}

// hammer sends n requests from benchClients clients, each sending its
// next as soon as its last is answered; path gives the i-th. Every
// answer must be a 200.
func hammer(ctx context.Context, client *http.Client, base string, path func(i int) string, n int) (httpResult, error) {
	res := httpResult{latencies: make([]time.Duration, n)}
	var next atomic.Int64
	var failure atomic.Pointer[error]
	var wg sync.WaitGroup
	start := time.Now()
	for range benchClients {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n || ctx.Err() != nil || failure.Load() != nil {
					return
				}
				t := time.Now()
				if err := fetch(client, base+path(i)); err != nil {
					failure.CompareAndSwap(nil, &err)
					return
				}
				res.latencies[i] = time.Since(t)
			}
		})
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	if p := failure.Load(); p != nil {
		return res, *p
	}
	return res, ctx.Err()
}

// fetch gets a URL, as a browser would ask it (gzip accepted), and reads
// the whole answer, which must be a 200.
func fetch(client *http.Client, u string) error {
	_, err := fetchTo(client, u, io.Discard)
	return err
}

// fetchTo is fetch, copying the body to w; it returns the header.
func fetchTo(client *http.Client, u string, w io.Writer) (http.Header, error) {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(w, resp.Body); err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s : %s", u, resp.Status)
	}
	return resp.Header, nil
}

// startToAnswer starts the pathways binary exe as `serve --addr
// 127.0.0.1:0` and returns the time from its start to its first 200 on
// startQuery, and the processor time the server had used by then.
func startToAnswer(ctx context.Context, exe string) (time.Duration, time.Duration, error) {
	cmd := exec.CommandContext(ctx, exe, "serve", "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "PATHWAYS_ADMIN_TOKEN=")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return 0, 0, err
	}
	cmd.Stderr = io.Discard
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, err
	}
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	}()
	lines := bufio.NewScanner(out)
	var base string
	for lines.Scan() {
		if b, ok := strings.CutPrefix(lines.Text(), "pathways: en écoute sur "); ok {
			base = b
			break
		}
	}
	if base == "" {
		return 0, 0, errors.New("the server printed no address")
	}
	go io.Copy(io.Discard, out)
	client := &http.Client{Timeout: 10 * time.Second}
	defer client.CloseIdleConnections()
	for time.Since(start) < 30*time.Second {
		resp, err := client.Get(base + startQuery)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return time.Since(start), cpuTimeOf(cmd.Process.Pid), nil
			}
		}
		time.Sleep(time.Millisecond)
	}
	return 0, 0, errors.New("no answer from the server within 30 s")
}

// cpuTimeOf returns the processor time, user and system, a process has
// used, from /proc/PID/stat (in ticks of USER_HZ, 100 a second on Linux);
// 0 where /proc does not say.
func cpuTimeOf(pid int) time.Duration {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	// The command name, in parentheses, may hold spaces: fields are
	// counted after it. utime and stime are fields 14 and 15.
	_, rest, ok := bytes.Cut(b, []byte(") "))
	f := strings.Fields(string(rest))
	if !ok || len(f) < 13 {
		return 0
	}
	ut, err1 := strconv.ParseInt(f[11], 10, 64)
	st, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0
	}
	return time.Duration(ut+st) * (time.Second / 100)
}
