package graph

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/pathways-fr/pathways/data"
)

func TestParseLevel(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Level
	}{
		{"CAP", LevelCAP},
		{"BEP", LevelCAP},
		{"niveau 3", LevelCAP},

		{"bac", LevelBac},
		{"Bac", LevelBac}, // TECHNICIEN DE MAINTENANCE: "Niveau minimum d’accès : Bac"
		{"bac pro", LevelBac},
		{"Bac professionnel", LevelBac},
		{"BAC PRO", LevelBac},
		{"baccalauréat", LevelBac},
		{"niveau 4", LevelBac},

		{"BTS", LevelBac2},
		{"bts", LevelBac2},
		{"DUT", LevelBac2},
		{"Bac +2", LevelBac2},
		{"bac+2", LevelBac2},
		{"BAC + 2", LevelBac2},
		{"bac2", LevelBac2},
		{"niveau 5", LevelBac2},
		{"Niveau 5", LevelBac2},

		{"BUT", LevelBac3},
		{"licence", LevelBac3},
		{"Licence", LevelBac3},
		{"licences", LevelBac3},
		{"licence pro", LevelBac3},
		{"Licence professionnelle", LevelBac3},
		{"LICENCE PRO", LevelBac3},
		{"bachelor", LevelBac3},
		{"Bachelor", LevelBac3},
		{"Bac +3", LevelBac3},
		{"niveau 6", LevelBac3},

		{"Bac +4", LevelBac4},
		{"master 1", LevelBac4},
		{"maîtrise", LevelBac4},
		// INGÉNIEUR D’AFFAIRES: "Niveau minimum d’accès : Bac +4/5": either
		// is accepted, so the minimum is Bac +4.
		{"Bac +4/5", LevelBac4},
		{"Bac +4/+5", LevelBac4},
		{"bac 4 5", LevelBac4},

		{"master", LevelBac5},
		{"Master", LevelBac5},
		{"master 2", LevelBac5},
		{"mastère", LevelBac5},
		{"MASTÈRE", LevelBac5},
		{"Mastère spécialisé", LevelBac5},
		{"MBA", LevelBac5},
		{"diplôme d'ingénieur", LevelBac5},
		{"Diplôme d’ingénieur", LevelBac5},
		{"DIPLOME D INGENIEUR", LevelBac5},
		{"école d'ingénieur", LevelBac5},
		{"Bac +5", LevelBac5},
		{"bac+6", LevelBac5},
		{"doctorat", LevelBac5},
		{"niveau 7", LevelBac5},
		{"niveau 8", LevelBac5},
		{"  master  ", LevelBac5},
	} {
		got, err := ParseLevel(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseLevel(%q) = %q, %v; want %q, nil", tc.in, got, err, tc.want)
		}
	}
}

func TestParseLevelUnknown(t *testing.T) {
	for _, in := range []string{
		"", "   ", "astronaute", "bac+9", "bac +0,5", "niveau 2", "niveau 9", "niveau", "12", "licence de pilote",
		"master of puppets", "\xff\xfe", strings.Repeat("bac ", 30),
	} {
		got, err := ParseLevel(in)
		if !errors.Is(err, ErrUnknownLevel) {
			t.Errorf("ParseLevel(%q) = %q, %v; want ErrUnknownLevel", in, got, err)
		}
		if got != LevelNone {
			t.Errorf("ParseLevel(%q) = %q with an error, want LevelNone", in, got)
		}
	}
}

func TestLevelNames(t *testing.T) {
	for _, tc := range []struct {
		l         Level
		id, label string
		valid     bool
	}{
		{LevelNone, "", "", false},
		{LevelCAP, "cap", "CAP, BEP", true},
		{LevelBac, "bac", "Bac", true},
		{LevelBac2, "bac+2", "Bac +2", true},
		{LevelBac3, "bac+3", "Bac +3", true},
		{LevelBac4, "bac+4", "Bac +4", true},
		{LevelBac5, "bac+5", "Bac +5", true},
		{Level(42), "level(42)", "level(42)", false},
	} {
		if got := tc.l.String(); got != tc.id {
			t.Errorf("Level(%d).String() = %q, want %q", tc.l, got, tc.id)
		}
		if got := tc.l.Label(); got != tc.label {
			t.Errorf("Level(%d).Label() = %q, want %q", tc.l, got, tc.label)
		}
		if got := tc.l.Valid(); got != tc.valid {
			t.Errorf("Level(%d).Valid() = %v, want %v", tc.l, got, tc.valid)
		}
		if b, _ := tc.l.MarshalText(); string(b) != tc.id {
			t.Errorf("Level(%d).MarshalText() = %q, want %q", tc.l, b, tc.id)
		}
		if tc.valid {
			if l, ok := LevelByID(tc.id); !ok || l != tc.l {
				t.Errorf("LevelByID(%q) = %v, %v; want %v, true", tc.id, l, ok, tc.l)
			}
			// Every identifier is also something ParseLevel reads.
			if l, err := ParseLevel(tc.id); err != nil || l != tc.l {
				t.Errorf("ParseLevel(%q) = %v, %v; want %v", tc.id, l, err, tc.l)
			}
		}
	}
	for _, id := range []string{"", "bac+6", "BAC+2", "level-bac"} {
		if l, ok := LevelByID(id); ok {
			t.Errorf("LevelByID(%q) = %v, true; want false", id, l)
		}
	}
	for i := 1; i < len(Levels); i++ {
		if Levels[i-1] >= Levels[i] {
			t.Errorf("Levels not in increasing order at %d", i)
		}
	}
}

func TestDiplomas(t *testing.T) {
	ds := Diplomas()
	seen := map[string]bool{}
	for i, d := range ds {
		if l, err := ParseLevel(d.Text); err != nil || l != d.Level {
			t.Errorf("ParseLevel(%q) = %v, %v; want %v, the level Diplomas gives it", d.Text, l, err, d.Level)
		}
		if seen[d.Text] {
			t.Errorf("Diplomas lists %q twice", d.Text)
		}
		seen[d.Text] = true
		if i > 0 && d.Level < ds[i-1].Level {
			t.Errorf("Diplomas: %q (%v) comes after %q (%v): want increasing levels", d.Text, d.Level, ds[i-1].Text, ds[i-1].Level)
		}
	}
	for _, l := range Levels {
		if !slices.ContainsFunc(ds, func(d Diploma) bool { return d.Level == l }) {
			t.Errorf("Diplomas offers nothing at level %v", l)
		}
	}
}

func TestFindLevels(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []LevelMention
	}{
		{"", nil},
		{"Bac+2 (BTS, DUT) ou licence professionnelle", []LevelMention{
			{LevelBac2, "Bac+2", 0, 5}, {LevelBac2, "BTS", 7, 10}, {LevelBac2, "DUT", 12, 15},
			{LevelBac3, "licence professionnelle", 20, 43}}},
		{"Brevet des collèges, CAP/BEP", []LevelMention{{LevelNone, "Brevet des collèges", 0, 20}, {LevelCAP, "CAP/BEP", 22, 29}}},
		{"niveau IV ou niveau III", []LevelMention{{LevelBac, "niveau IV", 0, 9}, {LevelBac2, "niveau III", 13, 23}}},
		{"Bac+9, dans le but de, niveau 4", nil}, // no level of the scale; "but" and "niveau 4" are typed, not read in texts
		{"Diplôme d'école d'ingénieur", []LevelMention{{LevelBac5, "Diplôme d'école d'ingénieur", 0, 30}}},
		{"cabac bts", []LevelMention{{LevelBac2, "bts", 6, 9}}}, // at the start of a word only
	} {
		if got := FindLevels(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("FindLevels(%q) = %+v, want %+v", tc.text, got, tc.want)
		}
	}
}

// TestLevelFirstWords checks the words FindLevels tries its patterns at.
func TestLevelFirstWords(t *testing.T) {
	want := []string{"bac", "baccalaureat", "bep", "brevet", "bts", "btsa", "cap", "deug", "deust", "diplome", "diplomes",
		"doctorat", "dut", "ecole", "ecoles", "licence", "m1", "m2", "master", "mastere", "mba", "niveau"}
	var got []string
	for w := range levelREs {
		got = append(got, w)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("levelREs: first words %q, want %q", got, want)
	}
}

// FuzzFindLevels checks that FindLevels returns ordered spans of text
// that ParseLevel reads as their level, without panicking.
func FuzzFindLevels(f *testing.F) {
	for _, s := range []string{"Bac+2 ou BTS", "niveau IV", "brevet des collèges", "\xffbac", "bac + 3 bac+"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := FindLevels(s), findLevelsOneRegexp(s); !slices.Equal(got, want) {
			t.Fatalf("FindLevels(%q) = %+v, with one regexp of every pattern %+v", s, got, want)
		}
		end := 0
		for _, m := range FindLevels(s) {
			if m.Start < end || m.End <= m.Start || m.End > len(s) || s[m.Start:m.End] != m.Text {
				t.Fatalf("FindLevels(%q): mention %+v out of order or not the text", s, m)
			}
			end = m.End
			if l, err := ParseLevel(m.Text); m.Level != LevelNone && (err != nil || l != m.Level) {
				t.Fatalf("FindLevels(%q) read %q as %v, ParseLevel as %v, %v", s, m.Text, m.Level, l, err)
			}
		}
	})
}

// findLevelsOneRegexp is FindLevels with one regexp of every pattern of
// diplomaTable tried at each word that begins one, as FindLevels was
// before it tried only the patterns that begin with the word: the oracle
// of FuzzFindLevels and TestFindLevelsROME.
func findLevelsOneRegexp(text string) []LevelMention {
	return findLevels(text, func(word string) *regexp.Regexp {
		if levelREs[Fold(word)] == nil {
			return nil
		}
		return oneLevelRegexp()
	})
}

var oneLevelRegexp = sync.OnceValue(func() *regexp.Regexp {
	var patterns []string
	for _, d := range diplomaTable {
		if d.pattern != "" {
			patterns = append(patterns, d.pattern)
		}
	}
	return levelRegexp(patterns)
})

// TestFindLevelsROME checks FindLevels against findLevelsOneRegexp on
// every text of both embedded ROME releases.
func TestFindLevelsROME(t *testing.T) {
	n := 0
	for _, rel := range []struct {
		fsys fs.FS
		glob string
	}{{data.ROME4(), "unix_texte_v*_utf8.csv"}, {data.ROME(), "unix_texte_v*_utf8.csv"}} {
		names, err := fs.Glob(rel.fsys, rel.glob)
		if err != nil || len(names) != 1 {
			t.Fatalf("%s: %v, %v", rel.glob, names, err)
		}
		b, err := fs.ReadFile(rel.fsys, names[0])
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, rec := range recs {
			for _, text := range rec {
				got, want := FindLevels(text), findLevelsOneRegexp(text)
				if !slices.Equal(got, want) {
					t.Fatalf("FindLevels(%q) = %+v, with one regexp of every pattern %+v", text, got, want)
				}
				n += len(got)
			}
		}
	}
	if n < 1000 {
		t.Errorf("%d diplomas found in the texts of both releases, want at least 1,000", n)
	}
}
