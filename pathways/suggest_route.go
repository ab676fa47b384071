package pathways

import (
	"fmt"
	"strings"

	"github.com/pathways-fr/pathways/graph"
)

// Suggested moves in routes (types=suggestion, issue 13): the searches
// follow them as edges of type graph.Suggestion, of a graph that is g
// with those edges added, built once per graph on first use. The nodes
// are g's, numbered the same, so endpoints found in g hold in it.

// SuggestedMove is what a step or a role reached by a suggested move
// says of it: never an official move.
type SuggestedMove struct {
	Kind      string  `json:"kind"` // always "suggestion"
	Score     float64 `json:"score"`
	Threshold float64 `json:"threshold"`
	Note      string  `json:"note"` // SuggestionNote
}

// suggested is the overlay of one graph: the graph with the suggested
// edges, and the arcs they come from.
type suggested struct {
	g    *graph.Graph
	arcs [][]SuggestedArc
	err  error
}

type suggestedKey struct{}

// withSuggestions returns g with its suggested moves as edges, or an
// *Error with code no_skills when g has no skills attached.
func withSuggestions(g *graph.Graph) (*graph.Graph, error) {
	base, ok := SkillsFor(g)
	if !ok {
		return nil, &Error{Code: CodeNoSkills, Err: ErrBadQuery,
			Message: fmt.Sprintf("le jeu de données « %s » n’a pas de compétences : les suggestions (types=suggestion) demandent rome ou all", g.Dataset)}
	}
	o := g.Memo(suggestedKey{}, func() any { return buildSuggested(g, base.Skills) }).(*suggested)
	return o.g, o.err
}

// buildSuggested copies g and adds an edge of type Suggestion, source
// skills, for each suggested arc.
func buildSuggested(g *graph.Graph, s *graph.Skills) *suggested {
	arcs := SuggestionArcs(g, s)
	b := graph.NewBuilder(g.Dataset)
	b.Title, b.Version, b.Families = g.Title, g.Version, g.Families
	for _, j := range g.Jobs() {
		b.AddJob(j)
	}
	for _, e := range g.Edges() {
		b.Source = e.Source
		for _, ev := range e.Evidence {
			b.AddEdge(e.From, e.To, e.Type, ev)
		}
	}
	b.Source = graph.SourceSkills
	for from, list := range arcs {
		for _, a := range list {
			text := fmt.Sprintf("%s : similarité %s (seuil %s)", SuggestionNote, Decimal(a.Score), Decimal(a.Threshold))
			b.AddEdge(g.Node(int32(from)).ID, g.Node(a.Node).ID, graph.Suggestion, graph.Evidence{Text: text, Match: graph.MatchSkills})
		}
	}
	h, err := b.Build()
	if err != nil {
		return &suggested{err: fmt.Errorf("suggestions of %s: %w", g.Dataset, err)}
	}
	h.Memo(suggestedKey{}, func() any { return &suggested{g: h, arcs: arcs} })
	return &suggested{g: h, arcs: arcs}
}

// suggestedMove returns what the suggested edge e of g (a graph built by
// withSuggestions) says, or nil when e is no suggestion.
func suggestedMove(g *graph.Graph, e int32) *SuggestedMove {
	ed := g.Edge(e)
	if ed.Type != graph.Suggestion {
		return nil
	}
	o, _ := g.Memo(suggestedKey{}, func() any { return &suggested{} }).(*suggested)
	from, _ := g.Index(ed.From)
	to, _ := g.Index(ed.To)
	if o == nil || int(from) >= len(o.arcs) {
		return &SuggestedMove{Kind: "suggestion", Note: SuggestionNote}
	}
	for _, a := range o.arcs[from] {
		if a.Node == to {
			return &SuggestedMove{Kind: "suggestion", Score: a.Score, Threshold: a.Threshold, Note: SuggestionNote}
		}
	}
	return &SuggestedMove{Kind: "suggestion", Note: SuggestionNote}
}

// Decimal writes a score with four decimals, as the documents round it,
// and a French decimal comma.
func Decimal(v float64) string {
	return strings.Replace(fmt.Sprintf("%.4f", v), ".", ",", 1)
}
