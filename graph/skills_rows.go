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

// readRows reads unix_coherence_item: the items of each fiche, then the
// index from items to the fiches that list them.
func (l *skillLoader) readRows(t *csvTable, fiches *Graph) {
	cCodeRome := t.cols["code_rome"]
	cCoeurMetier := t.cols["coeur_metier"]
	cCodeOgr := t.cols["code_ogr"]
	s := l.s
	type row struct {
		fiche JobID
		item  FicheItem
	}
	rows := make([]row, 0, len(t.rows))
	unknownFiche, unknownItem := map[string][]int{}, map[string][]int{}
	var last string // rows come fiche by fiche: check each code once
	lastOK, lastKnown := false, false
	for i := range t.rows {
		code, ok := strings.TrimSpace(t.rows[i][cCodeRome]), lastOK
		if code != last {
			last = code
			_, ok = l.code(t, i, "code_rome")
			lastOK = ok
			lastKnown = fiches == nil || (fiches.Job(JobID(code)) != nil && fiches.Job(JobID(code)).Fiche != nil)
		} else if !ok {
			l.code(t, i, "code_rome")
		}
		c, okCore := coreOf(t.rows[i][cCoeurMetier])
		if !okCore {
			l.fail(t.file, t.line(i, "coeur_metier"), "coeur_metier", "%q n’est ni Principale, ni Émergente, ni vide", t.rows[i][cCoeurMetier])
		}
		if !ok || !okCore {
			continue
		}
		ogr := strings.TrimSpace(t.rows[i][cCodeOgr])
		n, known := l.item(ogr)
		switch {
		case !lastKnown:
			unknownFiche[code] = append(unknownFiche[code], t.lines[i])
		case !known:
			unknownItem[ogr] = append(unknownItem[ogr], t.lines[i])
		default:
			rows = append(rows, row{JobID(code), FicheItem{Item: n, Core: c, Line: t.lines[i]}})
		}
	}
	l.reportUnknown(t.file, "code_rome", "fiche", unknownFiche)
	l.reportUnknown(t.file, "code_ogr", "item", unknownItem)
	slices.SortStableFunc(rows, func(a, b row) int {
		if c := strings.Compare(string(a.fiche), string(b.fiche)); c != 0 {
			return c
		}
		return int(a.item.Item) - int(b.item.Item)
	})
	var repeats []int
	s.pos = map[JobID]int32{}
	for k, r := range rows {
		if k > 0 && rows[k-1].fiche == r.fiche && rows[k-1].item.Item == r.item.Item {
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
	if len(repeats) > 0 {
		slices.Sort(repeats)
		l.report(Problem{Severity: SeverityWarning, Code: "repeated-row", Field: "coherence_item",
			Message: fmt.Sprintf("%s de %s (%s) en double (même fiche et même item qu’une ligne précédente)\u202f: seule la première est gardée", countOf(len(repeats), "ligne", "lignes"), t.file, romeLineSpan(repeats))})
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
