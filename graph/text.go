package graph

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// fold maps the letters of French text to ASCII: accents dropped,
// ligatures spelt out. Other runes are left as they are.
var fold = map[rune]string{
	'à': "a", 'â': "a", 'ä': "a", 'á': "a", 'ã': "a", 'å': "a",
	'ç': "c", 'é': "e", 'è': "e", 'ê': "e", 'ë': "e",
	'î': "i", 'ï': "i", 'í': "i", 'ì': "i",
	'ô': "o", 'ö': "o", 'ó': "o", 'ò': "o", 'õ': "o",
	'ù': "u", 'û': "u", 'ü': "u", 'ú': "u",
	'ÿ': "y", 'ñ': "n", 'œ': "oe", 'æ': "ae", 'ß': "ss",
}

// stopWords are dropped from keys: "Administrateur base de données" and
// "Administrateur de bases de données" name the same job.
var stopWords = map[string]bool{
	"a": true, "au": true, "aux": true, "d": true, "de": true, "des": true, "du": true,
	"en": true, "et": true, "l": true, "la": true, "le": true, "les": true, "ou": true,
	"un": true, "une": true, "the": true, "of": true, "sur": true, "pour": true,
}

// Fold returns s in lower case with accents removed and every run of
// characters other than ASCII letters and digits replaced by one space.
// Invalid UTF-8 is treated as a separator.
func Fold(s string) string {
	if folded(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for i := 0; i < len(s); {
		// ASCII, most of every name, without the table of accents.
		if c := s[i]; c < utf8.RuneSelf {
			if lowerOrDigit(c) {
				// A run of letters and digits already folded, at once.
				j := i + 1
				for j < len(s) && lowerOrDigit(s[j]) {
					j++
				}
				b.WriteString(s[i:j])
				i, space = j, false
				continue
			}
			i++
			if 'A' <= c && c <= 'Z' {
				b.WriteByte(c + 'a' - 'A')
				space = false
			} else if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		r = unicode.ToLower(r)
		if f, ok := fold[r]; ok {
			b.WriteString(f)
			space = false
			continue
		}
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			space = false
			continue
		}
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSuffix(b.String(), " ")
}

func lowerOrDigit(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') }

// folded reports whether s is its own Fold: words of lower-case ASCII
// letters and digits, one space between two, as texts typed in a query
// most often are.
func folded(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ':
			if i == 0 || i == len(s)-1 || s[i-1] == ' ' {
				return false
			}
		case (c < 'a' || c > 'z') && (c < '0' || c > '9'):
			return false
		}
	}
	return true
}

// Tokens returns the words of s as Key sees them: folded, stop words
// dropped, plurals made singular.
func Tokens(s string) []string { return wordsOf(s).tokens }

// Key returns the form under which two names are the same name: accents,
// case, punctuation, hyphens, apostrophes, stop words and plurals never
// matter. Key("Administrateur de bases de données") equals
// Key("administrateur base de donnee").
func Key(s string) string { return wordsOf(s).key }

// words are the Tokens of a name and its Key.
type words struct {
	tokens []string
	key    string
}

// wordsOf returns the Tokens and the Key of s. The tokens are substrings
// of the folded text, which is the key itself when no word was dropped or
// made singular: most names cost two allocations.
func wordsOf(s string) words {
	f := Fold(s)
	if f == "" {
		return words{}
	}
	toks := make([]string, 0, strings.Count(f, " ")+1)
	same := true
	for rest := f; rest != ""; {
		w, after, _ := strings.Cut(rest, " ")
		rest = after
		if stopWords[w] {
			same = false
			continue
		}
		sw := singular(w)
		same = same && len(sw) == len(w)
		toks = append(toks, sw)
	}
	if same {
		return words{toks, f}
	}
	return words{toks, strings.Join(toks, " ")}
}

func singular(w string) string {
	switch {
	case len(w) > 4 && strings.HasSuffix(w, "eaux"):
		return w[:len(w)-1]
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		return w[:len(w)-1]
	}
	return w
}

// Slug returns an ASCII identifier for s: folded words joined by hyphens.
func Slug(s string) string { return strings.ReplaceAll(Fold(s), " ", "-") }
