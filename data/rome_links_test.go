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
	var doc struct {
		Jobs []struct {
			ID string `json:"id"`
		} `json:"jobs"`
		Links []struct {
			Job, Code, Title, Why string
		} `json:"rome_links"`
	}
	if err := json.Unmarshal(data.Metiers(), &doc); err != nil {
		t.Fatal(err)
	}
	jobs := map[string]bool{}
	for _, j := range doc.Jobs {
		jobs[j.ID] = true
	}
	if len(doc.Links) < 20 {
		t.Errorf("rome_links has %d links, want at least 20", len(doc.Links))
	}
	seen := map[string]bool{}
	for i, l := range doc.Links {
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
