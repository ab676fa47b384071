package graph

import (
	"errors"
	"strings"
	"testing"
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
