package graph

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/pathways-fr/pathways/data"
)

// TestROMENeedsSpacing checks that romeNeedsSpacing says false only of
// texts strings.Fields and a join would leave as they are, on every field
// of the embedded releases and on texts with odd spaces.
func TestROMENeedsSpacing(t *testing.T) {
	texts := []string{"a b", " a", "a ", "a  b", "a\tb", "a\u00a0b", "a\u2009b", "a\u3000b", "a\u0085b", "a\u1680b",
		"l’emploi « de » x", "°C", "\xe2\x80", "\xc2", "a \u202fb", "ab\u2028", ""}
	for _, fsys := range []fs.FS{data.ROME4(), data.ROME()} {
		names, err := fs.Glob(fsys, "*.csv")
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range names {
			tab, errs := readROMEFile(fsys, n, nil)
			if errs != nil {
				t.Fatal(errs)
			}
			texts = append(texts, tab.cells...)
		}
	}
	for _, s := range texts {
		same := strings.Join(strings.Fields(s), " ") == s
		if !romeNeedsSpacing(s) && !same {
			t.Errorf("romeNeedsSpacing(%q) = false, but Fields changes it", s)
		}
	}
}
