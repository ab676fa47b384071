package graph

import (
	"cmp"
	"fmt"
	"io/fs"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// SkillKind says what an item of ROME 4.0 is.
type SkillKind string

// The kinds of item a fiche lists. Work contexts are not skills: they are
// kept apart from the three kinds of skill.
const (
	KindKnowHow   SkillKind = "savoir-faire" // unix_referentiel_competence, cat_comp Savoir-faire
	KindSoftSkill SkillKind = "savoir-etre"  // unix_referentiel_competence, cat_comp Savoir-être professionnel
	KindKnowledge SkillKind = "savoir"       // unix_referentiel_savoir
	KindContext   SkillKind = "contexte"     // a work context: in unix_item with no rubrique, in no skills file
)

// Core says how central an item is to a fiche: the coeur_metier column of
// unix_coherence_item.
type Core uint8

// The values of coeur_metier.
const (
	CoreNone      Core = iota // empty
	CorePrincipal             // « Principale »: a core skill of the job
	CoreEmerging              // « Émergente »: a skill the job is starting to ask for
)

var coreNames = [...]string{CorePrincipal: "principale", CoreEmerging: "emergente"}

// String returns "principale", "emergente" or "".
func (c Core) String() string {
	if int(c) < len(coreNames) {
		return coreNames[c]
	}
	return ""
}

// MarshalText encodes c as its String.
func (c Core) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// Item is a skill, a piece of knowledge or a work context of ROME 4.0.
type Item struct {
	Code        string    `json:"code"` // code_ogr
	Label       string    `json:"label"`
	Kind        SkillKind `json:"kind"`
	Category    string    `json:"category,omitempty"`    // sous_cat_comp of a skill, categorie_savoir of knowledge
	Subcategory string    `json:"subcategory,omitempty"` // sous_categorie_savoir of knowledge
	Macro       bool      `json:"macro,omitempty"`       // a macro-compétence (nature)
	// MacroItem is, for a compétence, the number of the macro-compétence
	// it hangs under (code_ogr_macro_comp); -1 for none.
	MacroItem int32 `json:"-"`
}

// FicheItem is one row of unix_coherence_item: an item of a fiche and its
// coeur_metier.
type FicheItem struct {
	Item int32 // number of the item, see Skills.Item
	Core Core
	Line int // line of the row in unix_coherence_item
}

// Skills holds the skills of a ROME 4.x release: every item named by the
// referentials, and the items of every fiche. It is immutable and safe for
// concurrent use. Items are numbered 0..Items()-1 by code.
type Skills struct {
	Version string
	File    string // the coherence file the rows come from

	items  []Item
	byCode map[string]int32
	fiches []JobID // in code order
	parent []JobID // per fiche: its parent in the graph given to LoadSkills, or itself
	pos    map[JobID]int32
	off    []int32     // the rows of fiche f are rows[off[f]:off[f+1]], by item number
	rows   []FicheItem // every row, by fiche then item
	// The fiches that list item i are post[postOff[i]:postOff[i+1]], in
	// fiche order.
	postOff, post []int32

	problems []Problem
}

// Items returns the number of items.
func (s *Skills) Items() int { return len(s.items) }

// Item returns item i.
func (s *Skills) Item(i int32) *Item { return &s.items[i] }

// ItemByCode returns the number of the item with code_ogr code.
func (s *Skills) ItemByCode(code string) (int32, bool) {
	i, ok := s.byCode[code]
	return i, ok
}

// Fiches returns the codes of the fiches that have items, in code order.
// The slice must not be modified.
func (s *Skills) Fiches() []JobID { return s.fiches }

// Parent returns the parent fiche of fiche number f (code_rome_parent, as
// the graph given to LoadSkills holds it), or the fiche itself when it is
// a parent fiche or no graph was given.
func (s *Skills) Parent(f int32) JobID { return s.parent[f] }

// FicheIndex returns the number of a fiche in Fiches.
func (s *Skills) FicheIndex(id JobID) (int32, bool) {
	f, ok := s.pos[id]
	return f, ok
}

// Of returns the rows of fiche number f, ordered by item number. The
// slice must not be modified.
func (s *Skills) Of(f int32) []FicheItem { return s.rows[s.off[f]:s.off[f+1]] }

// Listing returns the numbers of the fiches that list item i, in
// increasing order. The slice must not be modified.
func (s *Skills) Listing(i int32) []int32 { return s.post[s.postOff[i]:s.postOff[i+1]] }

// Problems returns what LoadSkills found defective or chose while loading.
func (s *Skills) Problems() []Problem { return s.problems }

// The skills files of a release and the columns read from each.
var skillFiles = []struct {
	glob string
	cols []string
}{
	skillRows:       {"*coherence_item*.csv", []string{"code_rome", "code_ogr", "coeur_metier"}},
	skillCompetence: {"*referentiel_competence*.csv", []string{"code_ogr", "nature", "libelle_competence", "code_ogr_macro_comp", "cat_comp", "sous_cat_comp"}},
	skillKnowledge:  {"*referentiel_savoir*.csv", []string{"code_ogr_savoir", "libelle_savoir", "categorie_savoir", "sous_categorie_savoir"}},
	skillItems:      {"*unix_item*.csv", []string{"code_ogr", "libelle", "code_rubrique"}},
}

const (
	skillRows = iota
	skillCompetence
	skillKnowledge
	skillItems
)

// LoadSkills reads the skills files of a ROME 4.x release (v4.60 is
// embedded in data.ROME4): unix_coherence_item, unix_referentiel_competence,
// unix_referentiel_savoir and unix_item. fiches is the graph LoadROME4 built
// from the same release: a row naming a code that is not one of its fiches
// is left out and reported.
//
// Malformed files are refused as LoadROME4 refuses them: every error at
// once, each a *FieldError, joined in one error wrapping ErrInvalid.
// Quirks of well-formed data are reported by Problems.
func LoadSkills(fsys fs.FS, fiches *Graph) (*Skills, error) {
	f, err := ReadSkills(fsys)
	if err != nil {
		return nil, err
	}
	return f.Link(fiches), nil
}

// SkillFiles are the skills files of a release, read and checked but not
// yet joined to the fiches of a graph. Reading needs no graph, so a loader
// can read them while LoadROME4 builds it, then Link them (LoadSkills does
// both, one after the other).
type SkillFiles struct {
	l *skillLoader
}

// ReadSkills reads the skills files of fsys, as LoadSkills, and returns
// them for Link; its errors are those of LoadSkills.
func ReadSkills(fsys fs.FS) (*SkillFiles, error) {
	l := &romeLoader{}
	names, err := findROMEFiles(fsys, len(skillFiles), func(i int) (string, bool) { return skillFiles[i].glob, true })
	if err != nil {
		return nil, err
	}
	tables := make([]*csvTable, len(skillFiles))
	errs := make([][]error, len(skillFiles))
	var wg sync.WaitGroup
	for i, f := range skillFiles {
		wg.Go(func() { tables[i], errs[i] = readROMEFile(fsys, names[i], f.cols) })
	}
	wg.Wait()
	for _, e := range errs {
		l.errs = append(l.errs, e...)
	}
	if err := l.err(); err != nil {
		return nil, err
	}
	s := &Skills{File: names[skillRows]}
	if m := romeVersionRE.FindStringSubmatch(path.Base(names[skillRows])); m != nil {
		s.Version = m[1] + "." + m[2]
	}
	sl := &skillLoader{romeLoader: l, s: s}
	sl.readItems(tables[skillItems], tables[skillCompetence], tables[skillKnowledge])
	if len(l.errs) == 0 {
		sl.readRows(tables[skillRows])
	}
	if err := l.err(); err != nil {
		return nil, err
	}
	return &SkillFiles{l: sl}, nil
}

// Link returns the skills of the fiches of the graph fiches (of every
// fiche the files name when fiches is nil), reporting the rows of other
// codes. It may be called once.
func (f *SkillFiles) Link(fiches *Graph) *Skills {
	l := f.l
	f.l = nil
	l.link(fiches)
	l.s.problems = l.problems
	return l.s
}

// skillLoader is the state of LoadSkills.
type skillLoader struct {
	*romeLoader
	s *Skills
	// nums is the code of each item as a number, when every code is a
	// number written plainly and they ascend (as in every release): the
	// 100,000 rows of unix_coherence_item then find their item by a binary
	// search rather than a hash of its code.
	nums []int32

	rows   []skillRow // read by readRows, for link
	strays []strayRow
}

// item returns the number of the item with code_ogr code.
func (l *skillLoader) item(code string) (int32, bool) {
	if l.nums != nil {
		if v, err := strconv.Atoi(code); err == nil && v >= 0 && v <= math.MaxInt32 {
			// The codes of nums are written plainly: a code of the same
			// number is the same code when it is plain too (no sign, no
			// leading zero), which spares reading the item's.
			i, ok := slices.BinarySearch(l.nums, int32(v))
			if ok && code[0] >= '1' && code[0] <= '9' {
				return int32(i), true
			}
		}
	}
	i, ok := l.s.byCode[code]
	return i, ok
}

// numberCodes sets nums when the item codes allow it.
func (l *skillLoader) numberCodes() {
	nums := make([]int32, len(l.s.items))
	for i, it := range l.s.items {
		v, err := strconv.Atoi(it.Code)
		plain := it.Code != "" && it.Code[0] >= '1' && it.Code[0] <= '9' // no sign, no leading zero
		if err != nil || !plain || v > math.MaxInt32 || (i > 0 && int32(v) <= nums[i-1]) {
			return
		}
		nums[i] = int32(v)
	}
	l.nums = nums
}

// readItems numbers the items of unix_item by code and names each from
// the skills file that holds it.
func (l *skillLoader) readItems(items, comp, know *csvTable) {
	cCodeOgr := items.cols["code_ogr"]
	cLibelle := items.cols["libelle"]
	cCodeRubrique := items.cols["code_rubrique"]
	s := l.s
	type row struct {
		code, label, rubrique string
		num                   int // the code as a number, -1 if it is not one
	}
	all := make([]row, 0, items.len())
	for i := range items.len() {
		code := strings.TrimSpace(items.row(i)[cCodeOgr])
		num, err := strconv.Atoi(code)
		if err != nil {
			num = -1
		}
		all = append(all, row{code, l.label(items.row(i)[cLibelle]), strings.TrimSpace(items.row(i)[cCodeRubrique]), num})
	}
	slices.SortStableFunc(all, func(a, b row) int {
		if a.num >= 0 && b.num >= 0 {
			return cmp.Compare(a.num, b.num)
		}
		return strings.Compare(a.code, b.code)
	})
	s.items = make([]Item, 0, len(all))
	s.byCode = make(map[string]int32, len(all))
	rubrique := make([]string, 0, len(all))
	for _, r := range all {
		if _, dup := s.byCode[r.code]; dup || r.code == "" {
			l.fail(items.file, 0, "code_ogr", "%w\u202f: l’item %q figure deux fois", ErrDuplicateID, r.code)
			continue
		}
		s.byCode[r.code] = int32(len(s.items))
		s.items = append(s.items, Item{Code: r.code, Label: r.label, Kind: KindContext, MacroItem: -1})
		rubrique = append(rubrique, r.rubrique)
	}
	l.numberCodes()
	l.readCompetences(comp)
	l.readKnowledge(know)
	l.checkRubriques(items.file, rubrique)
	l.reportSameLabels()
}

// lookup returns the number of the item a skills file names on row i, and
// reports a code unix_item lacks.
func (l *skillLoader) lookup(t *csvTable, i int, col string, seen map[int32]int) (int32, bool) {
	code := strings.TrimSpace(t.get(i, col))
	n, ok := l.item(code)
	if !ok {
		l.fail(t.file, t.line(i, col), col, "l’item %q n’est pas dans unix_item", code)
		return -1, false
	}
	if line, dup := seen[n]; dup {
		l.fail(t.file, t.line(i, col), col, "%w\u202f: item %s, déjà ligne %d", ErrDuplicateID, code, line)
		return -1, false
	}
	seen[n] = t.lines[i]
	return n, true
}

func (l *skillLoader) readCompetences(t *csvTable) {
	cLibelleCompetence := t.cols["libelle_competence"]
	cCatComp := t.cols["cat_comp"]
	cSousCatComp := t.cols["sous_cat_comp"]
	cNature := t.cols["nature"]
	cCodeOgrMacroComp := t.cols["code_ogr_macro_comp"]
	macros := map[int32]string{}
	seen := make(map[int32]int, t.len())
	for i := range t.len() {
		n, ok := l.lookup(t, i, "code_ogr", seen)
		if !ok {
			continue
		}
		it := &l.s.items[n]
		it.Label = l.label(t.row(i)[cLibelleCompetence])
		switch c := strings.TrimSpace(t.row(i)[cCatComp]); c {
		case "Savoir-faire":
			it.Kind = KindKnowHow
		case "Savoir-être professionnel":
			it.Kind = KindSoftSkill
		default:
			l.fail(t.file, t.line(i, "cat_comp"), "cat_comp", "%q n’est ni Savoir-faire ni Savoir-être professionnel", c)
		}
		it.Category = l.label(t.row(i)[cSousCatComp])
		switch nat := strings.TrimSpace(t.row(i)[cNature]); nat {
		case "Macro-compétence":
			it.Macro = true
		case "Compétence":
			if m := strings.TrimSpace(t.row(i)[cCodeOgrMacroComp]); m != "" {
				macros[n] = m
			}
		default:
			l.fail(t.file, t.line(i, "nature"), "nature", "%q n’est ni Compétence ni Macro-compétence", nat)
		}
	}
	var absent []string
	for n, m := range macros {
		if mi, ok := l.s.byCode[m]; ok && l.s.items[mi].Macro {
			l.s.items[n].MacroItem = mi
		} else {
			absent = append(absent, l.s.items[n].Code+" → "+m)
		}
	}
	if len(absent) > 0 {
		slices.Sort(absent)
		l.report(Problem{Severity: SeverityWarning, Code: "unknown-macro", Field: "code_ogr_macro_comp",
			Message: fmt.Sprintf("%s de %s dont la macro-compétence n’en est pas une\u202f: rattachement laissé vide (%s)", countOf(len(absent), "compétence", "compétences"), t.file, strings.Join(absent, ", "))})
	}
}

func (l *skillLoader) readKnowledge(t *csvTable) {
	cLibelleSavoir := t.cols["libelle_savoir"]
	cCategorieSavoir := t.cols["categorie_savoir"]
	cSousCategorieSavoir := t.cols["sous_categorie_savoir"]
	seen := make(map[int32]int, t.len())
	for i := range t.len() {
		n, ok := l.lookup(t, i, "code_ogr_savoir", seen)
		if !ok {
			continue
		}
		if l.s.items[n].Kind != KindContext {
			l.fail(t.file, t.line(i, "code_ogr_savoir"), "code_ogr_savoir", "l’item %s est aussi une compétence", l.s.items[n].Code)
			continue
		}
		it := &l.s.items[n]
		it.Kind = KindKnowledge
		it.Label = l.label(t.row(i)[cLibelleSavoir])
		it.Category = l.label(t.row(i)[cCategorieSavoir])
		it.Subcategory = l.label(t.row(i)[cSousCategorieSavoir])
	}
}

// skillRubrique is the code_rubrique of unix_item for each kind.
var skillRubrique = map[SkillKind]string{KindKnowHow: "1", KindSoftSkill: "2", KindKnowledge: "3", KindContext: ""}

// checkRubriques reports items whose rubrique in unix_item is not that of
// the file that holds them, and the work contexts.
func (l *skillLoader) checkRubriques(file string, rubrique []string) {
	var odd []string
	contexts := 0
	for i, it := range l.s.items {
		if rubrique[i] != skillRubrique[it.Kind] {
			odd = append(odd, fmt.Sprintf("%s (%s, rubrique %q)", it.Code, it.Kind, rubrique[i]))
		}
		if it.Kind == KindContext {
			contexts++
		}
	}
	if len(odd) > 0 {
		l.report(Problem{Severity: SeverityWarning, Code: "item-rubrique", Field: "code_rubrique",
			Message: fmt.Sprintf("%s de %s sous une autre rubrique que celle de leur catégorie\u202f: catégorie reprise du fichier des compétences (%s)", countOf(len(odd), "item", "items"), file, strings.Join(odd, ", "))})
	}
	if contexts > 0 {
		l.report(Problem{Severity: SeverityInfo, Code: "work-contexts", Field: "code_rubrique",
			Message: fmt.Sprintf("%s de %s dans aucun fichier de compétences (sans rubrique)\u202f: %s, listés à part des compétences et hors des comparaisons", countOf(contexts, "item", "items"), file, agree(contexts, "un contexte de travail, nommé par son libellé unix_item", "des contextes de travail, nommés par leur libellé unix_item"))})
	}
}

// reportSameLabels reports labels that two items of one kind share.
func (l *skillLoader) reportSameLabels() {
	first := make(map[[2]string]int32, len(l.s.items))
	var same []string
	for i, it := range l.s.items {
		k := [2]string{string(it.Kind), it.Label}
		if j, dup := first[k]; dup {
			same = append(same, fmt.Sprintf("« %s » (%s, %s)", it.Label, l.s.items[j].Code, it.Code))
			continue
		}
		first[k] = int32(i)
	}
	if len(same) > 0 {
		l.report(Problem{Severity: SeverityInfo, Code: "same-item-label", Field: "libelle",
			Message: fmt.Sprintf("%s au libellé déjà porté par un item de la même catégorie, chacun gardé comme item distinct\u202f: %s", countOf(len(same), "item", "items"), strings.Join(same, "\u202f; "))})
	}
}
