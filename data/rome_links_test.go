package data_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/pathways-fr/pathways/data"
	"github.com/pathways-fr/pathways/internal/testtool"
)

// romeRows reads a CSV file of the embedded ROME release as maps keyed
// by the header, with doubled apostrophes made single as the loader does.
func romeRows(t *testing.T, glob string) []map[string]string {
	t.Helper()
	rows := testtool.CSVRows(t, data.ROME(), glob)
	for _, m := range rows {
		for h, v := range m {
			m[h] = strings.ReplaceAll(v, "''", "'")
		}
	}
	return rows
}

// appellation is a row of a release's appellations: its fiche and its
// long label.
type appellation struct{ fiche, label string }

// referentials reads the title of every fiche (code_rome → libelle_rome)
// and every appellation (code_ogr) of a release's two referentials.
func referentials(fiches, apps []map[string]string) (map[string]string, map[string]appellation) {
	titles := map[string]string{}
	for _, r := range fiches {
		titles[r["code_rome"]] = r["libelle_rome"]
	}
	byCode := map[string]appellation{}
	for _, r := range apps {
		byCode[r["code_ogr"]] = appellation{r["code_rome"], r["libelle_appellation_long"]}
	}
	return titles, byCode
}

// whyAppRE finds the appellations a rome_links "why" cites:
// appellation 14156 « Développeur / Développeuse web ».
var whyAppRE = regexp.MustCompile(`appellation (\d+) « ([^»]+) »`)

// TestRomeLinks checks the reviewed bridge from the 35 métiers to ROME:
// every code is a card of the embedded release, every title is that
// card's title, and every appellation a "why" cites exists under that
// label; the first one cited belongs to the linked card.
func TestRomeLinks(t *testing.T) {
	cards, apps := referentials(romeRows(t, "*referentiel_code_rome*.csv"), romeRows(t, "*referentiel_appellation*.csv"))
	doc := loadMetiers(t)
	jobs := map[string]bool{}
	for _, j := range doc.Jobs {
		jobs[j.ID] = true
	}
	if len(doc.RomeLinks) < 20 {
		t.Errorf("rome_links has %d links, want at least 20", len(doc.RomeLinks))
	}
	seen := map[string]bool{}
	for i, l := range doc.RomeLinks {
		if !jobs[l.Job] {
			t.Errorf("rome_links[%d]: job %q does not exist", i, l.Job)
		}
		if seen[l.Job+" "+l.Code] {
			t.Errorf("rome_links[%d]: %s → %s listed twice", i, l.Job, l.Code)
		}
		seen[l.Job+" "+l.Code] = true
		title, ok := cards[l.Code]
		if !ok {
			t.Errorf("rome_links[%d] (%s): code %q is not a card of the embedded ROME", i, l.Job, l.Code)
			continue
		}
		if l.Title != title {
			t.Errorf("rome_links[%d] (%s): title %q, want the card's libelle_rome %q", i, l.Job, l.Title, title)
		}
		cited := whyAppRE.FindAllStringSubmatch(l.Why, -1)
		if len(cited) == 0 {
			t.Errorf("rome_links[%d] (%s): why %q cites no appellation", i, l.Job, l.Why)
			continue
		}
		for _, m := range cited {
			a, ok := apps[m[1]]
			if !ok || a.label != m[2] {
				t.Errorf("rome_links[%d] (%s): appellation %s is %+v, not « %s »", i, l.Job, m[1], a, m[2])
			}
		}
		if a := apps[cited[0][1]]; a.fiche != l.Code {
			t.Errorf("rome_links[%d] (%s): first appellation cited, %s, belongs to %s, not %s", i, l.Job, cited[0][1], a.fiche, l.Code)
		}
	}
	// The links that the issue names, checked by hand against the files.
	for _, want := range []string{
		"developpeur-web M1805", "directeur-systemes-information M1803",
		"responsable-securite-si M1802", "data-scientist M1403", "web-designer E1205",
	} {
		if !seen[want] {
			t.Errorf("rome_links lacks %s", want)
		}
	}
}

// rome4Rows reads a CSV file of the embedded ROME 4.0 release as maps
// keyed by the header.
func rome4Rows(t *testing.T, glob string) []map[string]string {
	t.Helper()
	return testtool.CSVRows(t, data.ROME4(), glob)
}

// bridgeWords returns the words of s, folded: lower case, no accents, no
// final s, stop words dropped.
func bridgeWords(s string) map[string]bool {
	// Words are folded one by one with norm (provenance_test.go).
	var b strings.Builder
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return norm(string(r)) == "" }) {
		b.WriteString(norm(w) + " ")
	}
	out := map[string]bool{}
	for _, w := range strings.Fields(b.String()) {
		switch w {
		case "de", "des", "du", "la", "le", "les", "et", "en", "d", "l", "a", "au":
			continue
		}
		out[strings.TrimSuffix(w, "s")] = true
	}
	return out
}

// covers reports whether every word of name is a word of one of texts.
func covers(name string, texts ...string) bool {
	have := map[string]bool{}
	for _, t := range texts {
		for w := range bridgeWords(t) {
			have[w] = true
		}
	}
	for w := range bridgeWords(name) {
		if !have[w] {
			return false
		}
	}
	return len(bridgeWords(name)) > 0
}

// bridgeCitedRE finds the appellations a why cites by code: « … » (15712).
var bridgeCitedRE = regexp.MustCompile(`\((\d+)\)|appellation (\d+)`)

// TestBridgeROME4 checks the reviewed bridge between the 35 métiers and
// ROME 4.0 against the CSV files: every métier is linked or said to be
// unlinked, never both; every link names a fiche by its title and an
// appellation of that fiche by its label; a link by title or synonym
// holds every word of the métier's title or of one of its synonyms; every
// appellation a why cites exists.
func TestBridgeROME4(t *testing.T) {
	fiches, apps := referentials(rome4Rows(t, "*referentiel_code_rome_v*.csv"), rome4Rows(t, "*referentiel_appellation*.csv"))
	jobs := map[string]jobDoc{}
	for _, j := range loadMetiers(t).Jobs {
		jobs[j.ID] = j
	}
	var doc struct {
		Links []struct {
			Job, Code, Title, Appellation, Label, Match, Why string
		} `json:"links"`
		Unlinked []struct{ Job, Why string } `json:"unlinked"`
	}
	if err := json.Unmarshal(data.BridgeROME4(), &doc); err != nil {
		t.Fatal(err)
	}
	linked, seen := map[string]bool{}, map[string]bool{}
	for i, l := range doc.Links {
		j, ok := jobs[l.Job]
		if !ok {
			t.Errorf("links[%d]: métier %q does not exist", i, l.Job)
		}
		if seen[l.Job+" "+l.Code] {
			t.Errorf("links[%d]: %s → %s listed twice", i, l.Job, l.Code)
		}
		seen[l.Job+" "+l.Code], linked[l.Job] = true, true
		if title, ok := fiches[l.Code]; !ok || title != l.Title {
			t.Errorf("links[%d] (%s): fiche %s is titled %q (exists: %v), not %q", i, l.Job, l.Code, title, ok, l.Title)
		}
		if a, ok := apps[l.Appellation]; !ok || a.fiche != l.Code || a.label != l.Label {
			t.Errorf("links[%d] (%s): appellation %s is %+v, not « %s » of %s", i, l.Job, l.Appellation, a, l.Label, l.Code)
		}
		switch l.Match {
		case "title":
			if !covers(j.Title, l.Label, l.Title) {
				t.Errorf("links[%d] (%s): match title, but « %s » is not in « %s »", i, l.Job, j.Title, l.Label)
			}
		case "synonym":
			ok := false
			for _, s := range j.Synonyms {
				ok = ok || covers(s, l.Label, l.Title)
			}
			if !ok {
				t.Errorf("links[%d] (%s): match synonym, but no synonym of %q is in « %s »", i, l.Job, j.Synonyms, l.Label)
			}
		case "reviewed":
		default:
			t.Errorf("links[%d] (%s): match %q is not title, synonym or reviewed", i, l.Job, l.Match)
		}
		if strings.TrimSpace(l.Why) == "" {
			t.Errorf("links[%d] (%s): no why", i, l.Job)
		}
		for _, m := range bridgeCitedRE.FindAllStringSubmatch(l.Why, -1) {
			if code := m[1] + m[2]; apps[code].label == "" {
				t.Errorf("links[%d] (%s): why cites appellation %s, which does not exist", i, l.Job, code)
			}
		}
	}
	for i, u := range doc.Unlinked {
		if _, ok := jobs[u.Job]; !ok || linked[u.Job] || strings.TrimSpace(u.Why) == "" {
			t.Errorf("unlinked[%d]: %q exists %v, linked %v, why %q", i, u.Job, ok, linked[u.Job], u.Why)
		}
		linked[u.Job] = true
	}
	for id := range jobs {
		if !linked[id] {
			t.Errorf("métier %s is neither linked nor listed as unlinked", id)
		}
	}
	if len(jobs) != 35 {
		t.Errorf("%d métiers, want 35", len(jobs))
	}
	// The links the issue names, checked by hand against the files.
	for _, want := range []string{
		"architecte-cloud-reseaux M1860", "technicien-reseaux-cloud M1876",
		"data-scientist M1405", "responsable-securite-si M1812",
	} {
		if !seen[want] {
			t.Errorf("the bridge lacks %s", want)
		}
	}
}
