package pathways

import (
	"github.com/pathways-fr/pathways/internal/fixture"
	"testing"

	"github.com/pathways-fr/pathways/data"
	"github.com/pathways-fr/pathways/graph"
)

// BenchmarkSuggestionGraph builds the graph a route search with
// types=suggestion runs on, once per graph on first use: dataset all with
// its suggested moves as edges (SuggestionArcs already built), and then a
// route on it.
func BenchmarkSuggestionGraph(b *testing.B) {
	g := fixture.All(b)
	s, err := graph.LoadSkills(data.ROME4(), g)
	if err != nil {
		b.Fatal(err)
	}
	SuggestionArcs(g, s)
	b.Run("build", func(b *testing.B) {
		for b.Loop() {
			if o := buildSuggested(g, s); o.err != nil {
				b.Fatal(o.err)
			}
		}
	})
	AttachSkills(g, s, nil)
	h, err := withSuggestions(g)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("path-K2204-M1803", func(b *testing.B) {
		benchPath(b, h, []graph.JobID{"K2204"}, []graph.JobID{"M1803"})
	})
}
