package graph

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// reportMetiers lists the defects of the source that can be seen by
// comparing cards, and the reviewed notes of the dataset. A defect that
// a reviewed note describes (same card, same field) is reported once,
// by the note, which quotes the source.
func reportMetiers(ds *fileDataset, jobs []*Job, b *Builder, r *phraseResolver) {
	noted := map[string]bool{}
	for _, n := range ds.SourceNotes {
		noted[n.Job+"\x00"+n.Field] = true
	}
	// A large repertoire without cards has a problem per job (no-card):
	// room for those, and no key built for a lookup when nothing is noted.
	found := make([]Problem, 0, len(jobs))
	add := func(p Problem) {
		if len(noted) == 0 || !noted[string(p.Job)+"\x00"+p.Field] {
			found = append(found, p)
		}
	}
	carded := make([]*Job, 0, len(jobs))
	for _, j := range jobs {
		if j.HasCard && j.Card != nil {
			carded = append(carded, j)
		} else {
			add(Problem{Severity: SeverityInfo, Code: "no-card", Job: j.ID, Field: "has_card",
				Message: "cité dans l’introduction d’une famille, sans fiche\u202f: ni niveau ni perspectives"})
		}
	}
	reportCopies(carded, b, r, add)
	for _, j := range carded {
		checkCard(j, add)
	}
	reportNameCollisions(jobs, b, add)
	b.problems = slices.Grow(b.problems, len(found)+len(ds.SourceNotes))
	for _, p := range found {
		b.Report(p)
	}
	for _, n := range ds.SourceNotes {
		b.Report(Problem{Severity: SeverityWarning, Code: "source-note", Job: JobID(n.Job), Field: n.Field, Quote: n.Quote, Message: n.Note})
	}
}

// copyField is a field of the cards compared by reportCopies.
type copyField struct {
	name, label string
	get         func(*Job) string
	// copied reports whether the value of c copies that of a.
	copied func(a, c *Job) bool
}

// reportCopies reports a field of a card that repeats, word for word,
// the field of an earlier card: once per card and field, naming the first
// card it repeats.
func reportCopies(carded []*Job, b *Builder, r *phraseResolver, add func(Problem)) {
	same := func(get func(*Job) string) func(a, c *Job) bool {
		return func(a, c *Job) bool { v := get(a); return v != "" && b.key(v) == b.key(get(c)) }
	}
	synonyms := func(j *Job) string { return strings.Join(j.NamesOf(NameSynonym), " ; ") }
	perspectives := func(j *Job) string { return j.Card.PerspectivesText }
	status := func(j *Job) string { return j.Card.Status }
	fields := []copyField{
		{"synonyms", "les synonymes", synonyms, same(synonyms)},
		{"perspectives", "les perspectives", perspectives, func(a, c *Job) bool {
			return same(perspectives)(a, c) && !r.sameRomeList(a, c)
		}},
		{"knowledge", "les connaissances", func(j *Job) string { return j.Card.Knowledge }, same(func(j *Job) string { return j.Card.Knowledge })},
		{"initial_training", "la formation initiale", func(j *Job) string { return j.Card.InitialTraining }, same(func(j *Job) string { return j.Card.InitialTraining })},
		{"status", "le statut", status, func(a, c *Job) bool { return copiedStatus(b, status(a), status(c)) }},
	}
	for _, f := range fields {
		for i, c := range carded {
			for _, a := range carded[:i] {
				if f.copied(a, c) {
					add(Problem{Severity: SeverityWarning, Code: "copied-" + f.name, Job: c.ID, Field: f.name, Quote: clip(f.get(c), 80),
						Message: fmt.Sprintf("%s de la fiche reprennent mot pour mot ceux de la fiche %s", f.label, a.Title)})
					break
				}
			}
		}
	}
}

// sameRomeList reports whether two cards share a ROME card and print
// only titles of ROME cards as perspectives: the mobility list of their
// common ROME card, which both may quote without copying each other.
func (r *phraseResolver) sameRomeList(a, c *Job) bool {
	for _, ph := range a.Card.Perspectives {
		if _, ok := r.domains[r.b.key(ph)]; !ok {
			return false
		}
	}
	for _, la := range a.Rome {
		if slices.ContainsFunc(c.Rome, func(lc RomeLink) bool { return lc.Code == la.Code }) {
			return true
		}
	}
	return false
}

// copiedStatus reports whether status c repeats status a, or a repeats
// it with one more clause. A one-clause status ("Salarié au sein d’une
// entreprise.") is generic: two cards may print it without a copy.
func copiedStatus(b *Builder, a, c string) bool {
	ka, kc := b.key(a), b.key(c)
	if ka == "" || kc == "" {
		return false
	}
	short := c
	if len(ka) < len(kc) {
		short = a
	}
	if !strings.ContainsAny(strings.TrimRight(short, ". "), ",;") {
		return false
	}
	return ka == kc || strings.HasPrefix(ka, kc+" ") || strings.HasPrefix(kc, ka+" ")
}

// checkCard reports the missing parts of a card and a minimum level the
// initial training does not support.
func checkCard(j *Job, add func(Problem)) {
	if j.LevelText == "" {
		add(Problem{Severity: SeverityWarning, Code: "no-level", Job: j.ID, Field: "level_text", Message: "la fiche n’indique aucun niveau minimum d’accès"})
	}
	if len(j.Card.Perspectives) == 0 {
		add(Problem{Severity: SeverityWarning, Code: "no-perspectives", Job: j.ID, Field: "perspectives",
			Message: "la fiche n’imprime aucune perspective d’évolution\u202f: le métier n’a pas d’arête d’évolution"})
	}
	for _, f := range []struct{ name, label, v string }{
		{"description", "de description", j.Card.Description},
		{"knowledge", "de connaissances", j.Card.Knowledge},
		{"status", "de statut", j.Card.Status},
	} {
		if f.v == "" {
			add(Problem{Severity: SeverityWarning, Code: "missing-" + f.name, Job: j.ID, Field: f.name, Message: "la fiche n’imprime pas " + f.label})
		}
	}
	if j.Level == LevelNone {
		return
	}
	if j.Card.InitialTraining == "" {
		add(Problem{Severity: SeverityWarning, Code: "level-unsupported", Job: j.ID, Field: "level_text", Quote: j.LevelText,
			Message: fmt.Sprintf("la fiche n’a pas de section « Formation initiale »\u202f: son niveau minimum « %s » n’a aucun appui dans la fiche", j.LevelText)})
		return
	}
	// Every level the training names, as a figure (Bac +N) or as a
	// diploma (BTS, Licence pro, Bachelor): the words ParseLevel reads.
	lowest := LevelNone
	for _, m := range FindLevels(j.Card.InitialTraining) {
		if m.Level != LevelNone && (lowest == LevelNone || m.Level < lowest) {
			lowest = m.Level
		}
	}
	if lowest > highestLevel(j) {
		add(Problem{Severity: SeverityWarning, Code: "level-vs-training", Job: j.ID, Field: "level_text", Quote: j.LevelText,
			Message: fmt.Sprintf("niveau minimum imprimé « %s », mais la formation initiale ne cite rien en dessous de %s", j.LevelText, lowest.Label())})
	}
}

// highestLevel returns the highest level the card's minimum names: Bac +5
// for "Bac +4/5", the level itself otherwise.
func highestLevel(j *Job) Level {
	t := j.LevelText
	i := strings.LastIndex(t, "/")
	if i < 0 {
		return j.Level
	}
	n, err := strconv.Atoi(strings.TrimPrefix(strings.TrimSpace(t[i+1:]), "+"))
	if err != nil {
		return j.Level
	}
	if l, err := ParseLevel("Bac +" + strconv.Itoa(n)); err == nil && l > j.Level {
		return l
	}
	return j.Level
}

// reportNameCollisions reports a name of one job that is the title of
// another.
func reportNameCollisions(jobs []*Job, b *Builder, add func(Problem)) {
	owner := make(map[string]*Job, len(jobs))
	for _, j := range jobs {
		owner[b.key(j.Title)] = j
	}
	for _, j := range jobs {
		for _, n := range j.Names {
			if o := owner[b.key(n.Text)]; o != nil && o != j {
				add(Problem{Severity: SeverityWarning, Code: "name-collision", Job: j.ID, Field: "synonyms", Quote: n.Text,
					Message: fmt.Sprintf("ce synonyme est aussi le titre du métier %s\u202f: une perspective qui le cite mène à ce titre", o.Title)})
			}
		}
	}
}

// LocateQuotes sets the Line of each problem whose quote the source text
// src holds: the line the quote starts on, line breaks and runs of blanks
// inside the quote ignored. When the quote occurs several times, the
// first occurrence from the card of the problem's job in g on is taken
// (the card is found by the start of its description, status or
// knowledge). Problems
// without a quote, or whose quote src does not hold, keep Line 0.
func LocateQuotes(g *Graph, probs []Problem, src []byte) {
	text, lines := flatten(src)
	for i := range probs {
		q := strings.TrimSuffix(strings.Join(strings.Fields(probs[i].Quote), " "), "…")
		if q == "" {
			continue
		}
		// The first occurrence from the start of the card on, or else the
		// last before it.
		anchor := max(cardAnchor(g.Job(probs[i].Job), text), 0)
		best := -1
		if at := strings.Index(text[anchor:], q); at >= 0 {
			best = anchor + at
		} else {
			best = strings.LastIndex(text[:anchor], q)
		}
		if best >= 0 {
			probs[i].Line = lines[best]
		}
	}
}

// flatten returns src with every run of blanks made one space, and the
// line of src each byte of the result comes from.
func flatten(src []byte) (string, []int) {
	var b strings.Builder
	var lines []int
	line, blank := 1, false
	for _, c := range string(src) {
		if unicode.IsSpace(c) {
			if c == '\n' {
				line++
			}
			blank = true
			continue
		}
		if blank && b.Len() > 0 {
			b.WriteByte(' ')
			lines = append(lines, line)
		}
		blank = false
		n, _ := b.WriteRune(c)
		for range n {
			lines = append(lines, line)
		}
	}
	return b.String(), lines
}

// cardAnchor returns where the card of j starts in the flattened source,
// or -1.
func cardAnchor(j *Job, text string) int {
	if j == nil || j.Card == nil {
		return -1
	}
	for _, s := range []string{j.Card.Description, j.Card.Status, j.Card.Knowledge} {
		f := strings.Fields(s)
		if len(f) < 4 {
			continue
		}
		if at := strings.Index(text, strings.Join(f[:min(len(f), 8)], " ")); at >= 0 {
			return at
		}
	}
	return -1
}
