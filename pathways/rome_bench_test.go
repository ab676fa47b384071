package pathways_test

import (
	"runtime"
	"testing"

	"github.com/pathways-fr/pathways/data"
	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/fixture"
	"github.com/pathways-fr/pathways/pathways"
)

// BenchmarkROMELoad loads the embedded ROME release: parsing the four CSV
// files, reading the levels, building and indexing the graph. It reports
// the heap the loaded graph keeps, besides what loading allocates.
func BenchmarkROMELoad(b *testing.B) {
	var g *graph.Graph
	for b.Loop() {
		var err error
		if g, err = graph.LoadROME(data.ROME()); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	var before, after runtime.MemStats
	g = nil
	runtime.GC()
	runtime.ReadMemStats(&before)
	g, _ = graph.LoadROME(data.ROME())
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(g)
	b.ReportMetric(float64(after.HeapAlloc)-float64(before.HeapAlloc), "graph-bytes")
	b.ReportMetric(float64(g.Len()), "nodes")
	b.ReportMetric(float64(len(g.Edges())), "edges")
}

// BenchmarkROMEPath asks for the 3 shortest routes from the cleaning
// card (K2204) to the head of information systems (M1803).
func BenchmarkROMEPath(b *testing.B) {
	g := fixture.ROME(b)
	from, to := pathways.Ends(b, g, "K2204", "M1803")
	for b.Loop() {
		doc, err := pathways.Shortest(g, from, to, pathways.Options{K: 3})
		if err != nil || len(doc.Paths) == 0 {
			b.Fatalf("Shortest(K2204, M1803) = %d routes, %v", len(doc.Paths), err)
		}
	}
}

// BenchmarkROMEPathK1 asks for the shortest route by steps from the
// cleaning card (K2204) to the head of information systems (M1803): the
// "parcours (k=1)" row of docs/PERFORMANCE.md, whose bar is 20 µs.
func BenchmarkROMEPathK1(b *testing.B) {
	g := fixture.ROME(b)
	from, to := pathways.Ends(b, g, "K2204", "M1803")
	for b.Loop() {
		doc, err := pathways.Shortest(g, from, to, pathways.Options{K: 1})
		if err != nil || len(doc.Paths) != 1 {
			b.Fatalf("Shortest(K2204, M1803) = %d routes, %v", len(doc.Paths), err)
		}
	}
}

// BenchmarkROMEReach lists every card reachable from "secrétaire", and
// every card that leads to M1803, without a depth limit.
func BenchmarkROMEReach(b *testing.B) {
	g := fixture.ROME(b)
	from, to := pathways.Ends(b, g, "secrétaire", "M1803")
	for _, tc := range []struct {
		name  string
		reach func() (pathways.Reach, error)
	}{
		{"reachable", func() (pathways.Reach, error) { return pathways.Reachable(g, from, pathways.NoLimit, 0) }},
		{"feeders", func() (pathways.Reach, error) { return pathways.Feeders(g, to, pathways.NoLimit, 0) }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := tc.reach(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkROMEResolve resolves texts on ROME: two letters (many
// appellation holds a word starting with it), a word that many fiches
// hold, and an appellation given whole.
func BenchmarkROMEResolve(b *testing.B) {
	g := fixture.ROME(b)
	for _, q := range []struct{ name, text string }{{"letters", "ma"}, {"word", "technicien"}, {"exact", "Développeur web"}} {
		b.Run(q.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := pathways.Resolve(g, q.text, 10); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
