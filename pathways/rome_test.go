package pathways_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/fixture"
	"github.com/pathways-fr/pathways/pathways"
)

func ids(g *graph.Graph, nodes []int32) []graph.JobID {
	out := make([]graph.JobID, len(nodes))
	for i, n := range nodes {
		out[i] = g.Node(n).ID
	}
	return out
}

func stepIDs(p pathways.Path) []graph.JobID {
	var out []graph.JobID
	for _, s := range p.Steps {
		out = append(out, s.ID)
	}
	return out
}

// The answers below were checked by hand against
// data/rome/unix_rubrique_mobilite_v347_utf8.csv: "mobilité:4039" is its
// line 4039.
func TestROMEPath(t *testing.T) {
	g := fixture.ROME(t)
	from, to := pathways.Ends(t, g, "M1810", "M1803")
	tests := []struct {
		types graph.EdgeType
		k     int
		want  [][]graph.JobID
	}{
		// mobilité:4039 "M1810","M1803","","","2","Evolution": one step.
		// Then the two-step routes, in node order: M1801 through
		// mobilité:1736 (M1810→M1801 Proche) and 4009 (M1801→M1803
		// Evolution); M1802 through 4038 and 4015 (both Evolution).
		{graph.Moves, 3, [][]graph.JobID{{"M1810", "M1803"}, {"M1810", "M1801", "M1803"}, {"M1810", "M1802", "M1803"}}},
		// Evolution only: M1801 is reached by a Proche row, so the second
		// route goes through M1802.
		{graph.Evolution, 2, [][]graph.JobID{{"M1810", "M1803"}, {"M1810", "M1802", "M1803"}}},
		// Proche only: the six rows that end at M1803 (mobilité:4009,
		// 4015, 4022, 4026, 4030, 4039) are all Evolution.
		{graph.Close, 1, nil},
	}
	for _, tt := range tests {
		doc, err := pathways.Shortest(g, from, to, pathways.Options{K: tt.k, Types: tt.types})
		if err != nil {
			t.Fatalf("Shortest(M1810, M1803, %s): %v", tt.types, err)
		}
		var got [][]graph.JobID
		for _, p := range doc.Paths {
			got = append(got, stepIDs(p))
		}
		if !slices.EqualFunc(got, tt.want, slices.Equal) {
			t.Errorf("Shortest(M1810, M1803, types %s, k %d) = %v, want %v", tt.types, tt.k, got, tt.want)
		}
		if len(tt.want) == 0 && doc.Message == "" {
			t.Errorf("Shortest(M1810, M1803, types %s): no route and no message", tt.types)
		}
	}
	doc, _ := pathways.Shortest(g, from, to, pathways.Options{K: 1})
	if len(doc.Paths) == 1 {
		s := doc.Paths[0].Steps[1]
		if s.Type != graph.Evolution || s.Match != graph.MatchRome || !strings.Contains(s.Evidence, "ligne 4039") {
			t.Errorf("Shortest(M1810, M1803) step = %+v, want the Evolution row of line 4039", s)
		}
	}
}

func TestROMEReachable(t *testing.T) {
	g := fixture.ROME(t)
	// appellation:9011 "Secrétaire" belongs to M1607 (Secrétariat).
	from, err := pathways.FindFrom(g, "secrétaire")
	if err != nil || !slices.Equal(ids(g, from.Nodes), []graph.JobID{"M1607"}) {
		t.Fatalf(`FindFrom("secrétaire") = %v, %v; want M1607`, from.Nodes, err)
	}
	// The rows of M1607: mobilité:1675 to D1401 (Proche), 3966-3973 to
	// C1502 (twice), K1902, K2111, M1604, M1605, M1608, M1609 (Evolution).
	tests := []struct {
		types graph.EdgeType
		want  []graph.JobID
	}{
		{graph.Moves, []graph.JobID{"C1502", "D1401", "K1902", "K2111", "M1604", "M1605", "M1608", "M1609"}},
		{graph.Evolution, []graph.JobID{"C1502", "K1902", "K2111", "M1604", "M1605", "M1608", "M1609"}},
		{graph.Close, []graph.JobID{"D1401"}},
	}
	for _, tt := range tests {
		doc, err := pathways.Reachable(g, from, 1, tt.types)
		if err != nil {
			t.Fatalf("Reachable(secrétaire, 1, %s): %v", tt.types, err)
		}
		var got []graph.JobID
		for _, r := range doc.Roles {
			if r.Distance == 1 {
				got = append(got, r.ID)
				if r.Via == nil || *r.Via != "M1607" {
					t.Errorf("Reachable(secrétaire): %s via %v, want via M1607", r.ID, r.Via)
				}
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Reachable(secrétaire, 1, %s) = %v, want %v", tt.types, got, tt.want)
		}
	}
	// At depth 3, the assistant's card (M1604, "Assistant / Assistante de
	// direction") is one step away and more cards open beyond it.
	doc, err := pathways.Reachable(g, from, 3, 0)
	if err != nil {
		t.Fatal(err)
	}
	dist := map[graph.JobID]int{}
	for _, r := range doc.Roles {
		dist[r.ID] = r.Distance
		if r.Distance > 3 {
			t.Errorf("Reachable(secrétaire, 3): %s at distance %d", r.ID, r.Distance)
		}
	}
	if dist["M1604"] != 1 || len(doc.Roles) < 50 {
		t.Errorf("Reachable(secrétaire, 3): M1604 at %d, %d roles", dist["M1604"], len(doc.Roles))
	}
}

func TestROMEFeeders(t *testing.T) {
	g := fixture.ROME(t)
	to, err := pathways.Find(g, "Direction des systèmes d'information")
	if err != nil || !slices.Equal(ids(g, to), []graph.JobID{"M1803"}) {
		t.Fatalf("Find(Direction des systèmes d'information) = %v, %v", to, err)
	}
	tests := []struct {
		types graph.EdgeType
		want  []graph.JobID
	}{
		// mobilité:4009, 4015, 4022, 4026, 4030, 4039.
		{graph.Moves, []graph.JobID{"M1801", "M1802", "M1804", "M1805", "M1806", "M1810"}},
		{graph.Evolution, []graph.JobID{"M1801", "M1802", "M1804", "M1805", "M1806", "M1810"}},
		{graph.Close, nil},
	}
	for _, tt := range tests {
		doc, err := pathways.Feeders(g, to, 1, tt.types)
		if err != nil {
			t.Fatal(err)
		}
		var got []graph.JobID
		for _, r := range doc.Roles {
			if r.Distance == 1 {
				got = append(got, r.ID)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Feeders(M1803, 1, %s) = %v, want %v", tt.types, got, tt.want)
		}
	}
}

func TestROMELevels(t *testing.T) {
	g := fixture.ROME(t)
	entry := map[string][]graph.JobID{}
	for _, l := range pathways.Levels(g).Levels {
		entry[l.ID] = l.EntryJobs
	}
	// M1805 "Bac+2 (BTS, DUT) à Master" (texte:3047); A1101 "CAP/BEP"
	// (texte:1502); J1101 "Diplôme d''Etat de Docteur" (texte:2529).
	for id, want := range map[string]graph.JobID{"bac+2": "M1805", "cap": "A1101", "bac+5": "J1101"} {
		if !slices.Contains(entry[id], want) {
			t.Errorf("Levels: %s does not open %s", id, want)
		}
	}
	// K2204 is "accessible sans diplôme" (texte:2797): no level.
	for id, jobs := range entry {
		if slices.Contains(jobs, "K2204") {
			t.Errorf("Levels: %s opens K2204", id)
		}
	}
	ep, err := pathways.LevelEndpoint(g, "BTS")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := pathways.Reachable(g, ep, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	at0 := map[graph.JobID]bool{}
	for _, r := range doc.Roles {
		if r.Distance == 0 {
			at0[r.ID] = true
		}
	}
	if !at0["M1805"] || !at0["A1101"] || at0["J1101"] {
		t.Errorf("Reachable(BTS): entry M1805 %v, A1101 %v, J1101 %v; want true, true, false", at0["M1805"], at0["A1101"], at0["J1101"])
	}
	// M1803 is open from Bac+2 (texte:3041): the route is the access edge
	// alone, no move.
	to, _ := pathways.Find(g, "M1803")
	paths, err := pathways.Shortest(g, ep, to, pathways.Options{K: 1})
	if err != nil || len(paths.Paths) != 1 || paths.Paths[0].Hops != 0 ||
		!slices.Equal(stepIDs(paths.Paths[0]), []graph.JobID{"level-bac+2", "M1803"}) {
		t.Errorf("Shortest(BTS, M1803) = %+v, %v; want level-bac+2 → M1803", paths.Paths, err)
	}
}

func TestROMEResolve(t *testing.T) {
	g := fixture.ROME(t)
	tests := []struct {
		text string
		want graph.JobID
		how  string
	}{
		{"Développeur web", "M1805", "appellation"},
		{"developpeuse web", "M1805", "appellation"},
		{"M1805", "M1805", "id"},
		{"Études et développement informatique", "M1805", "title"},
		{"Assistante de direction", "M1604", "appellation"},
	}
	for _, tt := range tests {
		r, err := pathways.Resolve(g, tt.text, 5)
		if err != nil || len(r.Matches) == 0 {
			t.Errorf("Resolve(%q) = %v, %v", tt.text, r, err)
			continue
		}
		if m := r.Matches[0]; m.ID != tt.want || m.How != tt.how {
			t.Errorf("Resolve(%q)[0] = %s (%s), want %s (%s)", tt.text, m.ID, m.How, tt.want, tt.how)
		}
	}
	if _, err := pathways.Find(g, "L1510"); !errors.Is(err, pathways.ErrUnknownJob) {
		t.Errorf(`Find("L1510") = %v, want ErrUnknownJob`, err)
	}
	d, err := pathways.Show(g, "M1805")
	if err != nil || d.LevelText != "Bac+2" || d.FamilyTitle != "Systèmes d'information et de télécommunication" || d.AccessText == "" {
		t.Errorf(`Show("M1805") = level %q, family %q, access %q, %v`, d.LevelText, d.FamilyTitle, d.AccessText, err)
	}
}
