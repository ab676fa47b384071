package pathways

import (
	"github.com/pathways-fr/pathways/internal/fixture"
	"testing"

	"github.com/pathways-fr/pathways/graph"
)

// TestBridgeNeverRaisesLevel checks the level flag on dataset all: a
// bridge step never carries it, and a move carries it exactly when the
// job it reaches, at the lowest level of the nodes bridged to it, asks
// more than the job it leaves, taken the same way (BTS → Data scientist:
// Ingénieur études et développement [bac+2] ≡ M1818 [bac+3] → M1405
// [bac+5] ≡ Data scientist [bac+4] raises from bac+2 to bac+4 on the move).
func TestBridgeNeverRaisesLevel(t *testing.T) {
	g := fixture.All(t)
	from, err := FindFrom(g, "BTS")
	if err != nil {
		t.Fatal(err)
	}
	ds, _ := g.Index("data-scientist")
	doc, err := Shortest(g, from, []int32{ds}, Options{K: 5, Types: graph.Moves})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Paths) == 0 {
		t.Fatal("Shortest(BTS, data-scientist) on all: no route")
	}
	raised := 0
	for i, p := range doc.Paths {
		// The job each step stands at: a step and the steps bridged to
		// it, at the lowest level stated among them.
		run := make([]graph.Level, len(p.Steps))
		for lo := 0; lo < len(p.Steps); {
			hi := lo + 1
			for hi < len(p.Steps) && p.Steps[hi].Type == graph.Bridge {
				hi++
			}
			l := graph.LevelNone
			for _, st := range p.Steps[lo:hi] {
				if m := g.Node(st.node).Level; m != graph.LevelNone && (l == graph.LevelNone || m < l) {
					l = m
				}
			}
			for k := lo; k < hi; k++ {
				run[k] = l
			}
			lo = hi
		}
		last := graph.LevelNone
		for k, st := range p.Steps {
			if k == 0 {
				last = run[0]
				continue
			}
			want := st.Type != graph.Bridge && last != graph.LevelNone && run[k] > last
			if st.RaisesLevel != want {
				t.Errorf("route %d step %d (%s, %s): raises_level %v, want %v", i+1, k, st.ID, st.Type, st.RaisesLevel, want)
			}
			if want {
				raised++
			}
			if run[k] != graph.LevelNone {
				last = run[k]
			}
		}
	}
	if raised == 0 {
		t.Error("Shortest(BTS, data-scientist): no step raises the level")
	}
}
