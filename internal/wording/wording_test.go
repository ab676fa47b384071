package wording

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/fixture"
)

// text is a French text the program shows, and where it comes from.
type text struct{ where, s string }

var (
	// frenchRE tells a French text from an English one (a log line, an
	// error of the Go API): an accented letter or a French function word.
	frenchRE = regexp.MustCompile(`[àâçéèêëîïôûùœ]|\b(le|la|les|des|du|une|est|pas|aucun|aucune|sans|avec|dans|pour)\b`)
	// pluralRE finds "1 métiers": the figure 1 alone, then a plural noun.
	pluralRE = regexp.MustCompile(`(?:^|[^\d.,+])1 (\p{L}+s)\b`)
	// straightRE finds a straight apostrophe inside a word: « l'arrivée ».
	straightRE = regexp.MustCompile(`\p{L}'\p{L}`)
	// englishRE finds English words that have no place in French output.
	englishRE = regexp.MustCompile(`\b(matches|reviewed|resolved|kept as|word for word|synonym of|the title|is the|not found|unknown job|the|of|and|which|is not|are not|left out|kept|rows?|lines?|appellations? of|diploma|no level|unknown|missing [a-z]+|duplicate|invalid|expected|got|larger than|longer than|more errors|several files|no file|first defined|first on)\b`)
	// parenPluralRE finds a plural left to the reader: « label(s) ».
	parenPluralRE = regexp.MustCompile(`\p{L}\(s\)`)
)

// invariable nouns end with s in the singular: "1 parcours" is right.
var invariable = map[string]bool{"parcours": true, "fois": true, "cours": true, "accès": true, "plus": true, "temps": true, "sous": true, "pas": true, "dans": true, "vers": true}

func TestFrenchWording(t *testing.T) {
	root := filepath.Join("..", "..")
	var texts []text
	texts = append(texts, goLiterals(t, root, "cmd", "web", "pathways", "graph")...)
	texts = append(texts, staticTexts(t, root)...)
	texts = append(texts, dotGoldenTexts(t, root)...)
	texts = append(texts, reportTexts(t)...)
	texts = append(texts, romeReportTexts(t)...)
	if len(texts) < 100 {
		t.Fatalf("only %d French texts found: the scan is broken", len(texts))
	}
	titles := dataTitles(t)
	for _, x := range texts {
		for _, m := range findMistakes(withoutData(x.s, titles)) {
			t.Errorf("%s: %q in %q", x.where, m, clip(x.s))
		}
	}
}

// TestFindMistakes checks that each check can fail.
func TestFindMistakes(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want int
	}{
		{"(1 métiers)", 1},
		{"1 métiers ou rôles y mènent", 1},
		{"1 parcours, 2 métiers, 11 métiers, 0,1 points", 0},
		{"aucun parcours ne mène à l'arrivée", 1},
		{"aucun parcours ne mène à l’arrivée", 0},
		{"appellation 38972 « Data scientist » matches the title", 2},
		{"6 label(s) are given twice to one fiche: left out", 2},
		{"6 libellés en double dans une même fiche", 0},
		{"accessible without a diploma: no level", 2},
	} {
		if got := findMistakes(tt.s); len(got) != tt.want {
			t.Errorf("findMistakes(%q) = %q, want %d mistakes", tt.s, got, tt.want)
		}
	}
}

// quotedRE finds a quote of the source, « … », kept as printed.
var quotedRE = regexp.MustCompile(`«[^»]*»`)

// withoutData removes from s what comes from the data as printed: the
// quotes and the titles of the nodes. A straight apostrophe there is the
// source's («Responsable sécurité des systèmes d'information»), not a
// mistake of the program.
func withoutData(s string, titles []string) string {
	s = quotedRE.ReplaceAllString(s, "«»")
	s = strings.ReplaceAll(s, `\n`, " ")
	for _, t := range titles {
		s = strings.ReplaceAll(s, t, "")
	}
	return s
}

// dataTitles returns the titles of the nodes of the repertoire and of the
// ROME families, longest first, with their line breaks as the maps wrap
// them removed.
func dataTitles(t *testing.T) []string {
	g, r := fixture.Metiers(t), fixture.ROME4(t)
	var out []string
	for _, gr := range []*graph.Graph{g, r} {
		for _, j := range gr.Jobs() {
			out = append(out, j.Title)
			if f := j.Fiche; f != nil {
				out = append(out, f.DomainTitle, f.GrandDomainTitle)
			}
		}
	}
	slices.SortFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
}

func findMistakes(s string) []string {
	var out []string
	for _, m := range pluralRE.FindAllStringSubmatch(s, -1) {
		if !invariable[strings.ToLower(m[1])] {
			out = append(out, "1 "+m[1])
		}
	}
	out = append(out, straightRE.FindAllString(s, -1)...)
	out = append(out, englishRE.FindAllString(s, -1)...)
	out = append(out, parenPluralRE.FindAllString(s, -1)...)
	return out
}

// goLiterals returns the French string literals of the non-test Go files
// under dirs: the messages of the CLI and the API.
func goLiterals(t *testing.T, root string, dirs ...string) []text {
	var out []text
	for _, dir := range dirs {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(lit.Value)
				// Regular expressions (level and ROME readers) are not output.
				if err == nil && frenchRE.MatchString(s) && !strings.Contains(s, `\s`) && !strings.Contains(s, "(?i)") {
					out = append(out, text{filepath.ToSlash(rel), s})
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// staticTexts returns the French lines of the page (web/static).
func staticTexts(t *testing.T, root string) []text {
	var out []text
	err := filepath.WalkDir(filepath.Join(root, "web", "static"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(path, ".js") || strings.HasSuffix(path, ".html")) {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		for _, line := range strings.Split(string(b), "\n") {
			if l := strings.TrimSpace(line); frenchRE.MatchString(l) && !strings.HasPrefix(l, "//") && !strings.HasPrefix(l, "*") {
				out = append(out, text{filepath.ToSlash(rel), l})
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// dotGoldenTexts returns the quoted strings of the DOT golden files of
// web: the titles and tooltips the SVG maps show.
func dotGoldenTexts(t *testing.T, root string) []text {
	files, err := filepath.Glob(filepath.Join(root, "web", "testdata", "*.dot.golden"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no DOT golden file: %v", err)
	}
	quoted := regexp.MustCompile(`"((?:[^"\\]|\\.)*)"`)
	var out []text
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range quoted.FindAllSubmatch(b, -1) {
			if s := string(m[1]); frenchRE.MatchString(s) {
				out = append(out, text{"web/testdata/" + filepath.Base(f), s})
			}
		}
	}
	return out
}

// reportTexts returns the messages of the data-quality report of the
// repertoire, and the reasons of its ROME links that the API shows.
func reportTexts(t *testing.T) []text {
	g := fixture.Metiers(t)
	var out []text
	for _, p := range g.Problems() {
		out = append(out, text{"validate " + p.Code, p.Message})
	}
	for _, j := range g.Jobs() {
		for _, r := range j.Rome {
			out = append(out, text{"rome_links " + string(j.ID), r.Why})
		}
	}
	return out
}

func clip(s string) string {
	if r := []rune(s); len(r) > 90 {
		return string(r[:90]) + "…"
	}
	return s
}
