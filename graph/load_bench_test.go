package graph

import (
	"bytes"
	"testing"

	"github.com/pathways-fr/pathways/data"
	"github.com/pathways-fr/pathways/internal/synthetic"
	"github.com/pathways-fr/pathways/internal/testtool"
)

// BenchmarkLoadMetiers measures LoadMetiers from bytes in memory to the
// graph with its index: the "chargement" rows of docs/PERFORMANCE.md.
// The 100k/1M repertoire is the one its target "load of 100k/1M < 3 s"
// names. cpu-ns/op is the processor time of the whole process per load
// (the collector's included), steadier than ns/op on a shared machine.
func BenchmarkLoadMetiers(b *testing.B) {
	for _, bc := range []struct {
		name string
		doc  func() []byte
	}{
		{"metiers", data.Metiers},
		{"synthetic-10k-100k", func() []byte { return synthetic.Generate(synthetic.Options{Jobs: 10_000, Edges: 100_000, Seed: 1}) }},
		{"synthetic-100k-1m", func() []byte { return synthetic.Generate(synthetic.Options{Jobs: 100_000, Edges: 1_000_000, Seed: 1}) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			doc := bc.doc()
			b.SetBytes(int64(len(doc)))
			b.ReportAllocs()
			cpu := testtool.CPUTime(b)
			for b.Loop() {
				if _, err := LoadMetiers(bytes.NewReader(doc), bc.name+".json"); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(testtool.CPUTime(b)-cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}
