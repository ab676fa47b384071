package graph

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

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
