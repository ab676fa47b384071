package pathways

import (
	"sync"
	"testing"

	dg "github.com/dominikbraun/graph"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/fixture"
	"github.com/pathways-fr/pathways/internal/synthetic"
)

// benchSet is a graph with the endpoints every benchmark queries on it,
// chosen once and deterministically.
type benchSet struct {
	name               string
	g                  *graph.Graph
	exact, words, typo string      // texts to resolve
	from               Endpoint    // start of path and reachable queries
	to                 []int32     // end of path queries, start of feeders
	level              Endpoint    // a diploma level
	fromID, toID       graph.JobID // single endpoints, for dominikbraun/graph
	dgFwd, dgRev       dg.Graph[graph.JobID, graph.JobID]
}

var (
	benchOnce sync.Once
	benchSets []*benchSet
)

// benchmarkSets returns the repertoire and a synthetic repertoire of
// 10,000 jobs and 100,000 edges, generated and loaded once per process.
func benchmarkSets(b testing.TB) []*benchSet {
	b.Helper()
	benchOnce.Do(func() {
		rep := fixture.Metiers(b)
		technicians, _ := Find(rep, "technicien")
		architects, _ := Find(rep, "architecte")
		benchSets = append(benchSets, &benchSet{
			name: "metiers", g: rep, exact: "Directeur des systèmes d'information", words: "ingénieur", typo: "tecnicien",
			from: Endpoint{Nodes: technicians}, to: architects, level: levelEndpoint(rep, graph.LevelBac2),
		})

		syn := fixture.Synthetic(b, synthetic.Options{Jobs: 10_000, Edges: 100_000, Seed: 1})
		s := &benchSet{name: "synthetic-10k-100k", g: syn, words: "ingénieur données", typo: "ingenieru reseaux", level: levelEndpoint(syn, graph.LevelBac2)}
		// The start: the first job in node order whose reach covers most
		// of the graph; the end: the first of the roles farthest from it.
		for i := range int32(syn.Len()) {
			if syn.Node(i).Kind != graph.KindJob {
				continue
			}
			doc, _ := Reachable(syn, Endpoint{Nodes: []int32{i}}, NoLimit, 0)
			if len(doc.Roles) < syn.Len()/2 {
				continue
			}
			far := doc.Roles[len(doc.Roles)-1].Distance
			for _, r := range doc.Roles {
				if r.Distance == far {
					s.from, s.to = Endpoint{Nodes: []int32{i}}, []int32{r.node}
					break
				}
			}
			break
		}
		s.fromID, s.toID = syn.Node(s.from.Nodes[0]).ID, syn.Node(s.to[0]).ID
		s.exact = syn.Node(s.to[0]).Title
		s.dgFwd = dg.New(func(id graph.JobID) graph.JobID { return id }, dg.Directed())
		s.dgRev = dg.New(func(id graph.JobID) graph.JobID { return id }, dg.Directed())
		for _, j := range syn.Jobs() {
			s.dgFwd.AddVertex(j.ID)
			s.dgRev.AddVertex(j.ID)
		}
		for _, e := range syn.Edges() {
			if e.Type&graph.Moves != 0 {
				s.dgFwd.AddEdge(e.From, e.To)
				s.dgRev.AddEdge(e.To, e.From)
			}
		}
		benchSets = append(benchSets, s)
	})
	if len(benchSets) != 2 {
		b.Fatal("benchmark graphs failed to load")
	}
	return benchSets
}

func BenchmarkResolve(b *testing.B) {
	for _, s := range benchmarkSets(b) {
		for _, q := range []struct{ name, text string }{{"exact", s.exact}, {"words", s.words}, {"typo", s.typo}} {
			b.Run(s.name+"/"+q.name, func(b *testing.B) {
				for b.Loop() {
					if _, err := Resolve(s.g, q.text, 10); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func BenchmarkPath(b *testing.B) {
	for _, s := range benchmarkSets(b) {
		for _, tc := range []struct {
			name string
			opts Options
		}{
			{"k1", Options{K: 1}},
			{"k3", Options{K: 3}},
			{"k1-effort", Options{K: 1, Effort: true}},
			{"k3-effort", Options{K: 3, Effort: true}},
		} {
			b.Run(s.name+"/"+tc.name, func(b *testing.B) {
				for b.Loop() {
					doc, err := Shortest(s.g, s.from, s.to, tc.opts)
					if err != nil || len(doc.Paths) == 0 {
						b.Fatalf("Shortest = %d paths, %v", len(doc.Paths), err)
					}
				}
			})
		}
		b.Run(s.name+"/level-k1", func(b *testing.B) {
			for b.Loop() {
				if _, err := Shortest(s.g, s.level, s.to, Options{K: 1}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkReach runs the reach queries both ways: what a start reaches
// (from a job or a diploma level) and what leads to the end of the path
// queries, at depth 3 and without a limit.
func BenchmarkReach(b *testing.B) {
	for _, s := range benchmarkSets(b) {
		for _, tc := range []struct {
			name  string
			reach func() (Reach, error)
		}{
			{"reachable-depth3", func() (Reach, error) { return Reachable(s.g, s.from, 3, 0) }},
			{"reachable-unbounded", func() (Reach, error) { return Reachable(s.g, s.from, NoLimit, 0) }},
			{"reachable-level-unbounded", func() (Reach, error) { return Reachable(s.g, s.level, NoLimit, 0) }},
			{"feeders-depth3", func() (Reach, error) { return Feeders(s.g, s.to, 3, 0) }},
			{"feeders-unbounded", func() (Reach, error) { return Feeders(s.g, s.to, NoLimit, 0) }},
		} {
			b.Run(s.name+"/"+tc.name, func(b *testing.B) {
				for b.Loop() {
					if _, err := tc.reach(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkIndex builds what path queries precompute once per graph:
// per-node arrays and the order roles are listed in.
func BenchmarkIndex(b *testing.B) {
	for _, g := range []*graph.Graph{benchmarkSets(b)[0].g, fixture.ROME(b)} {
		b.Run(g.Dataset, func(b *testing.B) {
			for b.Loop() {
				if ix := newIndex(g); ix.n != g.Len() {
					b.Fatal("index of the wrong size")
				}
			}
		})
	}
}

// BenchmarkDominikbraun runs the same queries through
// github.com/dominikbraun/graph, on a model built from the same edges.
func BenchmarkDominikbraun(b *testing.B) {
	s := benchmarkSets(b)[1]
	b.Run(s.name+"/ShortestPath", func(b *testing.B) {
		for b.Loop() {
			if _, err := dg.ShortestPath(s.dgFwd, s.fromID, s.toID); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run(s.name+"/BFS-reachable", func(b *testing.B) {
		for b.Loop() {
			n := 0
			if err := dg.BFS(s.dgFwd, s.fromID, func(graph.JobID) bool { n++; return false }); err != nil || n == 0 {
				b.Fatal(err)
			}
		}
	})
	b.Run(s.name+"/BFS-feeders", func(b *testing.B) {
		for b.Loop() {
			n := 0
			if err := dg.BFS(s.dgRev, s.toID, func(graph.JobID) bool { n++; return false }); err != nil || n == 0 {
				b.Fatal(err)
			}
		}
	})
}

// TestBenchmarkEndpoints checks that the benchmarks ask what they claim:
// dominikbraun/graph finds a route as long as ours, and reaches as many
// nodes.
func TestBenchmarkEndpoints(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and loads 100,000 edges")
	}
	s := benchmarkSets(t)[1]
	doc, err := Shortest(s.g, s.from, s.to, Options{K: 1})
	if err != nil || len(doc.Paths) != 1 {
		t.Fatalf("Shortest(%s, %s) = %v, %v", s.fromID, s.toID, doc.Paths, err)
	}
	path, err := dg.ShortestPath(s.dgFwd, s.fromID, s.toID)
	if err != nil || len(path) != len(doc.Paths[0].Steps) || doc.Paths[0].Hops < 3 {
		t.Errorf("dominikbraun ShortestPath = %d nodes, %v; ours %d (want at least 3 hops)", len(path), err, len(doc.Paths[0].Steps))
	}
	reach, _ := Reachable(s.g, s.from, NoLimit, 0)
	n := 0
	dg.BFS(s.dgFwd, s.fromID, func(graph.JobID) bool { n++; return false })
	if n != len(reach.Roles) {
		t.Errorf("dominikbraun BFS reaches %d nodes, Reachable %d", n, len(reach.Roles))
	}
	feeders, _ := Feeders(s.g, s.to, NoLimit, 0)
	n = 0
	dg.BFS(s.dgRev, s.toID, func(graph.JobID) bool { n++; return false })
	if n != len(feeders.Roles) {
		t.Errorf("dominikbraun BFS over reversed edges reaches %d nodes, Feeders %d", n, len(feeders.Roles))
	}
}
