package graph

import (
	"strings"
	"testing"

	"github.com/pathways-fr/pathways/data"
)

// TestReportOnRepertoire checks the quality report of the repertoire
// against the defects the cards were re-read for (issue 11): each found
// once, and none of the false reports the report used to make.
func TestReportOnRepertoire(t *testing.T) {
	g := realGraph(t)
	probs := g.Problems()
	count := func(job JobID, field, code, quote string) int {
		n := 0
		for _, p := range probs {
			if p.Job == job && p.Field == field && (code == "" || p.Code == code) && strings.Contains(p.Quote, quote) {
				n++
			}
		}
		return n
	}
	for _, tt := range []struct {
		job                JobID
		field, code, quote string
	}{
		{"ergonome", "initial_training", "source-note", "Internet et médias mobiles"},
		{"manager-equipe", "level_text", "level-unsupported", "Bac +5"},
		{"charge-clientele", "status", "", "consultant dans une agence Web"},
		{"administrateur-base-de-donnees", "synonyms", "source-note", "Data stewart"},
		{"responsable-cybersecurite", "status", "source-note", "au sein une"},
		{"consultant-expert-metier", "description", "source-note", "du clients"},
		{"responsable-securite-si", "description", "source-note", "d’une organisme"},
		{"technicien-reseaux-cloud", "environments", "source-note", "nouveaux procédures"},
		{"administrateur-base-de-donnees", "knowledge", "source-note", "scrapping"},
		{"developpeur-web", "trainings", "source-note", ", Une grande part"},
		{"charge-clientele", "perspectives", "alias-collision", "Ingénieur commercial Web"},
		{"ingenieur-affaires", "knowledge", "", ""},
		{"administrateur-base-de-donnees", "perspectives", "ambiguous-domain", "Études et développement informatique"},
		{"responsable-strategie-prospective", "perspectives", "", "Vers les métiers du management"},
	} {
		if n := count(tt.job, tt.field, tt.code, tt.quote); n != 1 {
			t.Errorf("report on %s.%s (%s %q): %d entries, want 1", tt.job, tt.field, tt.code, tt.quote, n)
		}
	}
	for _, tt := range []struct {
		job         JobID
		field, code string
	}{
		{"technicien-maintenance-support", "level_text", "level-vs-training"},
		{"designer-experience", "level_text", "level-vs-training"},
		{"ingenieur-cloud-reseaux", "level_text", "level-vs-training"},
		{"developpeur-web-mobile", "perspectives", "copied-perspectives"},
		{"responsable-strategie-prospective", "status", "copied-status"},
		{"directeur-systemes-information", "status", "copied-status"},
		{"manager-equipe", "status", "copied-status"},
	} {
		if n := count(tt.job, tt.field, tt.code, ""); n != 0 {
			t.Errorf("report on %s.%s: %d %s entries, want none", tt.job, tt.field, n, tt.code)
		}
	}
	// Each ambiguous ROME card is reported on every card that prints it:
	// the nine phrases naming M1803, M1805 and M1810, and the three
	// naming M1802.
	codes := map[string]int{}
	for _, p := range probs {
		codes[p.Code]++
	}
	if codes["ambiguous-domain"] != 8 || codes["domain-match"] != 4 {
		t.Errorf("ambiguous-domain %d, domain-match %d; want 8 (M1803 ×4, M1805 ×1, M1802 ×3) and 4 (M1810 ×4)", codes["ambiguous-domain"], codes["domain-match"])
	}
	// Every quote is located in the source text.
	probs = append([]Problem(nil), probs...)
	LocateQuotes(g, probs, data.Source())
	for _, p := range probs {
		if p.Quote != "" && p.Line == 0 {
			t.Errorf("%s %s.%s: quote %q not found in the source text", p.Code, p.Job, p.Field, p.Quote)
		}
	}
}
