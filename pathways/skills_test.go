package pathways_test

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/pathways-fr/pathways/data"
	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/fixture"
	"github.com/pathways-fr/pathways/internal/testtool"
	"github.com/pathways-fr/pathways/pathways"
)

// csvOracle is the skills of every fiche read straight from the CSV rows
// with encoding/csv: fiche → item code → coeur_metier, and the codes of
// the items that are skills (in the competence or savoir file).
type csvOracle struct {
	rows   map[string]map[string]string
	skills map[string]bool
}

var oracleOnce sync.Once
var oracle csvOracle

func readCSV(t testing.TB, glob string) [][]string {
	t.Helper()
	names, _ := fs.Glob(data.ROME4(), glob)
	if len(names) != 1 {
		t.Fatalf("glob %s: %v", glob, names)
	}
	b, err := fs.ReadFile(data.ROME4(), names[0])
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs[1:]
}

func csvSkills(t testing.TB) csvOracle {
	oracleOnce.Do(func() {
		oracle = csvOracle{rows: map[string]map[string]string{}, skills: map[string]bool{}}
		for _, r := range readCSV(t, "*coherence_item*.csv") {
			if oracle.rows[r[0]] == nil {
				oracle.rows[r[0]] = map[string]string{}
			}
			oracle.rows[r[0]][r[1]] = r[2]
		}
		for _, r := range readCSV(t, "*referentiel_competence*.csv") {
			oracle.skills[r[0]] = true
		}
		for _, r := range readCSV(t, "*referentiel_savoir*.csv") {
			oracle.skills[r[0]] = true
		}
	})
	return oracle
}

// skillCodes returns the skill codes (work contexts left out) of fiches.
func (o csvOracle) skillCodes(fiches ...string) map[string]bool {
	out := map[string]bool{}
	for _, f := range fiches {
		for c := range o.rows[f] {
			if o.skills[c] {
				out[c] = true
			}
		}
	}
	return out
}

func codes(docs []pathways.SkillDoc) map[string]bool {
	out := map[string]bool{}
	for _, d := range docs {
		out[d.Code] = true
	}
	return out
}

func sameSet(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

func TestSkillsOfM1860(t *testing.T) {
	g, s := fixture.ROME4(t), fixture.Skills(t)
	d, err := pathways.SkillsOf(g, s, nil, "M1860")
	if err != nil {
		t.Fatal(err)
	}
	want := csvSkills(t).rows["M1860"]
	got := map[string]string{}
	core := map[graph.Core]string{graph.CorePrincipal: "Principale", graph.CoreEmerging: "Émergente"}
	var kinds []graph.SkillKind
	for _, gr := range d.Groups {
		kinds = append(kinds, gr.Kind)
		for i, sk := range gr.Skills {
			if sk.Kind != gr.Kind || sk.Category != gr.Category {
				t.Errorf("skill %s (%s, %s) in group %s / %s", sk.Code, sk.Kind, sk.Category, gr.Kind, gr.Category)
			}
			if i > 0 && sk.Core != graph.CoreNone && gr.Skills[i-1].Core == graph.CoreNone {
				t.Errorf("group %s / %s: core skill %s after an ordinary one", gr.Kind, gr.Category, sk.Code)
			}
			if i > 0 && sk.Core == gr.Skills[i-1].Core && sk.Label < gr.Skills[i-1].Label {
				t.Errorf("group %s / %s: « %s » after « %s »", gr.Kind, gr.Category, sk.Label, gr.Skills[i-1].Label)
			}
			got[sk.Code] = core[sk.Core]
		}
	}
	for _, c := range d.Contexts {
		got[c.Code] = core[c.Core]
	}
	if len(got) != len(want) {
		t.Errorf("SkillsOf(M1860) lists %d items, the CSV %d", len(got), len(want))
	}
	for c, w := range want {
		if g, ok := got[c]; !ok || g != w {
			t.Errorf("SkillsOf(M1860) item %s: %q (listed %v), want %q", c, g, ok, w)
		}
	}
	if !slices.IsSortedFunc(kinds, func(a, b graph.SkillKind) int { return order(a) - order(b) }) {
		t.Errorf("kinds in order %v, want savoir-faire, savoir-être, savoir", kinds)
	}
	if d.Counts.Principal != 10 || d.Counts.Emerging != 1 {
		t.Errorf("Counts = %+v, want 10 principale and 1 émergente (CSV)", d.Counts)
	}
}

func order(k graph.SkillKind) int {
	return slices.Index([]graph.SkillKind{graph.KindKnowHow, graph.KindSoftSkill, graph.KindKnowledge}, k)
}

// bridge reads the métier → fiches links of data/bridge-rome4.json.
func bridge(t testing.TB) pathways.Bridge {
	var doc struct {
		Links []struct {
			Job  graph.JobID `json:"job"`
			Code graph.JobID `json:"code"`
		} `json:"links"`
	}
	if err := json.Unmarshal(data.BridgeROME4(), &doc); err != nil {
		t.Fatal(err)
	}
	b := pathways.Bridge{}
	for _, l := range doc.Links {
		b[l.Job] = append(b[l.Job], l.Code)
	}
	return b
}

// TestSkillsOfMetier checks a métier's skills are the union of its bridged
// fiches', each naming the fiches that list it.
func TestSkillsOfMetier(t *testing.T) {
	s := fixture.Skills(t)
	metiers := fixture.Metiers(t)
	b := bridge(t)
	const id = "technicien-reseaux-cloud"
	d, err := pathways.SkillsOf(metiers, s, b, id)
	if err != nil {
		t.Fatal(err)
	}
	o := csvSkills(t)
	var fiches []string
	for _, f := range b[id] {
		fiches = append(fiches, string(f))
	}
	if len(fiches) < 2 || len(d.Fiches) != len(fiches) {
		t.Fatalf("SkillsOf(%s).Fiches = %v, want the bridge's %v", id, d.Fiches, fiches)
	}
	var all []pathways.SkillDoc
	for _, gr := range d.Groups {
		all = append(all, gr.Skills...)
	}
	if !sameSet(codes(all), o.skillCodes(fiches...)) {
		t.Errorf("SkillsOf(%s): %d skills, want the union of %v's %d", id, len(all), fiches, len(o.skillCodes(fiches...)))
	}
	for _, sk := range all {
		for _, f := range fiches {
			_, in := o.rows[f][sk.Code]
			if in != slices.Contains(sk.Fiches, graph.JobID(f)) {
				t.Errorf("skill %s: Fiches %v, listed by %s: %v", sk.Code, sk.Fiches, f, in)
			}
		}
	}
	if _, err := pathways.SkillsOf(metiers, s, b, "expert-propriete-intellectuelle"); !errors.Is(err, pathways.ErrBadQuery) {
		t.Errorf("SkillsOf(unlinked métier) = %v, want ErrBadQuery", err)
	}
	if _, err := pathways.SkillsOf(metiers, s, b, "zzz"); !errors.Is(err, pathways.ErrUnknownJob) {
		t.Errorf("SkillsOf(zzz) = %v, want ErrUnknownJob", err)
	}
}

// TestCompareSets checks Compare against set operations on the CSV rows.
func TestCompareSets(t *testing.T) {
	g, s := fixture.ROME4(t), fixture.Skills(t)
	o := csvSkills(t)
	for _, ids := range [][]string{{"M1876", "M1860"}, {"M1876", "M1860", "M1811"}} {
		c, err := pathways.Compare(g, s, nil, ids)
		if err != nil {
			t.Fatal(err)
		}
		sets := make([]map[string]bool, len(ids))
		for k, id := range ids {
			sets[k] = o.skillCodes(id)
		}
		shared := map[string]bool{}
		for code := range sets[0] {
			in := true
			for _, set := range sets[1:] {
				in = in && set[code]
			}
			if in {
				shared[code] = true
			}
		}
		got := map[string]bool{}
		for _, sk := range c.Shared {
			got[sk.Code] = true
		}
		if !sameSet(got, shared) {
			t.Errorf("Compare(%v).Shared: %d skills, want %d", ids, len(got), len(shared))
		}
		for k := range ids {
			only := map[string]bool{}
			for code := range sets[k] {
				alone := true
				for j, set := range sets {
					alone = alone && (j == k || !set[code])
				}
				if alone {
					only[code] = true
				}
			}
			gotOnly := map[string]bool{}
			for _, sk := range c.Only[k] {
				gotOnly[sk.Code] = true
			}
			if !sameSet(gotOnly, only) {
				t.Errorf("Compare(%v).Only[%d]: %d skills, want %d", ids, k, len(c.Only[k]), len(only))
			}
			if c.Jobs[k].Counts.Total != len(sets[k]) {
				t.Errorf("Compare(%v).Jobs[%d].Counts.Total = %d, want %d", ids, k, c.Jobs[k].Counts.Total, len(sets[k]))
			}
		}
		p := c.Pairs[0]
		inter := 0
		for code := range sets[0] {
			if sets[1][code] {
				inter++
			}
		}
		if p.Shared != inter || p.OnlyA != len(sets[0])-inter || p.OnlyB != len(sets[1])-inter {
			t.Errorf("Compare(%v).Pairs[0] = %+v, want shared %d", ids, p, inter)
		}
		if len(c.Pairs) != len(ids)*(len(ids)-1)/2 {
			t.Errorf("Compare(%v): %d pairs", ids, len(c.Pairs))
		}
	}
	c, _ := pathways.Compare(g, s, nil, []string{"M1876", "M1860"})
	if len(c.Pairs[0].Links) == 0 || c.Pairs[0].Links[0].From != "M1876" || c.Pairs[0].Links[0].To != "M1860" {
		t.Errorf("Compare(M1876, M1860) links = %+v, want the official move M1876 → M1860", c.Pairs[0].Links)
	}
}

// TestCompareConcurrent compares fiches no other test compares, from
// several goroutines at once: the fiches' shared views are built by
// whichever comes first, and every goroutine gets the same documents
// (run with -race, it also checks the views are published safely).
func TestCompareConcurrent(t *testing.T) {
	g, s := fixture.ROME4(t), fixture.Skills(t)
	pairs := [][]string{{"K2204", "M1803"}, {"M1803", "M1805"}, {"M1805", "K2204", "M1803"}}
	const workers = 4
	docs := make([][]string, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for _, ids := range pairs {
				c, err := pathways.Compare(g, s, nil, ids)
				if err != nil {
					t.Error(err)
					return
				}
				b, _ := json.Marshal(c)
				docs[w] = append(docs[w], string(b))
			}
		})
	}
	wg.Wait()
	for w := 1; w < workers; w++ {
		if !slices.Equal(docs[w], docs[0]) {
			t.Errorf("Compare from goroutine %d differs from goroutine 0", w)
		}
	}
	if len(docs[0]) != len(pairs) {
		t.Fatalf("goroutine 0 compared %d times, want %d", len(docs[0]), len(pairs))
	}
}

func TestCompareErrors(t *testing.T) {
	g, s := fixture.ROME4(t), fixture.Skills(t)
	for _, tt := range []struct {
		ids  []string
		want error
	}{
		{[]string{"M1876"}, pathways.ErrBadQuery},
		{[]string{"M1876", "M1860", "M1811", "M1805"}, pathways.ErrBadQuery},
		{[]string{"M1876", "M1876"}, pathways.ErrBadQuery},
		{[]string{"M1876", "Z9999"}, pathways.ErrUnknownJob},
		{[]string{"M1876", "level-bac"}, pathways.ErrBadQuery},
	} {
		if _, err := pathways.Compare(g, s, nil, tt.ids); !errors.Is(err, tt.want) {
			t.Errorf("Compare(%v) = %v, want %v", tt.ids, err, tt.want)
		}
	}
	long := strings.Repeat("x", 10000)
	for name, err := range map[string]error{
		"SkillsOf empty":    second(pathways.SkillsOf(g, s, nil, "")),
		"SkillsOf long":     second(pathways.SkillsOf(g, s, nil, long)),
		"Suggest limit -1":  second(pathways.Suggest(g, s, nil, "M1876", -1)),
		"Suggest level":     second(pathways.Suggest(g, s, nil, "level-bac", 0)),
		"StepGap limit -1":  second(pathways.StepGap(g, s, nil, "M1876", "M1860", -1)),
		"StepGap to level":  second(pathways.StepGap(g, s, nil, "M1876", "level-bac", 0)),
		"StepGap from long": second(pathways.StepGap(g, s, nil, long, "M1860", 0)),
	} {
		if !errors.Is(err, pathways.ErrBadQuery) {
			t.Errorf("%s = %v, want ErrBadQuery", name, err)
		}
	}
}

func second[T any](_ T, err error) error { return err }

func TestStepGap(t *testing.T) {
	g, s := fixture.ROME4(t), fixture.Skills(t)
	o := csvSkills(t)
	gap, err := pathways.StepGap(g, s, nil, "M1876", "M1860", 0)
	if err != nil {
		t.Fatal(err)
	}
	from, to := o.skillCodes("M1876"), o.skillCodes("M1860")
	learn, keep := map[string]bool{}, map[string]bool{}
	for c := range to {
		if from[c] {
			keep[c] = true
		} else {
			learn[c] = true
		}
	}
	if !sameSet(codes(gap.ToLearn), learn) || !sameSet(codes(gap.Kept), keep) {
		t.Errorf("StepGap(M1876, M1860): learn %d keep %d, want %d and %d", len(gap.ToLearn), len(gap.Kept), len(learn), len(keep))
	}
	if gap.Learn.Total != len(learn) || gap.Keep.Total != len(keep) {
		t.Errorf("StepGap counts %+v / %+v, want %d / %d", gap.Learn, gap.Keep, len(learn), len(keep))
	}
	principal := 0
	for c := range learn {
		if o.rows["M1860"][c] == "Principale" {
			principal++
		}
	}
	if gap.Learn.Principal != principal {
		t.Errorf("StepGap Learn.Principal = %d, want %d", gap.Learn.Principal, principal)
	}
	for i := range principal {
		if gap.ToLearn[i].Core != graph.CorePrincipal {
			t.Errorf("ToLearn[%d] = %+v: core skills must come first", i, gap.ToLearn[i])
		}
	}
	cut, _ := pathways.StepGap(g, s, nil, "M1876", "M1860", 3)
	if len(cut.ToLearn) != 3 || !cut.Truncated || cut.Learn != gap.Learn {
		t.Errorf("StepGap limit 3: %d listed, truncated %v, counts %+v; want 3, true, %+v", len(cut.ToLearn), cut.Truncated, cut.Learn, gap.Learn)
	}
}

func TestSuggestM1876(t *testing.T) {
	g, s := fixture.ROME4(t), fixture.Skills(t)
	o := csvSkills(t)
	d, err := pathways.Suggest(g, s, nil, "M1876", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Suggestions) != pathways.DefaultSuggestions {
		t.Errorf("Suggest(M1876): %d suggestions, want %d", len(d.Suggestions), pathways.DefaultSuggestions)
	}
	official := map[graph.JobID]bool{}
	i, _ := g.Index("M1876")
	for _, a := range g.Out(i) {
		official[g.Node(a.Node).ID] = true
	}
	from := o.skillCodes("M1876")
	if !sort.SliceIsSorted(d.Suggestions, func(a, b int) bool { return d.Suggestions[a].Score > d.Suggestions[b].Score }) {
		t.Errorf("Suggest(M1876) not sorted by score: %+v", d.Suggestions)
	}
	for _, sg := range d.Suggestions {
		if sg.Kind != "suggestion" || sg.Score < sg.Threshold || official[sg.ID] || sg.ID == "M1876" {
			t.Errorf("suggestion %+v: want kind suggestion, score ≥ threshold, not an official move", sg)
		}
		if sg.LevelStep != nil && *sg.LevelStep > 1 {
			t.Errorf("suggestion %s is %d level steps up", sg.ID, *sg.LevelStep)
		}
		if l := g.Job(sg.ID).Level; l != graph.LevelNone && g.Job("M1876").Level != graph.LevelNone && int(l)-int(g.Job("M1876").Level) > 1 {
			t.Errorf("suggestion %s at %s: more than one step above M1876", sg.ID, l)
		}
		to := o.skillCodes(string(sg.ID))
		shared, missingCore := 0, 0
		for c := range to {
			if from[c] {
				shared++
			} else if o.rows[string(sg.ID)][c] == "Principale" {
				missingCore++
			}
		}
		if sg.Shared != shared || sg.Missing != len(to)-shared || sg.MissingCore != missingCore {
			t.Errorf("suggestion %s: shared %d missing %d (core %d), want %d, %d, %d", sg.ID, sg.Shared, sg.Missing, sg.MissingCore, shared, len(to)-shared, missingCore)
		}
	}
	if len(d.Official) != len(official) {
		t.Errorf("Suggest(M1876).Official lists %d, want the %d official moves", len(d.Official), len(official))
	}
	for _, of := range d.Official {
		if of.Kind != "official" || !official[of.ID] {
			t.Errorf("official %+v: not an official move", of)
		}
	}
	if _, err := pathways.Suggest(g, s, nil, "M1876", pathways.MaxSuggestions+1); !errors.Is(err, pathways.ErrBadQuery) {
		t.Errorf("Suggest limit too large = %v, want ErrBadQuery", err)
	}
}

// TestSuggestionArcs checks the arcs a path search follows are Suggest's.
func TestSuggestionArcs(t *testing.T) {
	g, s := fixture.ROME4(t), fixture.Skills(t)
	arcs := pathways.SuggestionArcs(g, s)
	for _, id := range []string{"M1876", "M1805", "A1101"} {
		d, err := pathways.Suggest(g, s, nil, id, 0)
		if err != nil {
			t.Fatal(err)
		}
		i, _ := g.Index(graph.JobID(id))
		if len(arcs[i]) != len(d.Suggestions) {
			t.Fatalf("SuggestionArcs[%s]: %d arcs, Suggest %d", id, len(arcs[i]), len(d.Suggestions))
		}
		for k, a := range arcs[i] {
			if g.Node(a.Node).ID != d.Suggestions[k].ID || a.Score != d.Suggestions[k].Score {
				t.Errorf("SuggestionArcs[%s][%d] = %s %.4f, Suggest gives %s %.4f", id, k, g.Node(a.Node).ID, a.Score, d.Suggestions[k].ID, d.Suggestions[k].Score)
			}
		}
	}
}

// benchCPU runs op in b.Loop and reports the processor time of the
// process per op (cpu-µs/op), which a shared machine inflates less than
// the wall time.
func benchCPU(b *testing.B, op func() error) {
	if err := op(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	start, n := testtool.CPUTime(b), 0
	for b.Loop() {
		op()
		n++
	}
	b.ReportMetric(float64(testtool.CPUTime(b)-start)/float64(n)/1e3, "cpu-µs/op")
}

// BenchmarkSuggest: the top 10 suggestions for one fiche (target < 50 µs).
func BenchmarkSuggest(b *testing.B) {
	g, s := fixture.ROME4(b), fixture.Skills(b)
	benchCPU(b, func() error { _, err := pathways.Suggest(g, s, nil, "M1876", 10); return err })
}

// BenchmarkCompare: two jobs compared (target < 20 µs).
func BenchmarkCompare(b *testing.B) {
	g, s := fixture.ROME4(b), fixture.Skills(b)
	ids := []string{"M1876", "M1860"}
	benchCPU(b, func() error { _, err := pathways.Compare(g, s, nil, ids); return err })
}

// BenchmarkStepGap: the gap of one route step, lists cut at 10.
func BenchmarkStepGap(b *testing.B) {
	g, s := fixture.ROME4(b), fixture.Skills(b)
	benchCPU(b, func() error { _, err := pathways.StepGap(g, s, nil, "M1876", "M1860", 10); return err })
}
