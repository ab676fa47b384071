package graph

import (
	"errors"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/pathways-fr/pathways/data"
	"github.com/pathways-fr/pathways/internal/testtool"
)

// realSkills are the skills of the embedded ROME 4.0 release, loaded once.
var realSkills = testtool.Once("LoadSkills(data.ROME4())", func() (*Skills, error) {
	g, err := LoadROME4(data.ROME4(), data.ROME())
	if err != nil {
		return nil, err
	}
	return LoadSkills(data.ROME4(), g)
})

// TestLoadSkillsReal compares every row of unix_coherence_item with what
// LoadSkills kept, and every item with its referential, read with
// encoding/csv alone.
func TestLoadSkillsReal(t *testing.T) {
	s := realSkills(t)
	want := map[string]map[string]string{} // fiche → item code → coeur_metier
	rows := testtool.CSVRows(t, data.ROME4(), "*coherence_item*.csv")
	for _, r := range rows {
		if want[r["code_rome"]] == nil {
			want[r["code_rome"]] = map[string]string{}
		}
		want[r["code_rome"]][r["code_ogr"]] = r["coeur_metier"]
	}
	if got := len(s.Fiches()); got != len(want) {
		t.Errorf("len(Fiches()) = %d, want %d", got, len(want))
	}
	coreName := map[Core]string{CoreNone: "", CorePrincipal: "Principale", CoreEmerging: "Émergente"}
	total := 0
	for code, items := range want {
		f, ok := s.FicheIndex(JobID(code))
		if !ok {
			t.Errorf("FicheIndex(%s) not found", code)
			continue
		}
		got := s.Of(f)
		total += len(got)
		if len(got) != len(items) {
			t.Errorf("len(Of(%s)) = %d, want %d", code, len(got), len(items))
		}
		for _, r := range got {
			c := s.Item(r.Item).Code
			if w, ok := items[c]; !ok || coreName[r.Core] != w {
				t.Errorf("%s item %s: core %q, want %q (in CSV: %v)", code, c, coreName[r.Core], w, ok)
			}
		}
	}
	if total != len(rows) {
		t.Errorf("rows kept = %d, want %d", total, len(rows))
	}
	m1860 := len(s.Of(must(s.FicheIndex("M1860"))))
	if m1860 != 72 {
		t.Errorf("M1860 has %d items, want 72 (CSV rows)", m1860)
	}
	for id, want := range map[JobID]JobID{"M1860": "M1802", "M1802": "M1802"} {
		if got := s.Parent(must(s.FicheIndex(id))); got != want {
			t.Errorf("Parent(%s) = %s, want %s", id, got, want)
		}
	}
	checkItems(t, s)
	checkListing(t, s)
}

func must[T any](v T, ok bool) T {
	if !ok {
		panic("not found")
	}
	return v
}

func checkItems(t *testing.T, s *Skills) {
	kinds := map[SkillKind]int{}
	for i := range s.Items() {
		kinds[s.Item(int32(i)).Kind]++
	}
	comp := testtool.CSVRows(t, data.ROME4(), "*referentiel_competence*.csv")
	know := testtool.CSVRows(t, data.ROME4(), "*referentiel_savoir*.csv")
	items := testtool.CSVRows(t, data.ROME4(), "*unix_item*.csv")
	soft := 0
	for _, r := range comp {
		it := s.Item(must(s.ItemByCode(r["code_ogr"])))
		if it.Label != r["libelle_competence"] || it.Category != r["sous_cat_comp"] || it.Macro != (r["nature"] == "Macro-compétence") {
			t.Errorf("item %s = %+v, want the row %v", r["code_ogr"], it, r)
		}
		if m := r["code_ogr_macro_comp"]; m != "" && (it.MacroItem < 0 || s.Item(it.MacroItem).Code != m) {
			t.Errorf("item %s: macro %d, want %s", r["code_ogr"], it.MacroItem, m)
		}
		if r["cat_comp"] == "Savoir-être professionnel" {
			soft++
		}
	}
	for _, r := range know {
		it := s.Item(must(s.ItemByCode(r["code_ogr_savoir"])))
		if it.Kind != KindKnowledge || it.Label != r["libelle_savoir"] || it.Category != r["categorie_savoir"] || it.Subcategory != r["sous_categorie_savoir"] {
			t.Errorf("item %s = %+v, want the row %v", r["code_ogr_savoir"], it, r)
		}
	}
	want := map[SkillKind]int{KindKnowHow: len(comp) - soft, KindSoftSkill: soft, KindKnowledge: len(know),
		KindContext: len(items) - len(comp) - len(know)}
	for k, n := range want {
		if kinds[k] != n {
			t.Errorf("items of kind %s = %d, want %d", k, kinds[k], n)
		}
	}
}

// checkListing checks Listing against Of: item i is listed by fiche f
// exactly when f's rows name i.
func checkListing(t *testing.T, s *Skills) {
	n := 0
	for i := range s.Items() {
		prev := int32(-1)
		for _, f := range s.Listing(int32(i)) {
			if f <= prev {
				t.Fatalf("Listing(%d) not increasing", i)
			}
			prev = f
			found := false
			for _, r := range s.Of(f) {
				found = found || r.Item == int32(i)
			}
			if !found {
				t.Errorf("Listing(%d) names %s, which does not list it", i, s.Fiches()[f])
			}
			n++
		}
	}
	if n != len(s.rows) {
		t.Errorf("Listing total %d, want %d rows", n, len(s.rows))
	}
}

const (
	skillItemsCSV = `"code_ogr","libelle","code_rubrique"
"1","Gérer un projet","1"
"2","Faire preuve d''autonomie","2"
"3","Langage Go","3"
"4","Travail en équipe","3"
"5","Télétravail",""
`
	skillCompCSV = `"code_ogr","nature","libelle_competence","code_ogr_macro_comp","cat_comp","sous_cat_comp"
"1","Compétence","Gérer un projet","9","Savoir-faire","Technique"
"2","Macro-compétence","Faire preuve d''autonomie","","Savoir-être professionnel","Transverse"
`
	skillKnowCSV = `"code_ogr_savoir","libelle_savoir","categorie_savoir","sous_categorie_savoir"
"3","Langage Go","Domaines d'expertise","Langages informatiques"
`
)

func skillsFS(rows string) fstest.MapFS {
	return fstest.MapFS{
		"unix_coherence_item_v460_utf8.csv":         {Data: []byte(rows)},
		"unix_item_v460_utf8.csv":                   {Data: []byte(skillItemsCSV)},
		"unix_referentiel_competence_v460_utf8.csv": {Data: []byte(skillCompCSV)},
		"unix_referentiel_savoir_v460_utf8.csv":     {Data: []byte(skillKnowCSV)},
	}
}

func TestLoadSkillsFixture(t *testing.T) {
	s, err := LoadSkills(skillsFS(`"code_rome","code_ogr","coeur_metier"
"M1860","3","Principale"
"M1860","1",""
"M1860","3",""
"M1860","5","Emergente"
"A1101","77",""
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Version != "4.60" {
		t.Errorf("Version = %q, want 4.60", s.Version)
	}
	rows := s.Of(must(s.FicheIndex("M1860")))
	if len(rows) != 3 || rows[0].Core != CoreNone || rows[1].Core != CorePrincipal || rows[2].Core != CoreEmerging {
		t.Errorf("Of(M1860) = %+v, want items 1, 3 (principale, first row kept), 5 (emergente)", rows)
	}
	if it := s.Item(rows[0].Item); it.Kind != KindKnowHow || it.MacroItem != -1 {
		t.Errorf("item 1 = %+v: want savoir-faire, its absent macro left out", it)
	}
	if it := s.Item(must(s.ItemByCode("2"))); it.Kind != KindSoftSkill || !it.Macro || it.Label != "Faire preuve d'autonomie" {
		t.Errorf("item 2 = %+v, want a savoir-être macro, apostrophe made single", it)
	}
	codes := map[string]bool{}
	for _, p := range s.Problems() {
		codes[p.Code] = true
	}
	for _, c := range []string{"repeated-row", "unknown-item", "unknown-macro", "item-rubrique", "work-contexts"} {
		if !codes[c] {
			t.Errorf("Problems() lacks %s: %+v", c, s.Problems())
		}
	}
}

// TestLoadSkillsLink reads the skills files once, then links them to a
// graph that lacks one of the fiches they name: that fiche's rows (one of
// which names an unknown item too) are reported as one unknown fiche, and
// the item unknown to a known fiche as an unknown
// item; the graph's fiche without rows is reported too.
func TestLoadSkillsLink(t *testing.T) {
	fsys := skillsFS(`"code_rome","code_ogr","coeur_metier"
"M1860","3","Principale"
"M1860","77",""
"A1101","1",""
"A1101","78",""
`)
	fsys["unix_referentiel_code_rome_v460_utf8.csv"] = &fstest.MapFile{Data: []byte(`"code_rome","libelle_rome","code_rome_parent"
"M1860","Architecte cloud","M1802"
"M1802","Expertise et support en systèmes d'information","M1802"
`)}
	fsys["unix_referentiel_appellation_v460_utf8.csv"] = &fstest.MapFile{Data: []byte(`"code_ogr","libelle_appellation_long","code_rome"
"1","Architecte cloud","M1860"
"2","Expert / Experte en systèmes d'information","M1802"
`)}
	fsys["unix_texte_v460_utf8.csv"] = &fstest.MapFile{Data: []byte("\"code_rome\",\"libelle_type_texte\",\"position_phrase\",\"libelle_texte\"\n")}
	fsys["unix_rubrique_mobilite_v460_utf8.csv"] = &fstest.MapFile{Data: []byte("\"code_rome\",\"code_rome_cible\",\"numero_ordre\"\n")}
	fsys["unix_cr_gd_dp_v460_utf8.csv"] = &fstest.MapFile{Data: []byte(`"code_rome","code_grand_domaine","libelle_grand_domaine","code_domaine_professionel","libelle_domaine_professionel"
"M1860","M","Support à l'entreprise","M18","Systèmes d'information et de télécommunication"
"M1802","M","Support à l'entreprise","M18","Systèmes d'information et de télécommunication"
`)}
	g, err := LoadROME4(fsys, nil)
	if err != nil {
		t.Fatal(err)
	}
	files, err := ReadSkills(fsys)
	if err != nil {
		t.Fatal(err)
	}
	s := files.Link(g)
	if got := s.Fiches(); !slices.Equal(got, []JobID{"M1860"}) {
		t.Errorf("Fiches() = %v, want [M1860]", got)
	}
	if s.Parent(0) != "M1802" {
		t.Errorf("Parent(M1860) = %s, want M1802", s.Parent(0))
	}
	want := map[string]JobID{"unknown-fiche": "A1101", "unknown-item": "77", "no-skills": "M1802"}
	got := map[string][]Problem{}
	for _, p := range s.Problems() {
		got[p.Code] = append(got[p.Code], p)
	}
	for code, job := range want {
		if ps := got[code]; len(ps) != 1 || ps[0].Job != job {
			t.Errorf("%s problems = %+v, want one, for %s", code, ps, job)
		}
	}
}

func TestLoadSkillsBad(t *testing.T) {
	for name, rows := range map[string]string{
		"core":   "\"code_rome\",\"code_ogr\",\"coeur_metier\"\n\"M1860\",\"1\",\"Oui\"\n",
		"code":   "\"code_rome\",\"code_ogr\",\"coeur_metier\"\n\"M18\",\"1\",\"\"\n",
		"column": "\"code_rome\",\"code_ogr\"\n\"M1860\",\"1\"\n",
	} {
		_, err := LoadSkills(skillsFS(rows), nil)
		var fe *FieldError
		if !errors.Is(err, ErrInvalid) || !errors.As(err, &fe) {
			t.Errorf("%s: LoadSkills = %v, want ErrInvalid with a *FieldError", name, err)
		}
	}
	fsys := skillsFS("")
	delete(fsys, "unix_item_v460_utf8.csv")
	if _, err := LoadSkills(fsys, nil); !errors.Is(err, ErrInvalid) {
		t.Errorf("LoadSkills without unix_item = %v, want ErrInvalid", err)
	}
}

// BenchmarkLoadSkills measures what the skills add to the start: the four
// skills files of v4.60 read and indexed.
func BenchmarkLoadSkills(b *testing.B) {
	g, err := LoadROME4(data.ROME4(), data.ROME())
	if err != nil {
		b.Fatal(err)
	}
	benchmarkLoad(b, func() (*Graph, error) {
		_, err := LoadSkills(data.ROME4(), g)
		return g, err
	})
}

// TestSkillItemLookup checks the lookup of items by number against the
// map by code, on v4.60 and on codes that are not written plainly.
func TestSkillItemLookup(t *testing.T) {
	s, err := LoadSkills(data.ROME4(), nil)
	if err != nil {
		t.Fatal(err)
	}
	l := &skillLoader{s: s}
	l.numberCodes()
	if l.nums == nil {
		t.Fatal("numberCodes: v4.60's item codes not taken as numbers")
	}
	for code, want := range s.byCode {
		if got, ok := l.item(code); !ok || got != want {
			t.Errorf("item(%q) = %d, %v; want %d", code, got, ok, want)
		}
	}
	first := s.items[0].Code
	for _, code := range []string{"0" + first, "+" + first, " " + first, "-1", "x", "", "99999999999"} {
		if got, ok := l.item(code); ok {
			t.Errorf("item(%q) = %d, want none", code, got)
		}
	}
	odd := &skillLoader{s: &Skills{items: []Item{{Code: "10"}, {Code: "9a"}}, byCode: map[string]int32{"10": 0, "9a": 1}}}
	odd.numberCodes()
	if odd.nums != nil {
		t.Error("numberCodes: codes that are not all numbers taken as numbers")
	}
	if got, ok := odd.item("9a"); !ok || got != 1 {
		t.Errorf("item(9a) = %d, %v; want 1 from the map", got, ok)
	}
}
