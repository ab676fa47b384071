package graph

import (
	"errors"
	"fmt"
	"strings"
)

// Level is a minimum access level, from CAP/BEP up to Bac +5. The zero
// Level means "not stated". Levels are ordered: a person holding Level l
// meets every job whose minimum level is at most l.
type Level uint8

// The levels of the French framework used by the repertoires. Don't
// reorder them: comparisons rely on their order.
const (
	LevelNone Level = iota
	LevelCAP        // CAP, BEP: niveau 3
	LevelBac        // niveau 4
	LevelBac2       // BTS, DUT: niveau 5
	LevelBac3       // licence, BUT: niveau 6
	LevelBac4       // master 1: niveau 6
	LevelBac5       // master, diplôme d'ingénieur: niveau 7
)

// Levels lists every level in increasing order.
var Levels = []Level{LevelCAP, LevelBac, LevelBac2, LevelBac3, LevelBac4, LevelBac5}

var levelIDs = [...]string{"", "cap", "bac", "bac+2", "bac+3", "bac+4", "bac+5"}

var levelLabels = [...]string{"", "CAP, BEP", "Bac", "Bac +2", "Bac +3", "Bac +4", "Bac +5"}

// ErrUnknownLevel reports text that names no diploma or level.
var ErrUnknownLevel = errors.New("unknown level")

// String returns the level's identifier: cap, bac, bac+2 … bac+5, or ""
// for LevelNone.
func (l Level) String() string {
	if int(l) < len(levelIDs) {
		return levelIDs[l]
	}
	return fmt.Sprintf("level(%d)", l)
}

// Label returns the level as printed in the repertoire: "Bac +2".
func (l Level) Label() string {
	if int(l) < len(levelLabels) {
		return levelLabels[l]
	}
	return l.String()
}

// Valid reports whether l is one of Levels.
func (l Level) Valid() bool { return l >= LevelCAP && l <= LevelBac5 }

// MarshalText encodes l as its identifier; LevelNone encodes as "".
func (l Level) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// diplomas maps the normalized words people type to a level. Keys are in
// the form produced by Key (accents and case folded, stop words dropped,
// plurals singular).
var diplomas = map[string]Level{
	"cap": LevelCAP, "bep": LevelCAP, "cap bep": LevelCAP, "niveau 3": LevelCAP,
	"bac": LevelBac, "bac pro": LevelBac, "bac professionnel": LevelBac, "baccalaureat": LevelBac,
	"bac general": LevelBac, "bac technologique": LevelBac, "niveau 4": LevelBac, "bac 0": LevelBac,
	"bts": LevelBac2, "dut": LevelBac2, "btsa": LevelBac2, "deust": LevelBac2, "niveau 5": LevelBac2,
	"but": LevelBac3, "licence": LevelBac3, "licence pro": LevelBac3, "licence professionnelle": LevelBac3,
	"bachelor": LevelBac3, "niveau 6": LevelBac3,
	"master 1": LevelBac4, "maitrise": LevelBac4, "m1": LevelBac4,
	"master": LevelBac5, "master 2": LevelBac5, "m2": LevelBac5, "mastere": LevelBac5, "mastere specialise": LevelBac5,
	"mba": LevelBac5, "diplome ingenieur": LevelBac5, "ecole ingenieur": LevelBac5, "niveau 7": LevelBac5,
	// Beyond Bac +5 a person meets every level of the scale.
	"doctorat": LevelBac5, "niveau 8": LevelBac5, "phd": LevelBac5,
}

// ParseLevel reads a level or a diploma as people type it: "bac+2",
// "Bac +4/5" (either is accepted, so the minimum, Bac +4), "BTS",
// "licence pro", "diplôme d'ingénieur", "niveau 6". Accents and case never
// matter. It reports ErrUnknownLevel for anything else.
func ParseLevel(s string) (Level, error) {
	if len(s) > 100 {
		return LevelNone, fmt.Errorf("%w: text too long", ErrUnknownLevel)
	}
	k := Key(s)
	if l, ok := diplomas[k]; ok {
		return l, nil
	}
	// "bac 2", "bac+2", "bac 4 5", "bac +4/+5": the first number counts.
	if rest, ok := strings.CutPrefix(k, "bac "); ok {
		num, _, _ := strings.Cut(rest, " ")
		switch num {
		case "2":
			return LevelBac2, nil
		case "3":
			return LevelBac3, nil
		case "4":
			return LevelBac4, nil
		case "5", "6", "7", "8":
			return LevelBac5, nil
		case "1":
			return LevelBac, nil
		}
	}
	// "bac2" typed without a separator.
	if rest, ok := strings.CutPrefix(k, "bac"); ok && len(rest) == 1 {
		return ParseLevel("bac " + rest)
	}
	return LevelNone, fmt.Errorf("%w: %q", ErrUnknownLevel, s)
}

// LevelByID returns the level whose identifier (cap, bac, bac+2 …) is id.
func LevelByID(id string) (Level, bool) {
	for _, l := range Levels {
		if l.String() == id {
			return l, true
		}
	}
	return LevelNone, false
}

// UnmarshalText decodes a level from its identifier; "" is LevelNone.
func (l *Level) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*l = LevelNone
		return nil
	}
	v, ok := LevelByID(string(b))
	if !ok {
		return fmt.Errorf("%w: %q", ErrUnknownLevel, b)
	}
	*l = v
	return nil
}
