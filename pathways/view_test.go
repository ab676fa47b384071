package pathways

import (
	"errors"
	"slices"
	"testing"

	"github.com/pathways-fr/pathways/internal/fixture"
	"github.com/pathways-fr/pathways/internal/synthetic"
)

// TestPathViewEdges checks that a path view draws the edges the routes
// took, each marked with its route, and marks the ends of every route.
func TestPathViewEdges(t *testing.T) {
	g := fixture.Metiers(t)
	doc := shortest(t, g, "technicien", "architecte", Options{K: 3})
	if len(doc.Paths) < 2 {
		t.Fatalf("Shortest(technicien, architecte, k=3) = %d routes, want alternatives", len(doc.Paths))
	}
	v := PathView(g, doc)
	marks := map[int32]Mark{}
	for _, n := range v.Nodes {
		marks[n.Node] = n.Mark
	}
	routes := map[int32]uint32{}
	for _, e := range v.Edges {
		routes[e.Edge] = e.Routes
	}
	for r, p := range doc.Paths {
		for i, e := range p.Edges {
			ge := g.Edge(e.edge)
			if ge.From != e.From || ge.To != e.To || ge.Type != e.Type {
				t.Errorf("route %d, edge %d: index %d is %s→%s, the document says %s→%s", r+1, i, e.edge, ge.From, ge.To, e.From, e.To)
			}
			if routes[e.edge]&(1<<r) == 0 {
				t.Errorf("PathView: edge %s→%s is not drawn as route %d", e.From, e.To, r+1)
			}
		}
		for _, end := range []Step{p.Steps[0], p.Steps[len(p.Steps)-1]} {
			if marks[end.node] != MarkFocus {
				t.Errorf("PathView: end %s of route %d has mark %d, want MarkFocus", end.ID, r+1, marks[end.node])
			}
		}
	}
	if v.Routes != len(doc.Paths) {
		t.Errorf("PathView.Routes = %d, want %d", v.Routes, len(doc.Paths))
	}
}

// TestJobViewEdges checks that a job view draws every edge of the job.
func TestJobViewEdges(t *testing.T) {
	g := fixture.Metiers(t)
	d, err := Show(g, "architecte-logiciel")
	if err != nil {
		t.Fatal(err)
	}
	c, _ := g.Index(d.ID)
	v := JobView(g, d)
	if want := len(g.Out(c)) + len(g.In(c)); len(v.Edges) != want {
		t.Errorf("JobView(%s) = %d edges, want %d", d.ID, len(v.Edges), want)
	}
	for _, e := range v.Edges {
		if ge := g.Edge(e.Edge); ge.From != d.ID && ge.To != d.ID {
			t.Errorf("JobView(%s) draws %s→%s", d.ID, ge.From, ge.To)
		}
	}
}

// TestFindFamily checks that families are found by id, case not minded,
// and that an unknown family is a bad query with its code.
func TestFindFamily(t *testing.T) {
	g := fixture.Synthetic(t, synthetic.Options{Jobs: 60, Edges: 200, Families: 3, Seed: 2})
	fams := Families(g)
	if len(fams) == 0 {
		t.Fatal("Families: none")
	}
	for _, f := range fams {
		for _, text := range []string{f.ID, " " + f.ID + " ", swapCase(f.ID)} {
			if got, err := FindFamily(g, text); err != nil || got.ID != f.ID {
				t.Errorf("FindFamily(%q) = %v, %v; want %s", text, got.ID, err, f.ID)
			}
		}
	}
	for _, call := range []func() error{
		func() error { _, err := FindFamily(g, "nope"); return err },
		func() error { _, err := MapView(g, "nope"); return err },
	} {
		err := call()
		var qe *Error
		if !errors.Is(err, ErrBadQuery) || !errors.As(err, &qe) || qe.Code != CodeUnknownFamily {
			t.Errorf("unknown family: %v, want ErrBadQuery with code %s", err, CodeUnknownFamily)
		}
	}
}

func swapCase(s string) string {
	b := []byte(s)
	for i, c := range b {
		switch {
		case c >= 'a' && c <= 'z':
			b[i] = c - 'a' + 'A'
		case c >= 'A' && c <= 'Z':
			b[i] = c - 'A' + 'a'
		}
	}
	return string(b)
}

// TestPathViewStudyLink checks that the study step of a route from a
// diploma (BTS → data scientist on the repertoire, where no job leads
// there from Bac +2) is drawn as a StudyLink between the two levels, on
// the route that takes it.
func TestPathViewStudyLink(t *testing.T) {
	g := fixture.Metiers(t)
	types, _ := ParseTypes("")
	doc, err := Route(g, "BTS", "data scientist", Options{K: 3, Types: types})
	if err != nil {
		t.Fatal(err)
	}
	v := PathView(g, doc)
	found := false
	for r, p := range doc.Paths {
		for s := 1; s < len(p.Steps); s++ {
			if p.Steps[s].Study == nil {
				continue
			}
			from, to := p.Steps[s-1].node, p.Steps[s].node
			ok := slices.ContainsFunc(v.Studies, func(l StudyLink) bool {
				return l.From == from && l.To == to && l.Routes&(1<<r) != 0
			})
			if !ok {
				t.Errorf("PathView(BTS, data scientist): study step %s → %s of route %d not in Studies %+v", p.Steps[s-1].ID, p.Steps[s].ID, r+1, v.Studies)
			}
			found = true
		}
	}
	if !found {
		t.Fatalf("Shortest(BTS, data scientist) = %+v, want a study step", doc.Paths)
	}
}

// TestPathViewBigDataset checks that on a repertoire above OverviewAbove
// jobs a path view draws the routes alone: every node is on a route.
func TestPathViewBigDataset(t *testing.T) {
	g := fixture.All(t)
	doc := shortest(t, g, "technicien", "architecte cloud", Options{K: 3})
	if len(doc.Paths) == 0 {
		t.Fatal("Shortest(technicien, architecte cloud) on all: no route")
	}
	v := PathView(g, doc)
	for _, n := range v.Nodes {
		if n.Mark == MarkFaded {
			t.Errorf("PathView on all draws neighbour %s", g.Node(n.Node).ID)
		}
	}
	for _, e := range v.Edges {
		if e.Faded {
			t.Errorf("PathView on all draws faded edge %d", e.Edge)
		}
	}
}
