package pathways

import (
	"runtime"
	"testing"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/fixture"
	"github.com/pathways-fr/pathways/internal/testtool"
)

// benchPath asks g for the shortest route by steps between two lists of
// IDs, reporting the CPU time per query besides the wall clock.
func benchPath(b *testing.B, g *graph.Graph, from, to []graph.JobID) {
	var ends [2][]int32
	for i, ids := range [][]graph.JobID{from, to} {
		for _, id := range ids {
			n, ok := g.Index(id)
			if !ok {
				b.Fatalf("%s: no node %s", g.Dataset, id)
			}
			ends[i] = append(ends[i], n)
		}
	}
	start := testtool.CPUTime(b)
	for b.Loop() {
		doc, err := Shortest(g, Endpoint{Nodes: ends[0]}, ends[1], Options{K: 1})
		if err != nil || len(doc.Paths) != 1 {
			b.Fatalf("%s: Shortest(%v, %v) = %d routes, %v", g.Dataset, from, to, len(doc.Paths), err)
		}
	}
	b.ReportMetric(float64(testtool.CPUTime(b)-start)/float64(b.N), "cpu-ns/op")
}

// BenchmarkCombinedPathK1 asks dataset all for the shortest route by
// steps: technicien réseaux et cloud to architecte réseaux et cloud
// (through M1876 → M1860), and the cleaning fiche K2204 to M1803, the
// query of BenchmarkROMEPathK1. The target of issue 12 is 20 µs.
func BenchmarkCombinedPathK1(b *testing.B) {
	g := fixture.All(b)
	b.Run("technicien-architecte", func(b *testing.B) {
		benchPath(b, g, []graph.JobID{"technicien-reseaux-cloud"}, []graph.JobID{"architecte-cloud-reseaux"})
	})
	b.Run("K2204-M1803", func(b *testing.B) { benchPath(b, g, []graph.JobID{"K2204"}, []graph.JobID{"M1803"}) })
}

// BenchmarkROME4PathK1 asks ROME 4.0 the same: M1876 → M1860, and K2204 →
// M1803.
func BenchmarkROME4PathK1(b *testing.B) {
	g := fixture.ROME4(b)
	b.Run("M1876-M1860", func(b *testing.B) { benchPath(b, g, []graph.JobID{"M1876"}, []graph.JobID{"M1860"}) })
	b.Run("K2204-M1803", func(b *testing.B) { benchPath(b, g, []graph.JobID{"K2204"}, []graph.JobID{"M1803"}) })
}

// retained returns the heap bytes that what load returns keeps alive.
func retained(load func() any) (any, float64) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	v := load()
	runtime.GC()
	runtime.ReadMemStats(&after)
	return v, float64(after.HeapAlloc) - float64(before.HeapAlloc)
}

// BenchmarkCombine combines the repertoire, ROME 4.0 and the bridge, and
// reports the heap each graph keeps per edge: ROME 4.0 alone, and what
// Combine adds (its nodes are those of its parts, shared).
func BenchmarkCombine(b *testing.B) {
	m, br := fixture.Metiers(b), fixture.Bridge(b)
	rv, romeBytes := retained(func() any {
		r, err := fixture.LoadROME4()
		if err != nil {
			b.Fatal(err)
		}
		return r
	})
	r := rv.(*graph.Graph)
	start := testtool.CPUTime(b)
	for b.Loop() {
		if _, err := graph.Combine(m, r, br); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(testtool.CPUTime(b)-start)/float64(b.N), "cpu-ns/op")
	b.StopTimer()
	av, allBytes := retained(func() any {
		all, _ := graph.Combine(m, r, br)
		return all
	})
	all := av.(*graph.Graph)
	b.ReportMetric(romeBytes/float64(len(r.Edges())), "rome-bytes/edge")
	b.ReportMetric(allBytes/float64(len(all.Edges())), "all-bytes/edge")
	b.ReportMetric(float64(all.Len()), "all-nodes")
	b.ReportMetric(float64(len(all.Edges())), "all-edges")
	runtime.KeepAlive(r)
	runtime.KeepAlive(all)
}

// BenchmarkMetiersPathK1 asks the repertoire for the shortest route by
// steps from technicien réseaux et cloud to architecte logiciel: the
// "parcours (k=1)" row of make bench on metiers, whose bar is 2 µs.
func BenchmarkMetiersPathK1(b *testing.B) {
	benchPath(b, fixture.Metiers(b), []graph.JobID{"technicien-reseaux-cloud"}, []graph.JobID{"architecte-logiciel"})
}
