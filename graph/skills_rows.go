package graph

import (
	"fmt"
	"slices"
	"strings"
)

// coreOf reads coeur_metier. v4.60 writes « Émergente »; the release's
// documentation spells it « Emergente »: both are read.
func coreOf(s string) (Core, bool) {
	switch strings.TrimSpace(s) {
	case "":
		return CoreNone, true
	case "Principale":
		return CorePrincipal, true
	case "Émergente", "Emergente":
		return CoreEmerging, true
	}
	return CoreNone, false
}

// skillRow is one row of unix_coherence_item kept by readRows.
type skillRow struct {
	fiche JobID
	item  FicheItem
}

// strayRow is a row of unix_coherence_item whose item unix_item lacks.
type strayRow struct {
	fiche JobID
	ogr   string
	line  int
}

// readRows reads unix_coherence_item into l.rows, sorted by fiche then
// item, and reports the rows whose item unix_item lacks. It needs no
// graph: link keeps the rows of the graph's fiches.
func (l *skillLoader) readRows(t *csvTable) {
	cCodeRome := t.cols["code_rome"]
	cCoeurMetier := t.cols["coeur_metier"]
	cCodeOgr := t.cols["code_ogr"]
	rows := make([]skillRow, 0, t.len())
	var last string // rows come fiche by fiche: check each code once
	lastOK := false
	for i := range t.len() {
		code, ok := strings.TrimSpace(t.row(i)[cCodeRome]), lastOK
		if code != last {
			last = code
			_, ok = l.code(t, i, "code_rome")
			lastOK = ok
		} else if !ok {
			l.code(t, i, "code_rome")
		}
		c, okCore := coreOf(t.row(i)[cCoeurMetier])
		if !okCore {
			l.fail(t.file, t.line(i, "coeur_metier"), "coeur_metier", "%q n’est ni Principale, ni Émergente, ni vide", t.row(i)[cCoeurMetier])
		}
		if !ok || !okCore {
			continue
		}
		ogr := strings.TrimSpace(t.row(i)[cCodeOgr])
		n, known := l.item(ogr)
		if !known {
			l.strays = append(l.strays, strayRow{JobID(code), ogr, t.lines[i]})
			continue
		}
		rows = append(rows, skillRow{JobID(code), FicheItem{Item: n, Core: c, Line: t.lines[i]}})
	}
	slices.SortStableFunc(rows, func(a, b skillRow) int {
		if c := strings.Compare(string(a.fiche), string(b.fiche)); c != 0 {
			return c
		}
		return int(a.item.Item) - int(b.item.Item)
	})
	l.rows = rows
}

// link keeps the rows of l.rows whose fiche is a fiche of the graph
// fiches (every row when fiches is nil), reports the others, the rows
// whose item is unknown and the repeated rows, and builds the rows of
// each fiche and the index from items to fiches.
func (l *skillLoader) link(fiches *Graph) {
	s := l.s
	known := func(code JobID) bool {
		j := fiches.Job(code)
		return j != nil && j.Fiche != nil
	}
	unknownFiche := map[string][]int{}
	var repeats []int
	s.pos = map[JobID]int32{}
	last, lastKnown := JobID(""), false
	for k, r := range l.rows {
		if k == 0 || r.fiche != last {
			last, lastKnown = r.fiche, fiches == nil || known(r.fiche)
		}
		switch {
		case !lastKnown:
			unknownFiche[string(r.fiche)] = append(unknownFiche[string(r.fiche)], r.item.Line)
			continue
		case k > 0 && l.rows[k-1].fiche == r.fiche && l.rows[k-1].item.Item == r.item.Item:
			repeats = append(repeats, r.item.Line)
			continue
		}
		if _, ok := s.pos[r.fiche]; !ok {
			s.pos[r.fiche] = int32(len(s.fiches))
			s.fiches = append(s.fiches, r.fiche)
			s.off = append(s.off, int32(len(s.rows)))
		}
		s.rows = append(s.rows, r.item)
	}
	s.off = append(s.off, int32(len(s.rows)))
	unknownItem := map[string][]int{}
	for _, r := range l.strays {
		if fiches == nil || known(r.fiche) {
			unknownItem[r.ogr] = append(unknownItem[r.ogr], r.line)
		} else {
			unknownFiche[string(r.fiche)] = append(unknownFiche[string(r.fiche)], r.line)
		}
	}
	for _, ls := range unknownFiche {
		slices.Sort(ls) // in file order, as read
	}
	l.reportUnknown(l.s.File, "code_rome", "fiche", unknownFiche)
	l.reportUnknown(l.s.File, "code_ogr", "item", unknownItem)
	if len(repeats) > 0 {
		slices.Sort(repeats)
		l.report(Problem{Severity: SeverityWarning, Code: "repeated-row", Field: "coherence_item",
			Message: fmt.Sprintf("%s de %s (%s) en double (même fiche et même item qu’une ligne précédente)\u202f: seule la première est gardée", countOf(len(repeats), "ligne", "lignes"), l.s.File, romeLineSpan(repeats))})
	}
	l.reportFichesWithout(fiches)
	s.parent = make([]JobID, len(s.fiches))
	for f, id := range s.fiches {
		s.parent[f] = id
		if fiches != nil && fiches.Job(id).Fiche.Parent != "" {
			s.parent[f] = fiches.Job(id).Fiche.Parent
		}
	}
	l.index()
}

func (l *skillLoader) reportUnknown(file, field, what string, lines map[string][]int) {
	for _, code := range romeSortedKeys(lines) {
		ls := lines[code]
		l.report(Problem{Severity: SeverityWarning, Code: "unknown-" + what, Job: JobID(code), Field: field,
			Message: fmt.Sprintf("%s pour un code absent de la version, %s %s (%s de %s)\u202f: rien n’en est gardé", countOf(len(ls), "ligne", "lignes"), what, code, romeLineSpan(ls), file)})
	}
}

// reportFichesWithout reports the fiches of the graph that list no item.
func (l *skillLoader) reportFichesWithout(fiches *Graph) {
	if fiches == nil {
		return
	}
	for _, j := range fiches.Jobs() {
		if _, ok := l.s.pos[j.ID]; j.Fiche != nil && !ok {
			l.report(Problem{Severity: SeverityWarning, Code: "no-skills", Job: j.ID, Field: "coherence_item",
				Message: fmt.Sprintf("%s n’a aucun item dans %s", j.ID, l.s.File)})
		}
	}
}

// index builds the lists of fiches per item, in compressed sparse rows.
func (l *skillLoader) index() {
	s := l.s
	s.postOff = make([]int32, len(s.items)+1)
	for _, r := range s.rows {
		s.postOff[r.Item+1]++
	}
	for i := 1; i < len(s.postOff); i++ {
		s.postOff[i] += s.postOff[i-1]
	}
	s.post = make([]int32, len(s.rows))
	next := slices.Clone(s.postOff[:len(s.items)])
	for f := range s.fiches {
		for _, r := range s.Of(int32(f)) {
			s.post[next[r.Item]] = int32(f)
			next[r.Item]++
		}
	}
}
