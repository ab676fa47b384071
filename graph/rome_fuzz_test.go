package graph

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// The file names FuzzLoadROME gives the fuzzed CSV texts.
const (
	fuzzCards    = "unix_referentiel_code_rome_v347_utf8.csv"
	fuzzApps     = "unix_referentiel_appellation_v347_utf8.csv"
	fuzzTexts    = "unix_texte_v347_utf8.csv"
	fuzzMobility = "unix_rubrique_mobilite_v347_utf8.csv"
)

// romeCodeRE is what a ROME code is, for the fuzz targets to check the
// codes of a graph with another reading than the loader's isROMECode.
var romeCodeRE = regexp.MustCompile(`^[A-Z][0-9]{4}$`)

// FuzzLoadROME feeds arbitrary CSV texts to the ROME reader as the four
// files of a release; an empty appellation or text file stands for an
// absent one. LoadROME must either build a consistent graph or refuse
// with an error wrapping ErrInvalid that names a file, never panic.
func FuzzLoadROME(f *testing.F) {
	const v3cards = "\"code_rome\",\"code_fiche_em\",\"code_ogr\",\"libelle_rome\",\"statut\"\n\"M1805\",\"1\",\"494\",\"Études et développement informatique\",\"1\"\n\"M1810\",\"2\",\"499\",\"Production et exploitation de systèmes d''information\",\"1\"\n"
	const v3apps = "\"code_ogr\",\"libelle_appellation_long\",\"libelle_appellation_court\",\"code_rome\"\n\"14156\",\"Développeur / Développeuse web\",\"Développeur web\",\"M1805\"\n"
	const v3texts = "\"code_rome\",\"position_libelle_txt\",\"code_type_texte\",\"libelle_texte\",\"libelle_type_texte\"\n\"M1805\",\"0\",\"2\",\"Cet emploi/métier est accessible avec un diplôme de niveau Bac+2 (BTS, DUT) à Master\",\"acces_a_em\"\n\"M1810\",\"0\",\"2\",\"Cet emploi/métier est accessible sans diplôme ni expérience professionnelle.\",\"acces_a_em\"\n"
	const v3mob = "\"code_rome\",\"code_rome_cible\",\"code_appellation_source\",\"code_appellation_cible\",\"code_type_mobilite\",\"libelle_type_mobilite\"\n\"M1810\",\"M1805\",\"\",\"14156\",\"2\",\"Evolution\"\n\"M1805\",\"M1810\",\"\",\"\",\"1\",\"Proche\"\n\"M1805\",\"X9999\",\"\",\"\",\"1\",\"Proche\"\n"
	f.Add(v3cards, v3apps, v3texts, v3mob)
	f.Add(v3cards, "", "", v3mob)
	f.Add(v3cards, "", "", "code_rome,code_rome_cible,numero_ordre\nM1810,M1805,1\nM1805,M1805,2\n")
	f.Add("\ufeffcode_rome,libelle_rome\r\nM1805,Études\r\n", "", "", "code_rome,code_rome_cible\r\n")
	f.Add("", "", "", "")
	f.Add("code_rome,libelle_rome\nM1805,\"non fermé\n", "", "", v3mob)
	f.Add("code_rome,libelle_rome\nm18o5,x\nM1805,a,b\nM1806,\xff\n", "", "", v3mob)
	f.Add("code_rome,code_rome,libelle_rome\n", "", "", "a\n")
	f.Add(v3cards, "code_ogr\n", "code_rome,libelle_texte\n", "code_rome,code_rome_cible,code_type_mobilite\nM1805,M1810,7\n")
	// The hand-made faulty releases of the loader's own tests.
	for _, dir := range []string{"badcode", "badutf8", "columns", "notype", "quirks", "quotes"} {
		var files [4]string
		for i, name := range []string{fuzzCards, fuzzApps, fuzzTexts, fuzzMobility} {
			b, _ := os.ReadFile(filepath.Join("testdata", "romebad", dir, name))
			files[i] = string(b)
		}
		f.Add(files[0], files[1], files[2], files[3])
	}
	f.Fuzz(func(t *testing.T, cards, apps, texts, mobility string) {
		fsys := fstest.MapFS{
			fuzzCards:    {Data: []byte(cards)},
			fuzzMobility: {Data: []byte(mobility)},
		}
		if apps != "" {
			fsys[fuzzApps] = &fstest.MapFile{Data: []byte(apps)}
		}
		if texts != "" {
			fsys[fuzzTexts] = &fstest.MapFile{Data: []byte(texts)}
		}
		g, err := LoadROME(fsys)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("LoadROME error %v does not wrap ErrInvalid", err)
			}
			var fe *FieldError
			if !errors.As(err, &fe) || !strings.HasPrefix(fe.File, "unix_") {
				t.Fatalf("LoadROME error %v does not name its file", err)
			}
			return
		}
		checkFuzzedGraph(t, g)
		for _, j := range g.Jobs() {
			if j.Kind == KindJob && !romeCodeRE.MatchString(string(j.ID)) {
				t.Fatalf("LoadROME loaded card %q, not a ROME code", j.ID)
			}
			if !utf8.ValidString(j.Title) {
				t.Fatalf("LoadROME loaded card %q with a title that is not UTF-8", j.ID)
			}
		}
		g.Problems()
	})
}

// checkFuzzedGraph checks that every arc of g is one of its edges.
func checkFuzzedGraph(t *testing.T, g *Graph) {
	t.Helper()
	for i := int32(0); i < int32(g.Len()); i++ {
		for _, a := range g.Out(i) {
			if e := g.Edge(a.Edge); g.Node(i).ID != e.From || g.Node(a.Node).ID != e.To {
				t.Fatalf("arc %d→%d does not match edge %v", i, a.Node, e)
			}
		}
	}
}

// FuzzReadAccessLevel sends any text to the reader of ROME access texts:
// a level read is a valid one, taken from words of the text.
func FuzzReadAccessLevel(f *testing.F) {
	for _, s := range []string{
		"Cet emploi/métier est accessible avec un diplôme de niveau Bac+2 (BTS, DUT) à Master",
		"Cet emploi/métier est accessible sans diplôme ni expérience professionnelle.",
		"accessible avec un CAP/BEP ou un brevet des collèges",
		"Une licence et un agrément sont exigés. Un Bac+5 est souhaité.",
		"sans diplôme avec une expérience", "licence pro", "Bac +", "", "\xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		r := readAccessLevel(text)
		if r.Level != LevelNone && !r.Level.Valid() {
			t.Fatalf("readAccessLevel(%q) = level %v, not valid", text, r.Level)
		}
		if r.Text != "" && !strings.Contains(text, r.Text) {
			t.Fatalf("readAccessLevel(%q) read %q, not words of the text", text, r.Text)
		}
		if r.Level != LevelNone && (r.NoDiploma || r.BelowScale) {
			t.Fatalf("readAccessLevel(%q) = %+v: a level and no diploma", text, r)
		}
	})
}

// FuzzLoadROME4 feeds arbitrary texts as the fiche, appellation, text and
// mobility files of the release of testdata/rome4 (the domain and RIASEC
// files stay those of the fixture). LoadROME4 must either build a
// consistent graph or refuse with an error wrapping ErrInvalid, never
// panic.
func FuzzLoadROME4(f *testing.F) {
	dir := filepath.Join("testdata", "rome4")
	names := []string{
		"unix_referentiel_code_rome_v460_utf8.csv", "unix_referentiel_appellation_v460_utf8.csv",
		"unix_texte_v460_utf8.csv", "unix_rubrique_mobilite_v460_utf8.csv",
	}
	base := fstest.MapFS{}
	var seed [4]string
	entries, err := os.ReadDir(dir)
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			f.Fatal(err)
		}
		base[e.Name()] = &fstest.MapFile{Data: b}
		for i, n := range names {
			if n == e.Name() {
				seed[i] = string(b)
			}
		}
	}
	f.Add(seed[0], seed[1], seed[2], seed[3])
	f.Add(seed[0], seed[1], seed[2], "code_rome,code_rome_cible,numero_ordre\nM1876,M1860,0\nM1876,M18,1\n")
	f.Add("code_rome,libelle_rome,code_rome_parent\nM1860,A,M1860\nM1861,B,M1860\nM1862,C,M1861\n", seed[1], seed[2], seed[3])
	f.Add("code_rome,libelle_rome,code_rome_parent\nM1860,,M1860\nM1860,A,X\n", "", "", "")
	f.Add(seed[0], "code_ogr,libelle_appellation_long,code_rome,peu_usite\n1,A,M1860,X\n1,B,M1860,O\n", "code_rome,libelle_type_texte,position_phrase,libelle_texte\nM1860,acces_metier,x,Bac+2\n", seed[3])
	f.Fuzz(func(t *testing.T, cards, apps, texts, mobility string) {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		for i, s := range []string{cards, apps, texts, mobility} {
			fsys[names[i]] = &fstest.MapFile{Data: []byte(s)}
		}
		g, err := LoadROME4(fsys, nil)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("LoadROME4 error %v does not wrap ErrInvalid", err)
			}
			return
		}
		for _, j := range g.Jobs() {
			if j.Kind != KindJob {
				continue
			}
			if !romeCodeRE.MatchString(string(j.ID)) || !utf8.ValidString(j.Title) || j.Fiche == nil {
				t.Fatalf("LoadROME4 loaded fiche %q %q, fiche %v", j.ID, j.Title, j.Fiche)
			}
			if p := j.Fiche.Parent; p != "" && g.Job(p) == nil {
				t.Fatalf("fiche %s has parent %s, not in the graph", j.ID, p)
			}
			if j.LevelText != "" && !strings.Contains(j.Fiche.LevelSentence, j.LevelText) {
				t.Fatalf("fiche %s: level %q not in its sentence %q", j.ID, j.LevelText, j.Fiche.LevelSentence)
			}
		}
		for _, e := range g.Edges() {
			for _, ev := range e.Evidence {
				if e.Type == Close && ev.Rank < 1 {
					t.Fatalf("edge %s → %s has rank %d", e.From, e.To, ev.Rank)
				}
			}
		}
	})
}
