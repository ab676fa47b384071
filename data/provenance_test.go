package data_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/pathways-fr/pathways/data"
	"github.com/pathways-fr/pathways/graph"
)

// Local mirror of the metiers.json schema, decoded with encoding/json
// independently of graph's loader; every test of data reads the
// repertoire through it (loadMetiers). Decoding uses
// DisallowUnknownFields, so any field not declared here fails the test.
type metiersDoc struct {
	Dataset     string       `json:"dataset"`
	Title       string       `json:"title"`
	Version     string       `json:"version,omitempty"`
	Families    []familyDoc  `json:"families"`
	Jobs        []jobDoc     `json:"jobs"`
	Names       []nameDoc    `json:"names"`
	Aliases     []aliasDoc   `json:"phrase_aliases"`
	RomeLinks   []romeDoc    `json:"rome_links"`
	SourceNotes []sourceNote `json:"source_notes"`
}

// nameDoc is a reviewed extra name of a job; Quote is where the source
// prints it.
type nameDoc struct {
	Job   string `json:"job"`
	Text  string `json:"text"`
	Kind  string `json:"kind"`
	Quote string `json:"quote"`
}

type aliasDoc struct {
	Phrase string `json:"phrase"`
	Job    string `json:"job"`
	Note   string `json:"note"`
}

type romeDoc struct {
	Job   string `json:"job"`
	Code  string `json:"code"`
	Title string `json:"title"`
	Why   string `json:"why"`
}

type familyDoc struct {
	ID     string `json:"id"`
	Number int    `json:"number"`
	Title  string `json:"title"`
}

// jobDoc is a job; the members of its card are those of graph.Card.
type jobDoc struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Family    string   `json:"family"`
	HasCard   bool     `json:"has_card"`
	LevelText string   `json:"level_text"`
	Synonyms  []string `json:"synonyms"`
	graph.Card
}

type sourceNote struct {
	Job   string `json:"job"`
	Field string `json:"field"`
	Quote string `json:"quote"`
	Note  string `json:"note"`
}

// foldTable maps the accented letters of the source to ASCII.
var foldTable = map[rune]string{
	'à': "a", 'â': "a", 'ä': "a", 'À': "a", 'Â': "a", 'Ä': "a",
	'é': "e", 'è': "e", 'ê': "e", 'ë': "e", 'É': "e", 'È': "e", 'Ê': "e", 'Ë': "e",
	'î': "i", 'ï': "i", 'Î': "i", 'Ï': "i",
	'ô': "o", 'ö': "o", 'Ô': "o", 'Ö': "o",
	'ù': "u", 'û': "u", 'ü': "u", 'Ù': "u", 'Û': "u", 'Ü': "u",
	'ç': "c", 'Ç': "c",
	'œ': "oe", 'Œ': "oe", 'æ': "ae", 'Æ': "ae",
}

// norm folds accents, lowercases and drops every rune that is not a-z or
// 0-9, so that spaces, line breaks, hyphenation, apostrophes and
// punctuation never matter in comparisons.
func norm(s string) string {
	var b strings.Builder
	for _, r := range s {
		if f, ok := foldTable[r]; ok {
			b.WriteString(f)
			continue
		}
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// stripLinks removes the link pointers of the "Formation Initiale" blocks
// (the line "Une liste non exhaustive figure sur le site internet ..." and
// the URL printed below it, which may wrap over several lines up to the next
// blank line) and any other line starting with a URL. The text fields of the
// dataset are copied without these lines, so they must be found in this
// reduced text; nothing else is removed.
func stripLinks(src string) string {
	lines := strings.Split(src, "\n")
	var out []string
	inURL := false
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if inURL {
			if t == "" {
				inURL = false
				out = append(out, l)
			}
			continue
		}
		if strings.HasPrefix(t, "Une liste non exhaustive figure sur le site internet") {
			continue
		}
		if strings.HasPrefix(t, "http") {
			inURL = true
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

func loadMetiers(t *testing.T) metiersDoc {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data.Metiers()))
	dec.DisallowUnknownFields()
	var doc metiersDoc
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("decode metiers.json: %v", err)
	}
	if dec.More() {
		t.Fatalf("metiers.json: trailing data after the top-level object")
	}
	return doc
}

var (
	normSource     = norm(string(data.Source()))
	normTextSource = norm(stripLinks(string(data.Source())))
)

func inSource(s string) bool     { return strings.Contains(normSource, norm(s)) }
func inTextSource(s string) bool { return strings.Contains(normTextSource, norm(s)) }

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

var wantIDs = []string{
	"developpeur-multimedia", "developpeur-web", "developpeur-web-mobile", "ingenieur-etudes-developpement", "architecte-logiciel",
	"administrateur-base-de-donnees", "data-analyst", "data-scientist",
	"web-designer", "designer-experience", "directeur-artistique", "ergonome",
	"community-media-manager", "marketeur-digital", "charge-referencement", "analyste-trafic",
	"charge-clientele", "ingenieur-affaires", "ingenieur-avant-vente", "ingenieur-commercial",
	"technicien-reseaux-cloud", "ingenieur-cloud-reseaux", "architecte-cloud-reseaux",
	"technicien-maintenance-support",
	"responsable-cybersecurite", "consultant-expert-metier", "expert-propriete-intellectuelle", "expert-protection-donnees",
	"manager-projet", "manager-equipe", "responsable-strategie-prospective", "charge-relations-ecosysteme", "coach-agile", "directeur-systemes-information", "responsable-securite-si",
}

var noCard = map[string]string{
	"ingenieur-commercial":        "commerce",
	"expert-protection-donnees":   "expertise-conseil",
	"charge-relations-ecosysteme": "direction-management-strategie",
	"coach-agile":                 "direction-management-strategie",
}

func TestNormaliser(t *testing.T) {
	if got, want := norm("Développeur  multi-\nmédia, l’Œuvre d'ÉTÉ !"), "developpeurmultimedialoeuvredete"; got != want {
		t.Errorf("norm: got %q, want %q", got, want)
	}
	if len(normSource) < 40000 {
		t.Fatalf("normalised source suspiciously short: %d bytes", len(normSource))
	}
	for _, absent := range []string{"Astronaute", "Développeur quantique", "Niveau minimum d’accès : Bac +8"} {
		if inSource(absent) || inTextSource(absent) {
			t.Errorf("normaliser: %q reported present in the source, but it is not there", absent)
		}
	}
	for _, present := range []string{"DÉVELOPPEUR MULTIMÉDIA", "outils de dévelop-\npement", "Adminis-\ntrateur des systèmes"} {
		if !inSource(present) {
			t.Errorf("normaliser: %q reported absent from the source", present)
		}
	}
	// stripLinks removes only link lines.
	stripped := stripLinks(string(data.Source()))
	for _, l := range strings.Split(stripped, "\n") {
		if t2 := strings.TrimSpace(l); strings.HasPrefix(t2, "http") || strings.HasPrefix(t2, "Une liste non exhaustive") {
			t.Errorf("stripLinks left a link line: %q", l)
		}
	}
	if len(normTextSource)*100 < len(normSource)*95 {
		t.Errorf("stripLinks removed too much: %d of %d bytes left", len(normTextSource), len(normSource))
	}
	// A real field with one invented word appended must be reported absent.
	doc := loadMetiers(t)
	for _, j := range doc.Jobs {
		if j.Description == "" {
			continue
		}
		if !inTextSource(j.Description) {
			t.Fatalf("job %s: description not found (see TestMetiersProvenance)", j.ID)
		}
		if inTextSource(j.Description + " Astronaute") {
			t.Errorf("job %s: a description with an invented word was reported present", j.ID)
		}
	}
}

func TestMetiersStructure(t *testing.T) {
	doc := loadMetiers(t)
	if doc.Dataset != "metiers" {
		t.Errorf("dataset: got %q, want %q", doc.Dataset, "metiers")
	}
	if doc.Title != "Répertoire des métiers « cœur du numérique »" {
		t.Errorf("title: got %q", doc.Title)
	}
	if !inSource(doc.Title) {
		t.Errorf("title %q not found in the source", doc.Title)
	}
	if doc.Version != "" && !strings.Contains(string(data.Source()), doc.Version) {
		t.Errorf("version %q not found in the source", doc.Version)
	}

	if len(doc.Families) != 9 {
		t.Errorf("families: got %d, want 9", len(doc.Families))
	}
	fams := map[string]bool{}
	for i, f := range doc.Families {
		if !slugRE.MatchString(f.ID) {
			t.Errorf("family %q: id is not an ASCII slug", f.ID)
		}
		if fams[f.ID] {
			t.Errorf("family %q: duplicate id", f.ID)
		}
		fams[f.ID] = true
		if f.Number != i+1 {
			t.Errorf("family %s: number %d, want %d", f.ID, f.Number, i+1)
		}
		if f.Title == "" || !inSource(f.Title) {
			t.Errorf("family %s: title %q not found in the source", f.ID, f.Title)
		}
	}

	if len(doc.Jobs) != 35 {
		t.Errorf("jobs: got %d, want 35", len(doc.Jobs))
	}
	ids := make([]string, len(doc.Jobs))
	seen := map[string]bool{}
	cards := 0
	gotNoCard := map[string]string{}
	for i, j := range doc.Jobs {
		ids[i] = j.ID
		if !slugRE.MatchString(j.ID) {
			t.Errorf("job %q: id is not an ASCII slug", j.ID)
		}
		if seen[j.ID] {
			t.Errorf("job %q: duplicate id", j.ID)
		}
		seen[j.ID] = true
		if !fams[j.Family] {
			t.Errorf("job %s: family %q does not exist", j.ID, j.Family)
		}
		if j.Title == "" {
			t.Errorf("job %s: empty title", j.ID)
		}
		if j.HasCard {
			cards++
			if j.Description == "" || j.Knowledge == "" || j.Status == "" || j.LevelText == "" || len(j.Synonyms) == 0 {
				t.Errorf("job %s: carded job with an empty description, knowledge, status, level_text or synonyms", j.ID)
			}
			continue
		}
		gotNoCard[j.ID] = j.Family
		if j.LevelText != "" || len(j.Synonyms) != 0 || j.PerspectivesText != "" || len(j.Perspectives) != 0 ||
			j.Description != "" || j.InitialTraining != "" || j.Knowledge != "" || j.Status != "" ||
			j.Environments != "" || j.Trainings != nil {
			t.Errorf("job %s: no-card job with a non-empty field", j.ID)
		}
	}
	if !reflect.DeepEqual(ids, wantIDs) {
		t.Errorf("job ids/order:\n got %q\nwant %q", ids, wantIDs)
	}
	if cards != 31 {
		t.Errorf("jobs with a card: got %d, want 31", cards)
	}
	if !reflect.DeepEqual(gotNoCard, noCard) {
		t.Errorf("no-card jobs: got %v, want %v", gotNoCard, noCard)
	}
}

var levels = map[string]bool{"Bac": true, "Bac +2": true, "Bac +3": true, "Bac +4": true, "Bac +5": true, "Bac +4/5": true}

func TestMetiersProvenance(t *testing.T) {
	doc := loadMetiers(t)
	for _, j := range doc.Jobs {
		if !inSource(j.Title) {
			t.Errorf("job %s: title %q not found in the source", j.ID, j.Title)
		}
		check := func(field, s string) {
			if strings.TrimSpace(s) != s || strings.Contains(s, "\n") || strings.Contains(s, "  ") {
				t.Errorf("job %s: %s %q is not a single trimmed line", j.ID, field, s)
			}
			if s != "" && !inTextSource(s) {
				t.Errorf("job %s: %s %q not found in the source", j.ID, field, s)
			}
		}
		check("level_text", j.LevelText)
		check("perspectives_text", j.PerspectivesText)
		check("description", j.Description)
		check("initial_training", j.InitialTraining)
		check("knowledge", j.Knowledge)
		check("status", j.Status)
		check("environments", j.Environments)
		for _, s := range j.Synonyms {
			if s == "" {
				t.Errorf("job %s: empty synonym", j.ID)
			}
			check("synonym", s)
		}
		for _, p := range j.Perspectives {
			if p == "" || strings.HasSuffix(p, ".") {
				t.Errorf("job %s: perspective %q is empty or ends with a period", j.ID, p)
			}
			check("perspective", p)
			if !strings.Contains(norm(j.PerspectivesText), norm(p)) {
				t.Errorf("job %s: perspective %q not found in its perspectives_text %q", j.ID, p, j.PerspectivesText)
			}
		}
		if j.PerspectivesText == "" && len(j.Perspectives) != 0 {
			t.Errorf("job %s: perspectives %q without perspectives_text", j.ID, j.Perspectives)
		}
		if j.PerspectivesText != "" && len(j.Perspectives) == 0 {
			t.Errorf("job %s: perspectives_text %q but no perspectives", j.ID, j.PerspectivesText)
		}
		if j.Trainings != nil {
			check("trainings.text", j.Trainings.Text)
			if j.Trainings.Text == "" {
				t.Errorf("job %s: trainings with an empty text", j.ID)
			}
			if j.Trainings.CountAtLeast && j.Trainings.Count == nil {
				t.Errorf("job %s: trainings count_at_least without a count", j.ID)
			}
			if c, e := j.Trainings.Count, j.Trainings.CPFEligible; c != nil && e != nil && *e > *c {
				t.Errorf("job %s: trainings cpf_eligible %d > count %d", j.ID, *e, *c)
			}
		}
		if j.HasCard && !levels[j.LevelText] {
			t.Errorf("job %s: level_text %q is not one of the known levels", j.ID, j.LevelText)
		}
	}

	ids := map[string]bool{}
	for _, j := range doc.Jobs {
		ids[j.ID] = true
	}
	if len(doc.SourceNotes) == 0 {
		t.Errorf("source_notes is empty")
	}
	for i, n := range doc.SourceNotes {
		if !ids[n.Job] {
			t.Errorf("source_notes[%d]: job %q does not exist", i, n.Job)
		}
		if n.Field == "" || n.Note == "" || n.Quote == "" {
			t.Errorf("source_notes[%d] (%s): empty field, quote or note", i, n.Job)
		}
		if !inSource(n.Quote) {
			t.Errorf("source_notes[%d] (%s, %s): quote %q not found in the source", i, n.Job, n.Field, n.Quote)
		}
	}
	// Extra names must be printed in the source, inside the quote given.
	for i, n := range doc.Names {
		if !ids[n.Job] {
			t.Errorf("names[%d]: job %q does not exist", i, n.Job)
		}
		if !inSource(n.Quote) {
			t.Errorf("names[%d] (%s): quote %q not found in the source", i, n.Job, n.Quote)
		}
		if !strings.Contains(norm(n.Quote), norm(n.Text)) {
			t.Errorf("names[%d] (%s): name %q is not in its quote %q", i, n.Job, n.Text, n.Quote)
		}
	}
	// Aliases tie a phrase printed in some card's perspectives to a job.
	phrases := map[string]bool{}
	for _, j := range doc.Jobs {
		for _, p := range j.Perspectives {
			phrases[p] = true
		}
	}
	for i, a := range doc.Aliases {
		if !ids[a.Job] || !phrases[a.Phrase] || a.Note == "" {
			t.Errorf("phrase_aliases[%d] = %+v: want a printed perspective phrase, an existing job and a note", i, a)
		}
	}
}

func intp(n int) *int { return &n }

func TestMetiersFacts(t *testing.T) {
	doc := loadMetiers(t)
	jobs := map[string]jobDoc{}
	for _, j := range doc.Jobs {
		jobs[j.ID] = j
	}
	get := func(id string) jobDoc {
		j, ok := jobs[id]
		if !ok {
			t.Fatalf("job %s missing", id)
		}
		return j
	}
	type trainingFact struct {
		count   *int
		atLeast bool
		cpf     *int
	}
	cases := []struct {
		id           string
		level        string
		nPersp       int // -1: not checked
		perspectives []string
		synonymsOf   string
		trainings    *trainingFact
	}{
		{id: "developpeur-multimedia", level: "Bac +2", nPersp: 3},
		{id: "architecte-logiciel", level: "Bac +5", nPersp: 3, perspectives: []string{"Urbaniste", "Directeur de projet développement logiciels", "Chef d’équipe"}},
		{id: "marketeur-digital", level: "Bac +2", nPersp: 0, perspectives: []string{}},
		{id: "expert-propriete-intellectuelle", level: "Bac +3", nPersp: 0, perspectives: []string{}},
		{id: "directeur-artistique", level: "Bac +2", nPersp: 3, synonymsOf: "developpeur-web-mobile", trainings: &trainingFact{intp(1000), true, intp(528)}},
		{id: "technicien-maintenance-support", level: "Bac", nPersp: 4},
		{id: "web-designer", level: "Bac +2", nPersp: 3, trainings: &trainingFact{intp(212), false, intp(200)}},
		{id: "ingenieur-etudes-developpement", level: "Bac +2", nPersp: 7, trainings: &trainingFact{intp(2), false, intp(0)}},
		{id: "directeur-systemes-information", level: "Bac +5", nPersp: 1, perspectives: []string{"Directeur général adjoint en charge de l’informatique, la logistique et l’organisation"}},
		{id: "technicien-reseaux-cloud", level: "Bac +2", nPersp: 4, perspectives: []string{"Responsable en systèmes d’information", "Administrateur de réseau", "Administrateur des systèmes", "Administrateur base de données"}},
		{id: "ingenieur-affaires", level: "Bac +4/5", nPersp: 2},
	}
	for _, c := range cases {
		t.Run(c.id, func(t *testing.T) {
			j := get(c.id)
			if j.LevelText != c.level {
				t.Errorf("job %s: level_text %q, want %q", c.id, j.LevelText, c.level)
			}
			if c.nPersp >= 0 && len(j.Perspectives) != c.nPersp {
				t.Errorf("job %s: %d perspectives %q, want %d", c.id, len(j.Perspectives), j.Perspectives, c.nPersp)
			}
			if c.perspectives != nil && !reflect.DeepEqual(j.Perspectives, c.perspectives) {
				t.Errorf("job %s: perspectives %q, want %q", c.id, j.Perspectives, c.perspectives)
			}
			if c.synonymsOf != "" {
				other := get(c.synonymsOf)
				if !reflect.DeepEqual(j.Synonyms, other.Synonyms) {
					t.Errorf("job %s: synonyms %q, want those of %s (printed defect) %q", c.id, j.Synonyms, c.synonymsOf, other.Synonyms)
				}
			}
			if c.trainings != nil {
				tr := j.Trainings
				if tr == nil {
					t.Fatalf("job %s: trainings is null", c.id)
				}
				if !reflect.DeepEqual(tr.Count, c.trainings.count) || tr.CountAtLeast != c.trainings.atLeast || !reflect.DeepEqual(tr.CPFEligible, c.trainings.cpf) {
					t.Errorf("job %s: trainings count=%v at_least=%v cpf=%v, want count=%v at_least=%v cpf=%v", c.id,
						deref(tr.Count), tr.CountAtLeast, deref(tr.CPFEligible),
						deref(c.trainings.count), c.trainings.atLeast, deref(c.trainings.cpf))
				}
			}
		})
	}
	// Cards without a perspectives line or a Formation continue paragraph.
	if j := get("expert-propriete-intellectuelle"); j.PerspectivesText != "" {
		t.Errorf("job expert-propriete-intellectuelle: perspectives_text %q, want empty", j.PerspectivesText)
	}
	for _, id := range []string{"ingenieur-avant-vente", "consultant-expert-metier", "responsable-strategie-prospective", "directeur-systemes-information"} {
		if get(id).Trainings != nil {
			t.Errorf("job %s: trainings should be null (no Formation continue paragraph)", id)
		}
	}
}

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}
