package graph

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
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
var ErrUnknownLevel = errors.New("niveau inconnu")

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

// Diploma is a diploma as people name it, and the level it gives.
type Diploma struct {
	Text  string `json:"text"`  // as displayed: "BTS", "Licence pro"
	Level Level  `json:"level"` // the level ParseLevel reads from Text
}

// diploma is one entry of the vocabulary of diplomas and levels, the one
// table ParseLevel and FindLevels read.
type diploma struct {
	text    string   // the form offered to people by Diplomas; "" for none
	level   Level    // LevelNone for a diploma below the scale
	keys    []string // the Keys of the ways it is written
	pattern string   // how FindLevels finds it in a text (case ignored); "" for never
}

// diplomaTable is the vocabulary, in increasing level. FindLevels looks
// for the patterns only: the keys alone are words people type into a
// query ("BUT", "niveau 6"), which in free text mean other things ("dans
// le but de").
var diplomaTable = []diploma{
	{level: LevelNone, keys: []string{"brevet college"}, pattern: `brevet\s+des\s+coll[èe]ges`},
	{level: LevelNone, keys: []string{"diplome fin etude secondaire"}, pattern: `dipl[ôo]mes?\s+de\s+fin\s+d'[ée]tudes\s+secondaires`},

	{text: "CAP", level: LevelCAP, keys: []string{"cap"}, pattern: `cap`},
	{text: "BEP", level: LevelCAP, keys: []string{"bep"}, pattern: `bep`},
	{level: LevelCAP, keys: []string{"cap bep"}, pattern: `cap\s*/\s*bep`},
	{level: LevelCAP, keys: []string{"brevet professionnel agricole"}, pattern: `brevet\s+professionnel\s+agricole`},
	{level: LevelCAP, keys: []string{"niveau 3"}},
	{level: LevelCAP, keys: []string{"niveau v"}, pattern: `niveau\s+(?-i:V)`},

	{text: "Bac", level: LevelBac, keys: []string{"bac", "bac 0"}, pattern: `bac`},
	{text: "Bac pro", level: LevelBac, keys: []string{"bac pro", "bac professionnel"}, pattern: `bac\s+pro(?:fessionnel)?`},
	{level: LevelBac, keys: []string{"bac technologique"}, pattern: `bac\s+technologique`},
	{level: LevelBac, keys: []string{"bac general"}, pattern: `bac\s+g[ée]n[ée]ral`},
	{level: LevelBac, keys: []string{"baccalaureat"}, pattern: `baccalaur[ée]at`},
	{level: LevelBac, keys: []string{"brevet technicien"}, pattern: `brevet\s+de\s+technicien`},
	{level: LevelBac, keys: []string{"brevet professionnel"}, pattern: `brevet\s+professionnel`},
	{level: LevelBac, keys: []string{"niveau 4"}},
	{level: LevelBac, keys: []string{"niveau iv"}, pattern: `niveau\s+(?-i:IV)`},

	{text: "BTS", level: LevelBac2, keys: []string{"bts"}, pattern: `bts`},
	{text: "DUT", level: LevelBac2, keys: []string{"dut"}, pattern: `dut`},
	{text: "Bac +2", level: LevelBac2}, // read by the rule of "bac" and a number
	{level: LevelBac2, keys: []string{"btsa"}, pattern: `btsa`},
	{level: LevelBac2, keys: []string{"deust"}, pattern: `deust`},
	{level: LevelBac2, keys: []string{"deug"}, pattern: `deug`},
	{level: LevelBac2, keys: []string{"brevet technicien superieur"}, pattern: `brevet\s+de\s+technicien\s+sup[ée]rieur`},
	{level: LevelBac2, keys: []string{"niveau 5"}},
	{level: LevelBac2, keys: []string{"niveau iii"}, pattern: `niveau\s+(?-i:III)`},

	{text: "BUT", level: LevelBac3, keys: []string{"but"}},
	{text: "Licence", level: LevelBac3, keys: []string{"licence"}, pattern: `licence`},
	{text: "Licence pro", level: LevelBac3, keys: []string{"licence pro", "licence professionnelle"}, pattern: `licence\s+professionnelle`},
	{text: "Bachelor", level: LevelBac3, keys: []string{"bachelor"}},
	{text: "Bac +3", level: LevelBac3},
	{level: LevelBac3, keys: []string{"niveau 6"}},
	{level: LevelBac3, keys: []string{"niveau ii"}, pattern: `niveau\s+(?-i:II)`},

	{text: "Master 1", level: LevelBac4, keys: []string{"master 1"}, pattern: `master\s+1`},
	{text: "Bac +4", level: LevelBac4},
	{level: LevelBac4, keys: []string{"maitrise"}},
	{level: LevelBac4, keys: []string{"m1"}, pattern: `m1`},

	{text: "Master", level: LevelBac5, keys: []string{"master"}, pattern: `master`},
	{text: "Diplôme d’ingénieur", level: LevelBac5, keys: []string{"diplome ingenieur"}, pattern: `dipl[ôo]mes?\s+d'(?:[ée]coles?\s+d')?ing[ée]nieurs?`},
	{text: "Mastère spécialisé", level: LevelBac5, keys: []string{"mastere specialise"}},
	{text: "Bac +5", level: LevelBac5},
	{text: "Doctorat", level: LevelBac5, keys: []string{"doctorat"}, pattern: `doctorat`},
	{level: LevelBac5, keys: []string{"master 2"}, pattern: `master\s+2`},
	{level: LevelBac5, keys: []string{"m2"}, pattern: `m2`},
	{level: LevelBac5, keys: []string{"mastere"}, pattern: `mast[èe]re`},
	{level: LevelBac5, keys: []string{"mba"}, pattern: `mba`},
	{level: LevelBac5, keys: []string{"ecole ingenieur"}, pattern: `[ée]coles?\s+d'ing[ée]nieurs?`},
	{level: LevelBac5, keys: []string{"diplome ecole ingenieur"}},
	{level: LevelBac5, keys: []string{"diplome etat docteur"}, pattern: `dipl[ôo]me\s+d'[ée]tat\s+de\s+docteur`},
	{level: LevelBac5, keys: []string{"niveau 7"}},
	{level: LevelBac5, keys: []string{"niveau i"}, pattern: `niveau\s+(?-i:I)`},
	// Beyond Bac +5 a person meets every level of the scale.
	{level: LevelBac5, keys: []string{"niveau 8", "phd"}},

	// "Bac +2", "bac+4": the level of the number, by bacLevel.
	{level: LevelNone, pattern: `bac\s*\+\s*\d`},
}

// diplomaKeys maps the Key of every way a diploma is written to its
// entry of diplomaTable.
var diplomaKeys = func() map[string]*diploma {
	m := map[string]*diploma{}
	for i := range diplomaTable {
		for _, k := range diplomaTable[i].keys {
			m[k] = &diplomaTable[i]
		}
	}
	return m
}()

// Diplomas returns the diplomas and levels people are offered to type,
// in increasing level: "CAP", "Bac pro", "BTS", "Licence", "Master"…
// ParseLevel reads each Text as its Level.
func Diplomas() []Diploma {
	var out []Diploma
	for _, d := range diplomaTable {
		if d.text != "" {
			out = append(out, Diploma{Text: d.text, Level: d.level})
		}
	}
	return out
}

// ParseLevel reads a level or a diploma as people type it: "bac+2",
// "Bac +4/5" (either is accepted, so the minimum, Bac +4), "BTS",
// "licence pro", "diplôme d'ingénieur", "niveau 6". Accents and case never
// matter. It reports ErrUnknownLevel for anything else, a diploma below
// the scale included (brevet des collèges).
func ParseLevel(s string) (Level, error) {
	if len(s) <= maxLevelText {
		if l, ok := LevelOfKey(s, Key(s)); ok {
			return l, nil
		}
	}
	return LevelNone, &unknownLevelError{s}
}

// LevelOfKey reports the level ParseLevel reads in s, given key, the Key
// of s: for a caller that holds the key already (a path query's start,
// whose words resolution reads too), and that needs no error.
func LevelOfKey(s, key string) (Level, bool) {
	if len(s) > maxLevelText {
		return LevelNone, false
	}
	l, ok := levelOfKey(key)
	return l, ok && l != LevelNone
}

// maxLevelText is the longest text ParseLevel reads.
const maxLevelText = 100

// unknownLevelError is ParseLevel's error: ErrUnknownLevel and the text
// read. Its message is written only when asked for: most callers try a
// text as a level and go on when it names none (a path query's start, the
// words of ROME's access texts).
type unknownLevelError struct{ text string }

func (e *unknownLevelError) Error() string {
	if len(e.text) > maxLevelText {
		return ErrUnknownLevel.Error() + "\u202f: texte trop long"
	}
	return ErrUnknownLevel.Error() + "\u202f: " + strconv.Quote(e.text)
}

func (e *unknownLevelError) Unwrap() error { return ErrUnknownLevel }

// levelOfKey returns the level of a diploma or level written as k, a Key;
// LevelNone, true for a diploma below the scale.
func levelOfKey(k string) (Level, bool) {
	if d, ok := diplomaKeys[k]; ok {
		return d.level, true
	}
	// "bac 2", "bac+2", "bac 4 5", "bac +4/+5": the first number counts.
	if rest, ok := strings.CutPrefix(k, "bac "); ok {
		num, _, _ := strings.Cut(rest, " ")
		switch num {
		case "1":
			return LevelBac, true
		case "2":
			return LevelBac2, true
		case "3":
			return LevelBac3, true
		case "4":
			return LevelBac4, true
		case "5", "6", "7", "8":
			return LevelBac5, true
		}
	}
	// "bac2" typed without a separator.
	if rest, ok := strings.CutPrefix(k, "bac"); ok && len(rest) == 1 {
		return levelOfKey("bac " + rest)
	}
	return LevelNone, false
}

// LevelMention is a diploma or level named in a text: text[Start:End] is
// Text.
type LevelMention struct {
	Level Level // LevelNone for a diploma below the scale
	Text  string
	Start int
	End   int
}

// figure reports whether m is written as a figure: "Bac +2", "bac+5".
func (m LevelMention) figure() bool {
	k := Key(m.Text)
	return len(k) == len("bac 2") && strings.HasPrefix(k, "bac ") && k[4] >= '0' && k[4] <= '9'
}

// levelREs find the patterns of diplomaTable at the start of a text, the
// longest when several match ("Bac+2", not "Bac"), by the folded forms
// of their first word: FindLevels tries at a word only the patterns that
// begin with it. (One regexp of every pattern, tried at every such word,
// was about a tenth of the load of ROME 4.0.)
var levelREs = func() map[string]*regexp.Regexp {
	alts := map[string][]string{}
	for _, d := range diplomaTable {
		if d.pattern == "" {
			continue
		}
		// The first word of a pattern, with its accents and plural.
		w, _, _ := strings.Cut(d.pattern, `\s`)
		for _, v := range firstWordForms(w) {
			if !slices.Contains(alts[v], d.pattern) {
				alts[v] = append(alts[v], d.pattern)
			}
		}
	}
	res := make(map[string]*regexp.Regexp, len(alts))
	for v, a := range alts {
		res[v] = levelRegexp(a)
	}
	return res
}()

// levelRegexp returns the regexp that finds the longest of patterns at
// the start of a text, at the end of a word.
func levelRegexp(patterns []string) *regexp.Regexp {
	re := regexp.MustCompile(`(?i)^(?:` + strings.Join(patterns, "|") + `)\b`)
	re.Longest()
	return re
}

// firstWordForms spells out the words a pattern's first word matches:
// its optional letters ("s?") and accented classes ("[ée]").
func firstWordForms(w string) []string {
	forms := []string{""}
	for i := 0; i < len(w); {
		switch {
		case w[i] == '[':
			end := strings.IndexByte(w[i:], ']') + i
			var next []string
			for _, r := range w[i+1 : end] {
				for _, f := range forms {
					next = append(next, f+string(r))
				}
			}
			forms, i = next, end+1
		case i+1 < len(w) && w[i+1] == '?':
			n := len(forms)
			for _, f := range forms[:n] {
				forms = append(forms, f+w[i:i+1])
			}
			i += 2
		case strings.ContainsRune(`\*+(`, rune(w[i])):
			return foldAll(forms) // the first word ends here ("bac\s*\+")
		default:
			for k := range forms {
				forms[k] += w[i : i+1]
			}
			i++
		}
	}
	return foldAll(forms)
}

func foldAll(forms []string) []string {
	for i, f := range forms {
		forms[i] = Fold(f)
	}
	return forms
}

// FindLevels returns the diplomas and levels text names, in order:
// "BTS", "Bac+2", "licence professionnelle", "brevet des collèges" (below
// the scale: LevelNone). What reads as a diploma but gives no level of
// the scale ("Bac+9") is left out.
func FindLevels(text string) []LevelMention { return findLevels(text, levelREOf) }

// findLevels is FindLevels with reOf giving the regexp tried at a word, nil
// for none.
func findLevels(text string, reOf func(word string) *regexp.Regexp) []LevelMention {
	var out []LevelMention
	for i := 0; i < len(text); {
		n, word := wordRuneAt(text, i)
		if !word {
			i += n
			continue
		}
		end := i + n
		for end < len(text) {
			n, word := wordRuneAt(text, end)
			if !word {
				break
			}
			end += n
		}
		if re := reOf(text[i:end]); re != nil {
			// A window, not the rest of the text: the regexp's cost grows
			// with the length of its input.
			if m := re.FindStringIndex(text[i:min(len(text), i+120)]); m != nil {
				words := text[i : i+m[1]]
				if l, ok := levelOfKey(Key(words)); ok {
					out = append(out, LevelMention{Level: l, Text: words, Start: i, End: i + m[1]})
				}
				end = max(end, i+m[1])
			}
		}
		i = end
	}
	return out
}

// levelREOf returns the regexp of levelREs for a word, nil for a word no
// pattern begins with. A short ASCII word is lowered on the stack rather
// than folded: Fold allocates, and was half of FindLevels on the texts of
// ROME 4.0, whose words are seldom diplomas.
func levelREOf(word string) *regexp.Regexp {
	var buf [16]byte
	if len(word) > len(buf) {
		return levelREs[Fold(word)]
	}
	for k := 0; k < len(word); k++ {
		c := word[k]
		if c >= utf8.RuneSelf {
			return levelREs[Fold(word)]
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[k] = c
	}
	return levelREs[string(buf[:len(word)])]
}

// wordRuneAt returns the size of the rune of text at i and whether it is a
// letter or a digit.
func wordRuneAt(text string, i int) (int, bool) {
	if c := text[i]; c < utf8.RuneSelf {
		return 1, 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	r, n := utf8.DecodeRuneInString(text[i:])
	return n, unicode.IsLetter(r) || unicode.IsDigit(r)
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
		return fmt.Errorf("%w\u202f: %q", ErrUnknownLevel, b)
	}
	*l = v
	return nil
}
