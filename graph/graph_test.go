package graph

import (
	"bytes"
	"cmp"
	"errors"
	"flag"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/pathways-fr/pathways/data"
	"github.com/pathways-fr/pathways/internal/synthetic"
	"github.com/pathways-fr/pathways/internal/testtool"
)

var update = flag.Bool("update", false, "update .golden files")

// realGraph is the embedded repertoire, loaded once.
var realGraph = testtool.Once("LoadMetiers(metiers.json)", func() (*Graph, error) {
	return LoadMetiers(bytes.NewReader(data.Metiers()), "metiers.json")
})

// syntheticGraph loads a synthetic repertoire.
func syntheticGraph(t testing.TB, opts synthetic.Options) *Graph {
	t.Helper()
	g, err := LoadMetiers(bytes.NewReader(synthetic.Generate(opts)), "synthetic.json")
	if err != nil {
		t.Fatalf("LoadMetiers(synthetic.Generate(%+v)): %v", opts, err)
	}
	return g
}

// edgeList writes one line per edge, in the order of g.Edges(): from, to,
// type, match and evidence, separated by tabs. An edge with several
// pieces of evidence lists them joined by " | ".
func edgeList(g *Graph) []byte {
	var b bytes.Buffer
	for _, e := range g.Edges() {
		var ms, evs []string
		for _, ev := range e.Evidence {
			ms = append(ms, string(ev.Match))
			evs = append(evs, ev.Text)
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\n", e.From, e.To, e.Type, strings.Join(ms, " | "), strings.Join(evs, " | "))
	}
	return b.Bytes()
}

// TestEdgesGolden pins the whole edge list of the repertoire, so that a
// change to the data or to phrase resolution shows as a diff.
func TestEdgesGolden(t *testing.T) {
	testtool.Golden(t, "edges.golden", edgeList(realGraph(t)), *update)
}

// TestProblemsGolden pins the data-quality report that `pathways validate`
// prints.
func TestProblemsGolden(t *testing.T) {
	g := realGraph(t)
	var b bytes.Buffer
	for _, p := range g.Problems() {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\t%s\n", p.Severity, p.Code, p.Job, p.Field, p.Message, p.Quote)
	}
	testtool.Golden(t, "problems.golden", b.Bytes(), *update)
}

func TestEdgesSortedAndUnique(t *testing.T) {
	g := realGraph(t)
	es := g.Edges()
	for i := 1; i < len(es); i++ {
		a, b := es[i-1], es[i]
		ia, _ := g.Index(a.From)
		ib, _ := g.Index(b.From)
		ta, _ := g.Index(a.To)
		tb, _ := g.Index(b.To)
		if c := cmp.Or(cmp.Compare(ia, ib), cmp.Compare(ta, tb), cmp.Compare(a.Type, b.Type)); c >= 0 {
			t.Errorf("Edges()[%d] = %s→%s %s comes after %s→%s %s", i, b.From, b.To, b.Type, a.From, a.To, a.Type)
		}
	}
	for i, e := range es {
		if e.From == e.To {
			t.Errorf("Edges()[%d] is a self-loop on %s", i, e.From)
		}
		if len(e.Evidence) == 0 {
			t.Errorf("Edges()[%d] %s→%s has no evidence", i, e.From, e.To)
		}
	}
}

// TestAdjacencyMatchesEdges checks the CSR index against the edge list:
// every edge is one forward and one reverse arc, in increasing node order.
func TestAdjacencyMatchesEdges(t *testing.T) {
	for _, tc := range []struct {
		name string
		g    *Graph
	}{
		{"metiers", realGraph(t)},
		{"synthetic", syntheticGraph(t, synthetic.Options{Jobs: 300, Edges: 1500, Families: 7, Seed: 3})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := tc.g
			fwd := make([]int, len(g.Edges()))
			rev := make([]int, len(g.Edges()))
			for i := int32(0); i < int32(g.Len()); i++ {
				id := g.Node(i).ID
				for _, d := range []struct {
					name  string
					arcs  []Arc
					seen  []int
					match func(e *Edge, other JobID) bool // e leaves (Out) or enters (In) i, with other at its far end
				}{
					{"Out", g.Out(i), fwd, func(e *Edge, other JobID) bool { return e.From == id && e.To == other }},
					{"In", g.In(i), rev, func(e *Edge, other JobID) bool { return e.To == id && e.From == other }},
				} {
					for k, a := range d.arcs {
						e := g.Edge(a.Edge)
						if !d.match(e, g.Node(a.Node).ID) || e.Type != a.Type {
							t.Fatalf("%s(%s)[%d] = %+v, but edge %d is %s→%s %s", d.name, id, k, a, a.Edge, e.From, e.To, e.Type)
						}
						if k > 0 && d.arcs[k-1].Node > a.Node {
							t.Errorf("%s(%s) not in node order at %d", d.name, id, k)
						}
						d.seen[a.Edge]++
					}
				}
			}
			for e := range fwd {
				if fwd[e] != 1 || rev[e] != 1 {
					t.Errorf("edge %d (%s→%s) is %d forward and %d reverse arcs, want 1 and 1", e, g.Edges()[e].From, g.Edges()[e].To, fwd[e], rev[e])
				}
			}
		})
	}
}

func TestNodesInIDOrder(t *testing.T) {
	g := realGraph(t)
	jobs := g.Jobs()
	if len(jobs) != g.Len() {
		t.Fatalf("len(Jobs()) = %d, Len() = %d", len(jobs), g.Len())
	}
	for i, j := range jobs {
		if i > 0 && jobs[i-1].ID >= j.ID {
			t.Errorf("Jobs()[%d] = %s after %s: not in increasing ID order", i, j.ID, jobs[i-1].ID)
		}
		if k, ok := g.Index(j.ID); !ok || k != int32(i) || g.Node(k) != j || g.Job(j.ID) != j {
			t.Errorf("Index(%s) = %d, %v; want %d, true", j.ID, k, ok, i)
		}
	}
	if _, ok := g.Index("nope"); ok {
		t.Error(`Index("nope") found a node`)
	}
	if g.Job("nope") != nil {
		t.Error(`Job("nope") != nil`)
	}
}

func TestTitleRank(t *testing.T) {
	g := realGraph(t)
	seen := make([]bool, g.Len())
	order := make([]int32, g.Len())
	for i := range g.Len() {
		r := g.TitleRank(int32(i))
		if r < 0 || int(r) >= g.Len() || seen[r] {
			t.Fatalf("TitleRank(%d) = %d: not a permutation", i, r)
		}
		seen[r] = true
		order[r] = int32(i)
	}
	for r := 1; r < len(order); r++ {
		a, b := g.Node(order[r-1]), g.Node(order[r])
		if c := cmp.Compare(Fold(a.Title), Fold(b.Title)); c > 0 || (c == 0 && a.ID > b.ID) {
			t.Errorf("rank %d %q (%s) before rank %d %q (%s)", r-1, a.Title, a.ID, r, b.Title, b.ID)
		}
	}
	// "Écosystème" sorts with the e's, not after z: accents are folded.
	ia, _ := g.Index("charge-relations-ecosysteme") // Chargé des relations avec l’écosystème
	ib, _ := g.Index("charge-referencement")        // Chargé de référencement
	if g.TitleRank(ib) > g.TitleRank(ia) {
		t.Errorf("TitleRank: %q after %q", g.Node(ib).Title, g.Node(ia).Title)
	}
}

func TestProblemsBySeverity(t *testing.T) {
	g := realGraph(t)
	ps := g.Problems()
	if len(ps) == 0 {
		t.Fatal("Problems() is empty; the repertoire has known defects")
	}
	for i := 1; i < len(ps); i++ {
		if severityRank(ps[i-1].Severity) > severityRank(ps[i].Severity) {
			t.Errorf("Problems()[%d] %s after %s", i, ps[i].Severity, ps[i-1].Severity)
		}
	}
	for _, p := range ps {
		if p.Severity == SeverityError {
			t.Errorf("the embedded repertoire reports an error: %+v", p)
		}
	}
}

func TestFamily(t *testing.T) {
	g := realGraph(t)
	f, ok := g.Family("commerce")
	if !ok || f.Title != "Commerce" || f.Number != 5 {
		t.Errorf(`Family("commerce") = %+v, %v; want Commerce, number 5`, f, ok)
	}
	if _, ok := g.Family("nope"); ok {
		t.Error(`Family("nope") found a family`)
	}
}

func TestBuilder(t *testing.T) {
	job := func(id string) *Job { return &Job{ID: JobID(id), Title: strings.ToUpper(id), Kind: KindJob} }

	t.Run("merges evidence", func(t *testing.T) {
		b := NewBuilder("test")
		for _, id := range []string{"c", "a", "b"} {
			b.AddJob(job(id))
		}
		b.AddEdge("a", "b", Evolution, Evidence{Text: "one", Match: MatchTitle})
		b.AddEdge("a", "b", Evolution, Evidence{Text: "two", Match: MatchSynonym})
		b.AddEdge("a", "b", Close, Evidence{Text: "three", Match: MatchRome})
		b.AddEdge("c", "a", Evolution, Evidence{Text: "four", Match: MatchTitle})
		g, err := b.Build()
		if err != nil {
			t.Fatalf("Build() error %v", err)
		}
		got := string(edgeList(g))
		want := "a\tb\tevolution\ttitle | synonym\tone | two\n" +
			"a\tb\tproche\trome\tthree\n" +
			"c\ta\tevolution\ttitle\tfour\n"
		if got != want {
			t.Errorf("Build() edges =\n%s\nwant\n%s", got, want)
		}
		if !b.Has("a") || b.Has("z") {
			t.Errorf("Has(a), Has(z) = %v, %v; want true, false", b.Has("a"), b.Has("z"))
		}
	})

	t.Run("reports every error", func(t *testing.T) {
		b := NewBuilder("test")
		b.AddJob(job("a"))
		b.AddJob(job("a"))
		b.AddJob(job("b"))
		b.AddEdge("a", "nowhere", Evolution, Evidence{})
		b.AddEdge("elsewhere", "b", Evolution, Evidence{})
		_, err := b.Build()
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("Build() error %v, want it to wrap %v", err, ErrInvalid)
		}
		// One error for the duplicate, one for each edge to nowhere.
		var got []error
		for _, e := range joined(err) {
			for _, want := range []error{ErrDuplicateID, ErrDangling} {
				if errors.Is(e, want) {
					got = append(got, want)
				}
			}
		}
		if want := []error{ErrDuplicateID, ErrDangling, ErrDangling}; !slices.Equal(got, want) {
			t.Errorf("Build() reported %v, want %v", got, want)
		}
	})
}

// joined returns the errors joined below err (errors.Join, or fmt.Errorf
// with several %w), each as wrapped.
func joined(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, joined(e)...)
		}
		return out
	}
	return []error{err}
}

func TestLevelID(t *testing.T) {
	if got := LevelID(LevelBac2); got != "level-bac+2" {
		t.Errorf("LevelID(LevelBac2) = %q, want level-bac+2", got)
	}
}

func TestEdgeTypeString(t *testing.T) {
	for _, tc := range []struct {
		t    EdgeType
		want string
	}{{Evolution, "evolution"}, {Close, "proche"}, {Access, "access"}, {Moves, "mixed"}} {
		if got := tc.t.String(); got != tc.want {
			t.Errorf("EdgeType(%d).String() = %q, want %q", tc.t, got, tc.want)
		}
		if b, _ := tc.t.MarshalText(); string(b) != tc.want {
			t.Errorf("EdgeType(%d).MarshalText() = %q, want %q", tc.t, b, tc.want)
		}
	}
}

func TestNamesOf(t *testing.T) {
	g := realGraph(t)
	j := g.Job("directeur-systemes-information")
	// Card « DIRECTEUR DES SI »: "Synonymes : Directeur de l’organisation et des
	// systèmes d’information ; Chief information officer ; Directeur
	// informatique et télécommunications ; Business information officer."
	want := []string{"Directeur de l’organisation et des systèmes d’information", "Chief information officer",
		"Directeur informatique et télécommunications", "Business information officer"}
	if got := j.NamesOf(NameSynonym); !slices.Equal(got, want) {
		t.Errorf("NamesOf(synonym) = %q, want %q", got, want)
	}
	// "Le directeur des systèmes d’information (DSI)".
	if got := j.NamesOf(NameAcronym); !slices.Equal(got, []string{"DSI"}) {
		t.Errorf("NamesOf(acronym) = %q, want [DSI]", got)
	}
}
