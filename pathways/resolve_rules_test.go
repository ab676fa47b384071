package pathways

import (
	"slices"
	"testing"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/fixture"
)

// datasets are the embedded datasets the resolution rules are checked
// on, each with its name in datasetOrder. A new dataset is one line.
var datasets = []struct {
	name string
	load func(testing.TB) *graph.Graph
}{
	{"metiers", fixture.Metiers},
	{"rome-v3", fixture.ROME},
}

// exactRanks returns, for every key, the nodes that hold a name with
// that key and the strongest rank they hold it at: ID 4, title 3,
// synonym, acronym or appellation 2, rare 1, alias 0. It reads the jobs,
// not the name index: an oracle for the rule that a name given whole
// pins the nodes that hold it best.
func exactRanks(g *graph.Graph) map[string]map[int32]int {
	out := map[string]map[int32]int{}
	add := func(key string, n int32, rank int) {
		if key == "" {
			return
		}
		if out[key] == nil {
			out[key] = map[int32]int{}
		}
		if r, ok := out[key][n]; !ok || rank > r {
			out[key][n] = rank
		}
	}
	for i, j := range g.Jobs() {
		if j.Kind == graph.KindLevel {
			continue
		}
		add(graph.Key(string(j.ID)), int32(i), 4)
		add(graph.Key(j.Title), int32(i), 3)
		for _, n := range j.Names {
			rank := 2
			switch {
			case n.Kind == graph.NameAlias:
				rank = 0
			case n.Rare:
				rank = 1
			}
			add(graph.Key(n.Text), int32(i), rank)
		}
	}
	return out
}

// pinned returns the nodes a name given whole should stand for: of the
// holders of its key, the jobs if any, and of those the strongest rank.
func pinned(g *graph.Graph, holders map[int32]int) []int32 {
	best, bestKind := -1, 9
	for n, r := range holders {
		k := kindRank(g.Node(n).Kind)
		if k < bestKind || k == bestKind && r > best {
			best, bestKind = r, k
		}
	}
	var out []int32
	for n, r := range holders {
		if r == best && kindRank(g.Node(n).Kind) == bestKind {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// TestExactNamePins checks, on every dataset, that the ID, the title and
// every other name of every node stand for the nodes that hold that name
// best, and only them: a looser match never joins. A name held as well
// by several nodes is ambiguous.
func TestExactNamePins(t *testing.T) {
	for _, ds := range datasets {
		t.Run(ds.name, func(t *testing.T) {
			g := ds.load(t)
			ranks := exactRanks(g)
			nIDs, shared := 0, 0
			for i, j := range g.Jobs() {
				if j.Kind == graph.KindLevel {
					continue
				}
				nIDs++
				ep, err := FindTo(g, string(j.ID))
				if err != nil || !slices.Equal(ep.Nodes, []int32{int32(i)}) || ep.Ambiguities != nil {
					t.Errorf("FindTo(%q) = %v %+v, %v; want the node alone", j.ID, ep.Nodes, ep.Ambiguities, err)
				}
				texts := []string{j.Title}
				for _, n := range j.Names {
					texts = append(texts, n.Text)
				}
				for _, text := range texts {
					want := pinned(g, ranks[graph.Key(text)])
					ep, err := FindTo(g, text)
					if err != nil || !slices.Equal(ep.Nodes, want) || (len(want) > 1) != (ep.Ambiguities != nil) {
						t.Errorf("FindTo(%q) = %v, ambiguities %+v, %v; want %v", text, ids(g, ep.Nodes), ep.Ambiguities, err, ids(g, want))
					}
					if len(want) > 1 {
						shared++
					}
				}
			}
			t.Logf("%s: %d IDs, %d names held as well by several nodes", ds.name, nIDs, shared)
		})
	}
}

// TestIDPinsItsJob is the case of issue 11: the ID ingenieur-commercial
// also reads "Ingénieur commercial", a synonym of INGÉNIEUR D’AFFAIRES.
func TestIDPinsItsJob(t *testing.T) {
	g := fixture.Metiers(t)
	for _, text := range []string{"ingenieur-commercial", "Ingénieur commercial"} {
		res, err := Resolve(g, text, 10)
		if err != nil || res.Ambiguous || len(res.Candidates) != 1 || res.Candidates[0].ID != "ingenieur-commercial" {
			t.Errorf("Resolve(%q) = %+v, %v; want ingenieur-commercial alone", text, res.Candidates, err)
		}
		// The synonym is still listed, as a lesser match.
		if len(res.Matches) < 2 || res.Matches[1].ID != "ingenieur-affaires" || res.Matches[1].How != "synonym" {
			t.Errorf("Resolve(%q) matches %+v, want ingenieur-affaires by synonym second", text, res.Matches)
		}
	}
	from, _ := FindFrom(g, "ingenieur-commercial")
	to, _ := FindTo(g, "ingenieur-affaires")
	doc, err := Shortest(g, from, to.Nodes, Options{K: 1})
	if err != nil || len(doc.Paths) == 1 && doc.Paths[0].Hops == 0 {
		t.Errorf("Shortest(ingenieur-commercial, ingenieur-affaires) = %+v, %v: a route of 0 steps", doc.Paths, err)
	}
}

// TestAmbiguity checks on the real data which texts are ambiguous, and
// the candidates they offer: the first one listed comes first.
func TestAmbiguity(t *testing.T) {
	for _, tc := range []struct {
		dataset, text string
		want          []graph.JobID // candidates, the first first; one: not ambiguous
		not           []graph.JobID // matches that are not candidates
	}{
		// Two titles start with "Technicien"; it is more of the shorter
		// one.
		{"metiers", "technicien", []graph.JobID{"technicien-reseaux-cloud", "technicien-maintenance-support"}, nil},
		// Three titles; DIRECTEUR ARTISTIQUE only by its synonyms.
		{"metiers", "developpeur", []graph.JobID{"developpeur-multimedia", "developpeur-web", "developpeur-web-mobile"}, []graph.JobID{"directeur-artistique"}},
		{"metiers", "Développeur web", []graph.JobID{"developpeur-web"}, []graph.JobID{"developpeur-web-mobile"}},
		{"metiers", "DSI", []graph.JobID{"directeur-systemes-information"}, nil},
		// A synonym both cards print.
		{"metiers", "Développeur mobile", []graph.JobID{"developpeur-web-mobile", "directeur-artistique"}, nil},
		// Appellations of M1805 (12 hold the word), K1802 ("Développeur
		// économique", "Développeur culturel"), E1203 and E1202 (photo
		// and film developers): before C1503 « Management de projet
		// immobilier », where one appellation holds it ("Développeur
		// attaché foncier").
		{"rome-v3", "developpeur", []graph.JobID{"M1805", "K1802", "E1203", "E1202"}, []graph.JobID{"C1503", "C1101", "H1206", "H1209"}},
		// "Ingénieur travaux" (F1106) and "Ingénieur / Ingénieure de
		// travaux" (F1201) have one key.
		{"rome-v3", "ingénieur travaux", []graph.JobID{"F1201", "F1106"}, nil},
		{"rome-v3", "secrétaire", []graph.JobID{"M1607"}, []graph.JobID{"M1604"}},
		{"rome-v3", "M1805", []graph.JobID{"M1805"}, nil},
	} {
		g := datasetGraph(t, tc.dataset)
		res, err := Resolve(g, tc.text, 50)
		if err != nil {
			t.Fatalf("Resolve(%q): %v", tc.text, err)
		}
		var got []graph.JobID
		for _, c := range res.Candidates {
			got = append(got, c.ID)
			if c.Dataset != tc.dataset || c.Title == "" || c.Family == "" {
				t.Errorf("%s: Resolve(%q) candidate %+v lacks its dataset, title or family", tc.dataset, tc.text, c)
			}
		}
		want := slices.Sorted(slices.Values(tc.want))
		if len(got) == 0 || got[0] != tc.want[0] || !slices.Equal(slices.Sorted(slices.Values(got)), want) || res.Ambiguous != (len(tc.want) > 1) {
			t.Errorf("%s: Resolve(%q) = ambiguous %t, candidates %v; want %v, the first first", tc.dataset, tc.text, res.Ambiguous, got, tc.want)
		}
		for _, id := range tc.not {
			i := slices.IndexFunc(res.Matches, func(m Match) bool { return m.ID == id })
			if i < len(res.Candidates) {
				t.Errorf("%s: Resolve(%q) lists %s at %d, want it a match after the candidates", tc.dataset, tc.text, id, i)
			}
		}
		ep, err := FindTo(g, tc.text)
		if got := ids(g, ep.Nodes); err != nil || !slices.Equal(slices.Sorted(slices.Values(got)), want) {
			t.Errorf("%s: FindTo(%q) = %v, %v; want the candidates %v", tc.dataset, tc.text, got, err, want)
		}
	}
}

func datasetGraph(t *testing.T, name string) *graph.Graph {
	t.Helper()
	for _, ds := range datasets {
		if ds.name == name {
			return ds.load(t)
		}
	}
	t.Fatalf("no dataset %q", name)
	return nil
}

// TestAmbiguityInDocuments checks that path, reachable and feeders say
// which texts were ambiguous, with their candidates.
func TestAmbiguityInDocuments(t *testing.T) {
	g := fixture.Metiers(t)
	from, err := FindFrom(g, "technicien")
	if err != nil || len(from.Ambiguities) != 1 || from.Ambiguities[0].Param != "from" || from.Ambiguities[0].Text != "technicien" ||
		len(from.Ambiguities[0].Candidates) != 2 {
		t.Fatalf("FindFrom(technicien) = %+v, %v; want one ambiguity of the start with 2 candidates", from.Ambiguities, err)
	}
	to, err := FindTo(g, "architecte")
	if err != nil || len(to.Ambiguities) != 1 || to.Ambiguities[0].Param != "to" || len(to.Ambiguities[0].Candidates) != 2 {
		t.Fatalf("FindTo(architecte) = %+v, %v; want one ambiguity of the target with 2 candidates", to.Ambiguities, err)
	}
	doc, err := Shortest(g, from, to.Nodes, Options{K: 1})
	if err != nil || !slices.EqualFunc(doc.Ambiguities, from.Ambiguities, sameAmbiguity) {
		t.Errorf("Shortest(technicien, …).Ambiguities = %+v, %v; want the start's", doc.Ambiguities, err)
	}
	reach, err := Reachable(g, from, 1, 0)
	if err != nil || !slices.EqualFunc(reach.Ambiguities, from.Ambiguities, sameAmbiguity) {
		t.Errorf("Reachable(technicien).Ambiguities = %+v, %v; want the start's", reach.Ambiguities, err)
	}
	for _, text := range []string{"BTS", "DSI", "Architecte logiciel"} {
		if ep, err := FindFrom(g, text); err != nil || ep.Ambiguities != nil {
			t.Errorf("FindFrom(%q).Ambiguities = %+v, %v; want none", text, ep.Ambiguities, err)
		}
	}
}

func sameAmbiguity(a, b Ambiguity) bool {
	return a.Param == b.Param && a.Text == b.Text &&
		slices.EqualFunc(a.Candidates, b.Candidates, func(x, y Match) bool { return x.ID == y.ID })
}

// rankingGraph is a graph joining two datasets, as a combined dataset
// does: métiers and ROME fiches, some with rare appellations.
func rankingGraph(t *testing.T) *graph.Graph {
	t.Helper()
	b := graph.NewBuilder("all")
	for _, j := range []*graph.Job{
		{ID: "data-scientist", Title: "Data scientist", Kind: graph.KindJob, Family: "ia", Dataset: "metiers"},
		{ID: "M1405", Title: "Data scientist", Kind: graph.KindJob, Family: "M14", Dataset: "rome",
			Names: []graph.Name{{Text: "Scientifique des données", Kind: graph.NameAppellation}}},
		{ID: "M1860", Title: "Architecte cloud", Kind: graph.KindJob, Family: "M18", Dataset: "rome"},
		{ID: "M1801", Title: "Administration de systèmes", Kind: graph.KindJob, Family: "M18", Dataset: "rome",
			Names: []graph.Name{{Text: "Architecte cloud", Kind: graph.NameAppellation, Rare: true},
				{Text: "Intégrateur d'exploitation", Kind: graph.NameAppellation, Rare: true}}},
		{ID: "M1802", Title: "Expertise en systèmes", Kind: graph.KindJob, Family: "M18", Dataset: "rome",
			Names: []graph.Name{{Text: "Intégrateur logiciel", Kind: graph.NameAppellation}}},
		{ID: "M1810", Title: "Production", Kind: graph.KindJob, Family: "M18", Dataset: "rome",
			Names: []graph.Name{{Text: "Intégrateur réseaux", Kind: graph.NameAppellation},
				{Text: "Intégrateur / Intégratrice systèmes", Kind: graph.NameAppellation},
				{Text: "Intégrateur systèmes", Kind: graph.NameAppellation}}},
	} {
		b.AddJob(j)
	}
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// TestRankingRules checks the order of matches across datasets and
// names: a métier before a ROME fiche of the same name, a name given
// whole before a rare one, appellations of a fiche about the words
// before a minor one, and a minor one before a rare one.
func TestRankingRules(t *testing.T) {
	g := rankingGraph(t)
	for _, tc := range []struct {
		text       string
		matches    []graph.JobID // best first
		candidates int
	}{
		// The same title in both datasets: the métier pins.
		{"data scientist", []graph.JobID{"data-scientist", "M1405"}, 1},
		// The same words in both titles: the métier first, and meant
		// alone (its fiche is one bridge away).
		{"data", []graph.JobID{"data-scientist", "M1405"}, 1},
		// A title before a rare appellation of another fiche.
		{"architecte cloud", []graph.JobID{"M1860", "M1801"}, 1},
		// Two appellations of M1810 (another form of one of them not
		// counted), one of M1802, and rare ones of M1801.
		{"intégrateur", []graph.JobID{"M1810", "M1802", "M1801"}, 1},
		{"scientifique", []graph.JobID{"M1405"}, 1},
	} {
		res, err := Resolve(g, tc.text, 10)
		if err != nil {
			t.Fatalf("Resolve(%q): %v", tc.text, err)
		}
		var got []graph.JobID
		for _, m := range res.Matches {
			got = append(got, m.ID)
		}
		if !slices.Equal(got, tc.matches) || len(res.Candidates) != tc.candidates || res.Ambiguous != (tc.candidates > 1) {
			t.Errorf("Resolve(%q) = %v, %d candidates (ambiguous %t); want %v, %d", tc.text, got, len(res.Candidates), res.Ambiguous, tc.matches, tc.candidates)
		}
		if len(res.Matches) > 0 && res.Matches[0].Dataset != g.Job(tc.matches[0]).Dataset {
			t.Errorf("Resolve(%q)[0].Dataset = %q, want the node's", tc.text, res.Matches[0].Dataset)
		}
	}
	// The place of M1810 counts two appellations, not three: the
	// masculine "Intégrateur systèmes" is a form of "Intégrateur /
	// Intégratrice systèmes".
	res, _ := Resolve(g, "intégrateur", 10)
	if m := res.Matches[0]; m.place != placeName || res.Matches[1].place != placeMinor || res.Matches[2].place != placeRare {
		t.Errorf("Resolve(intégrateur) places %d %d %d, want name, minor, rare", m.place, res.Matches[1].place, res.Matches[2].place)
	}
}
