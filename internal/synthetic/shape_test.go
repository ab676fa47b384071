package synthetic_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/synthetic"
)

// synthDoc is the part of the dataset format Synthetic writes, decoded
// independently of the loader.
type synthDoc struct {
	Families []struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	} `json:"families"`
	Jobs []struct {
		ID        string   `json:"id"`
		Title     string   `json:"title"`
		Family    string   `json:"family"`
		LevelText string   `json:"level_text"`
		Synonyms  []string `json:"synonyms"`
	} `json:"jobs"`
	Edges []struct {
		From, To, Type, Evidence string
	} `json:"edges"`
}

func decodeSynth(t *testing.T, b []byte) synthDoc {
	t.Helper()
	var d synthDoc
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatalf("Synthetic output is not JSON: %v", err)
	}
	return d
}

func TestSyntheticShape(t *testing.T) {
	const n, m, f = 2000, 12000, 9
	b := synthetic.Generate(synthetic.Options{Jobs: n, Edges: m, Families: f, Seed: 1})
	d := decodeSynth(t, b)
	if len(d.Jobs) != n || len(d.Edges) != m || len(d.Families) != f {
		t.Fatalf("Synthetic wrote %d jobs, %d edges, %d families; want %d, %d, %d", len(d.Jobs), len(d.Edges), len(d.Families), n, m, f)
	}

	family := map[string]string{}
	titleKeys := map[string]string{}
	perFamily := map[string]int{}
	for _, j := range d.Jobs {
		family[j.ID] = j.Family
		perFamily[j.Family]++
		for _, name := range append([]string{j.Title}, j.Synonyms...) {
			k := graph.Key(name)
			if other, dup := titleKeys[k]; dup {
				t.Errorf("name %q of %s has the same key as a name of %s", name, j.ID, other)
			}
			titleKeys[k] = j.ID
		}
		if strings.TrimSpace(j.Title) == "" {
			t.Errorf("job %s has no title", j.ID)
		}
	}
	for _, fam := range d.Families {
		if perFamily[fam.ID] == 0 {
			t.Errorf("family %s has no job", fam.ID)
		}
	}

	g, err := graph.LoadMetiers(bytes.NewReader(b), "synthetic.json")
	if err != nil {
		t.Fatalf("graph.LoadMetiers(Synthetic): %v", err)
	}
	var jobs int
	levels := map[graph.Level]int{}
	for _, j := range g.Jobs() {
		if j.Kind == graph.KindJob {
			jobs++
			levels[j.Level]++
		}
	}
	if jobs != n {
		t.Errorf("loaded %d jobs, want %d", jobs, n)
	}
	// Levels as in the repertoire: Bac +2 first, then Bac +5.
	for _, l := range []graph.Level{graph.LevelNone, graph.LevelCAP, graph.LevelBac, graph.LevelBac3, graph.LevelBac4} {
		if levels[l] >= levels[graph.LevelBac5] || levels[graph.LevelBac5] >= levels[graph.LevelBac2] {
			t.Errorf("levels %v: want bac+2 > bac+5 > every other level", levels)
			break
		}
	}

	pairs := map[[2]string]bool{}
	outdeg, indeg := map[string]int{}, map[string]int{}
	var within, upward, evolution, proche int
	lvl := func(id string) graph.Level { return g.Job(graph.JobID(id)).Level }
	for _, e := range d.Edges {
		switch {
		case e.From == e.To:
			t.Errorf("self-loop on %s", e.From)
		case pairs[[2]string{e.From, e.To}]:
			t.Errorf("two edges %s → %s", e.From, e.To)
		}
		pairs[[2]string{e.From, e.To}] = true
		outdeg[e.From]++
		indeg[e.To]++
		if family[e.From] == family[e.To] {
			within++
		}
		if lvl(e.From) == graph.LevelNone || lvl(e.To) >= lvl(e.From) {
			upward++
		}
		switch e.Type {
		case "evolution":
			evolution++
		case "proche":
			proche++
		default:
			t.Errorf("edge %s → %s has type %q", e.From, e.To, e.Type)
		}
	}
	moves := 0
	for _, e := range g.Edges() {
		if e.Type != graph.Access {
			moves++
		}
	}
	if moves != m {
		t.Errorf("loaded %d evolution and proche edges, want %d", moves, m)
	}
	if within*10 < m*6 {
		t.Errorf("%d of %d edges within a family, want most", within, m)
	}
	if upward*10 < m*7 {
		t.Errorf("%d of %d edges keep or raise the level, want most", upward, m)
	}
	if proche == 0 || evolution <= proche {
		t.Errorf("%d evolutions, %d proche: want both, evolutions first", evolution, proche)
	}
	// Skewed degrees: the busiest job has many times the mean, and some
	// jobs lead nowhere.
	mean := m / n
	maxOut, maxIn := 0, 0
	for _, v := range outdeg {
		maxOut = max(maxOut, v)
	}
	for _, v := range indeg {
		maxIn = max(maxIn, v)
	}
	if maxOut < 5*mean {
		t.Errorf("max out-degree %d, mean %d: not skewed", maxOut, mean)
	}
	if maxIn < 20*mean {
		t.Errorf("max in-degree %d, mean %d: no hub", maxIn, mean)
	}
	if len(outdeg) == n {
		t.Error("every job has an edge out; want a few sinks")
	}
	for _, p := range g.Problems() {
		if p.Severity != graph.SeverityInfo {
			t.Errorf("Synthetic data has a problem: %+v", p)
			break
		}
	}
}

// TestSyntheticLimits checks what Generate writes when asked for more
// edges or families than its jobs allow, and that every repertoire it
// writes loads, with ids that are the Slug of their titles, as the ids
// of a repertoire are.
func TestSyntheticLimits(t *testing.T) {
	for _, tc := range []struct {
		opts              synthetic.Options
		jobs, edges, fams int
	}{
		{synthetic.Options{Jobs: 5, Edges: 100}, 5, 20, 5}, // at most 5×4 edges, 5 families of one job
		{synthetic.Options{Jobs: 5, Edges: 20, Families: 2}, 5, 20, 2},
		{synthetic.Options{Jobs: 1, Edges: 3}, 1, 0, 1},
		{synthetic.Options{Jobs: 0}, 1, 0, 1},
		{synthetic.Options{Jobs: 30, Edges: 0, Families: 40}, 30, 0, 30},
		{synthetic.Options{Jobs: 50, Edges: 50 * 49, Seed: 7}, 50, 50 * 49, 9}, // complete graph
		{synthetic.Options{Jobs: 3000, Edges: 9000, Seed: 11}, 3000, 9000, 9},
	} {
		b := synthetic.Generate(tc.opts)
		d := decodeSynth(t, b)
		if len(d.Jobs) != tc.jobs || len(d.Edges) != tc.edges || len(d.Families) != tc.fams {
			t.Errorf("Generate(%+v) wrote %d jobs, %d edges, %d families; want %d, %d, %d",
				tc.opts, len(d.Jobs), len(d.Edges), len(d.Families), tc.jobs, tc.edges, tc.fams)
		}
		g, err := graph.LoadMetiers(bytes.NewReader(b), "synthetic.json")
		if err != nil {
			t.Fatalf("LoadMetiers(synthetic.Generate(%+v)): %v", tc.opts, err)
		}
		for _, j := range g.Jobs() {
			if j.Kind == graph.KindJob && string(j.ID) != graph.Slug(j.Title) {
				t.Errorf("synthetic.Generate(%+v): job %q has title %q, whose Slug is %q", tc.opts, j.ID, j.Title, graph.Slug(j.Title))
			}
		}
	}
}
