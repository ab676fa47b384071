package graph

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Fiche is what ROME 4.0 says of a fiche beyond its title, level and
// names: where it sits in the tree of fiches and domains, its texts and
// its interest codes.
type Fiche struct {
	// Parent is the parent fiche of a fiche added by 4.0 (M1860's is
	// M1802); empty for a parent fiche, one of the codes v3 already had.
	Parent   JobID   `json:"parent,omitempty"`
	Children []JobID `json:"children,omitempty"` // fiches whose parent this is, in code order

	Domain           string `json:"domain"` // domaine professionnel, e.g. "M18"
	DomainTitle      string `json:"domain_title"`
	GrandDomain      string `json:"grand_domain"` // e.g. "M"
	GrandDomainTitle string `json:"grand_domain_title"`

	Definition string `json:"definition,omitempty"` // the definition sentences, in order
	// LevelSentence is the sentence of the access text the level (or
	// "sans diplôme") was read from; empty when no level is stated.
	LevelSentence string `json:"level_sentence,omitempty"`

	RIASECMajor string `json:"riasec_major,omitempty"` // e.g. "R"
	RIASECMinor string `json:"riasec_minor,omitempty"`

	// V3Title is the title of the code in ROME v3, for a parent fiche when
	// LoadROME4 was given the v3 card file: the repertoire « cœur du
	// numérique » quotes these titles. It is also a synonym of the fiche.
	V3Title string `json:"v3_title,omitempty"`
}

// The files of a ROME 4.x release that LoadROME4 reads, found by name,
// and the columns it needs from each; other columns are ignored. The
// skills files (coherence_item, referentiel_competence, referentiel_savoir,
// item) are not read: no query of the graph needs them.
var rome4Files = []struct {
	glob     string
	required bool
	cols     []string
	optional []string // columns read when the file has them
}{
	rome4Cards: {"*referentiel_code_rome_v*.csv", true, []string{"code_rome", "libelle_rome", "code_rome_parent"}, nil},
	rome4Apps: {"*referentiel_appellation*.csv", true, []string{"code_ogr", "libelle_appellation_long", "code_rome"},
		[]string{"libelle_appellation_court", "peu_usite", "code_rome_parent"}},
	rome4Texts:    {"*texte_v*.csv", true, []string{"code_rome", "libelle_type_texte", "position_phrase", "libelle_texte"}, nil},
	rome4Mobility: {"*rubrique_mobilite*.csv", true, []string{"code_rome", "code_rome_cible", "numero_ordre"}, nil},
	rome4Domains: {"*cr_gd_dp_v*.csv", true, []string{"code_rome", "code_grand_domaine", "libelle_grand_domaine",
		"code_domaine_professionel", "libelle_domaine_professionel"}, nil},
	rome4RIASEC: {"*referentiel_code_rome_riasec*.csv", false, []string{"code_rome", "riasec_majeur", "riasec_mineur"}, nil},
}

const (
	rome4Cards = iota
	rome4Apps
	rome4Texts
	rome4Mobility
	rome4Domains
	rome4RIASEC
)

// romeV3Dataset is the dataset name of a v3 release read by LoadROME:
// "rome" is ROME 4.0 (LoadROME4).
const romeV3Dataset = "rome-v3"

// LoadROME4 reads a release of ROME 4.x (v4.60 is embedded) from the CSV
// files of its open data in fsys and builds the graph of dataset "rome":
// one node per fiche (its code is the ID) with its title, level, names and
// Fiche (parent and children, domain and grand domain with their titles,
// definition, RIASEC codes); every appellation as a name of its fiche,
// Rare when it is marked peu_usite; one proche edge per (fiche, target)
// of the mobility file, with the row's numero_ordre as the evidence's
// Rank; and an access edge from the level node of each fiche's minimum
// level, read from its acces_metier text by the rules of docs/ROME.md.
//
// v3, when not nil, holds the card file of ROME v3
// (*referentiel_code_rome*.csv): the v3 title of each code becomes a
// synonym of the parent fiche that keeps the code, and its Fiche.V3Title.
//
// Malformed files are refused as LoadROME refuses them: every error at
// once, each a *FieldError with file, line and column, joined in one
// error wrapping ErrInvalid. Quirks of well-formed data (codes named but
// absent, repeated rows, doubled apostrophes, …) are reported by
// Problems, never repaired silently.
func LoadROME4(fsys fs.FS, v3 fs.FS) (*Graph, error) {
	l := &romeLoader{access: map[string][]romeText{}}
	names, err := findROMEFiles(fsys, len(rome4Files), func(i int) (string, bool) { return rome4Files[i].glob, rome4Files[i].required })
	if err != nil {
		return nil, err
	}
	if m := romeVersionRE.FindStringSubmatch(path.Base(names[rome4Cards])); m != nil {
		l.version = m[1] + "." + m[2]
	}
	// The files are parsed at once, on every core: parsing is most of
	// the load (docs/ROME.md).
	tables := make([]*csvTable, len(rome4Files))
	errs := make([][]error, len(rome4Files))
	var wg sync.WaitGroup
	for i, f := range rome4Files {
		if names[i] != "" {
			wg.Go(func() { tables[i], errs[i] = readROMEFile(fsys, names[i], f.cols, f.optional...) })
		}
	}
	wg.Wait()
	for _, e := range errs {
		l.errs = append(l.errs, e...)
	}
	var v3Cards *csvTable
	if v3 != nil {
		v3Cards = l.readV3Cards(v3)
	}
	f := &fiches{romeLoader: l, fiche: map[string]*Fiche{}}
	if len(l.errs) == 0 {
		f.readCards(tables[rome4Cards])
		f.readDomains(tables[rome4Domains])
		f.readApps(tables[rome4Apps])
		f.readTexts(tables[rome4Texts])
		if tables[rome4RIASEC] != nil {
			f.readRIASEC(tables[rome4RIASEC])
		}
		if v3Cards != nil {
			f.readV3Titles(v3Cards)
		}
	}
	if len(l.errs) == 0 {
		f.readRanks(tables[rome4Mobility])
	}
	if err := l.err(); err != nil {
		return nil, err
	}
	return f.build()
}

// findROMEFiles returns the file of fsys that matches each of n globs, ""
// for an optional one that is absent.
func findROMEFiles(fsys fs.FS, n int, glob func(int) (string, bool)) ([]string, error) {
	names := make([]string, n)
	var errs []error
	for i := range n {
		g, required := glob(i)
		m, err := fs.Glob(fsys, g)
		if err != nil {
			return nil, err
		}
		switch {
		case len(m) > 1:
			errs = append(errs, fmt.Errorf("plusieurs fichiers correspondent à %s\u202f: %s", g, strings.Join(m, ", ")))
		case len(m) == 1:
			names[i] = m[0]
		case required:
			errs = append(errs, fmt.Errorf("aucun fichier ne correspond à %s", g))
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%w\u202f: ce n’est pas un dossier ROME\u202f: %w", ErrInvalid, errors.Join(errs...))
	}
	return names, nil
}

// err returns the errors read so far, at most maxROMEErrors of them,
// joined in one error wrapping ErrInvalid; nil if there is none.
func (l *romeLoader) err() error {
	if len(l.errs) == 0 {
		return nil
	}
	errs := l.errs
	if len(errs) > maxROMEErrors {
		errs = append(errs[:maxROMEErrors:maxROMEErrors], fmt.Errorf("… et %s de plus", countOf(len(l.errs)-maxROMEErrors, "erreur", "erreurs")))
	}
	return fmt.Errorf("%w\u202f: %w", ErrInvalid, errors.Join(errs...))
}

func (l *romeLoader) readV3Cards(v3 fs.FS) *csvTable {
	m, err := fs.Glob(v3, "*referentiel_code_rome*.csv")
	if err == nil && len(m) != 1 {
		err = fmt.Errorf("%w\u202f: le dossier v3 doit contenir un fichier *referentiel_code_rome*.csv, il en contient %d", ErrInvalid, len(m))
	}
	if err != nil {
		l.errs = append(l.errs, err)
		return nil
	}
	return l.read(v3, m[0], []string{"code_rome", "libelle_rome"})
}

// fiches is what LoadROME4 has read so far, beyond what romeLoader holds.
type fiches struct {
	*romeLoader
	fiche    map[string]*Fiche
	sentence map[string][]romeText // acces_metier sentences, kept for LevelSentence
	defs     map[string][]romeText
}

// repeated reports rows of a file that repeat the key of an earlier row.
func (f *fiches) repeated(file, field, what string, lines []int) {
	if len(lines) == 0 {
		return
	}
	f.report(Problem{Severity: SeverityWarning, Code: "repeated-row", Field: field,
		Message: fmt.Sprintf("%s de %s (%s) %s %s d’une ligne précédente\u202f: seule la première est gardée", countOf(len(lines), "ligne", "lignes"), file, romeLineSpan(lines), agree(len(lines), "répète", "répètent"), what)})
}

func (f *fiches) readCards(t *csvTable) {
	f.romeLoader.readCards(t) // code, title, duplicates: as v3
	parents := map[string]int{}
	for i := range t.len() {
		code := strings.TrimSpace(t.get(i, "code_rome"))
		j := f.byCode[code]
		if j == nil || j.Fiche != nil {
			continue
		}
		j.Fiche = &Fiche{Domain: code[:3], GrandDomain: code[:1]}
		f.fiche[code] = j.Fiche
		p, ok := f.code(t, i, "code_rome_parent")
		if ok && p != code {
			j.Fiche.Parent = JobID(p)
			parents[code] = i
		}
	}
	unknown := map[string][]int{}
	for _, code := range romeSortedKeys(parents) {
		fi := f.fiche[code]
		p := f.fiche[string(fi.Parent)]
		switch {
		case p == nil:
			unknown[string(fi.Parent)] = append(unknown[string(fi.Parent)], t.line(parents[code], "code_rome_parent"))
			fi.Parent = ""
		case p.Parent != "":
			f.report(Problem{Severity: SeverityWarning, Code: "parent-not-parent", Job: JobID(code), Field: "code_rome_parent",
				Message: fmt.Sprintf("ligne %d de %s\u202f: le parent %s a lui-même un parent (%s)", t.line(parents[code], "code_rome_parent"), t.file, fi.Parent, p.Parent)})
			p.Children = append(p.Children, JobID(code))
		default:
			p.Children = append(p.Children, JobID(code))
		}
	}
	f.unknown(t.file, "code_rome_parent", "ligne", "lignes", unknown)
}

func (f *fiches) readDomains(t *csvTable) {
	seen := map[string]int{}
	var repeats []int
	unknown := map[string][]int{}
	gdTitle, dpTitle := map[string]string{}, map[string]string{}
	for i := range t.len() {
		code, ok := f.code(t, i, "code_rome")
		if !ok {
			continue
		}
		if _, dup := seen[code]; dup {
			repeats = append(repeats, t.lines[i])
			continue
		}
		seen[code] = i
		fi := f.fiche[code]
		if fi == nil {
			unknown[code] = append(unknown[code], t.lines[i])
			continue
		}
		gd, dp := strings.TrimSpace(t.get(i, "code_grand_domaine")), strings.TrimSpace(t.get(i, "code_domaine_professionel"))
		if gd != code[:1] || dp != code[:3] {
			f.report(Problem{Severity: SeverityWarning, Code: "domain-code", Job: JobID(code), Field: "code_domaine_professionel",
				Message: fmt.Sprintf("ligne %d de %s\u202f: %s est classée sous %s / %s, et non sous les lettres de son code\u202f: gardée comme le fichier l’indique", t.lines[i], t.file, code, gd, dp)})
		}
		fi.GrandDomain, fi.Domain = gd, dp
		fi.GrandDomainTitle = f.title(t, i, "libelle_grand_domaine", gd, gdTitle)
		fi.DomainTitle = f.title(t, i, "libelle_domaine_professionel", dp, dpTitle)
	}
	f.repeated(t.file, "domain", "le code_rome", repeats)
	f.unknown(t.file, "domain", "ligne", "lignes", unknown)
	for _, code := range romeSortedKeys(f.fiche) {
		if _, ok := seen[code]; !ok {
			f.report(Problem{Severity: SeverityWarning, Code: "no-domain", Job: JobID(code), Field: "domain",
				Message: fmt.Sprintf("%s est absente de %s\u202f: son domaine est celui des lettres de son code, sans titre", code, t.file)})
		}
	}
}

// title reads the title of a domain or grand domain on row i, and reports
// a code titled two ways: the first title is kept.
func (f *fiches) title(t *csvTable, i int, col, code string, titles map[string]string) string {
	s := f.label(t.get(i, col))
	prev, ok := titles[code]
	if !ok {
		titles[code] = s
		return s
	}
	if prev != s {
		f.report(Problem{Severity: SeverityWarning, Code: "domain-title", Field: col, Quote: s,
			Message: fmt.Sprintf("ligne %d de %s\u202f: %s a le titre « %s » sur une ligne précédente\u202f: le premier titre est gardé", t.lines[i], t.file, code, prev)})
	}
	return prev
}

func (f *fiches) readApps(t *csvTable) {
	first := make(map[string]int, t.len())
	labels := make(map[[2]string]int, t.len()) // (fiche, label) → line
	unknown := map[string][]int{}
	var repeats []string
	otherParent := 0
	for i := range t.len() {
		code, ok := f.code(t, i, "code_rome")
		ogr := strings.TrimSpace(t.get(i, "code_ogr"))
		long := f.label(t.get(i, "libelle_appellation_long"))
		short := f.label(t.get(i, "libelle_appellation_court"))
		rare := false
		switch u := strings.TrimSpace(t.get(i, "peu_usite")); u {
		case "O":
			rare = true
		case "N", "":
		default:
			f.fail(t.file, t.line(i, "peu_usite"), "peu_usite", "%q n’est ni O ni N", u)
			ok = false
		}
		if line, dup := first[ogr]; dup {
			f.fail(t.file, t.line(i, "code_ogr"), "code_ogr", "%w\u202f: appellation %s, déjà ligne %d", ErrDuplicateID, ogr, line)
			ok = false
		} else if ogr == "" || long == "" {
			f.fail(t.file, t.lines[i], "libelle_appellation_long", "code ou libellé d’appellation manquant")
			ok = false
		}
		first[ogr] = t.lines[i]
		if !ok {
			continue
		}
		// 4.0 mobility rows name no appellation: f.apps, which v3 needs
		// for them, stays empty.
		j := f.byCode[code]
		if j == nil {
			unknown[code] = append(unknown[code], t.lines[i])
			continue
		}
		if line, dup := labels[[2]string{code, long}]; dup {
			repeats = append(repeats, fmt.Sprintf("%s « %s » (lignes %d et %d)", code, long, line, t.lines[i]))
		}
		labels[[2]string{code, long}] = t.lines[i]
		if p := strings.TrimSpace(t.get(i, "code_rome_parent")); p != "" && p != cmp.Or(string(j.Fiche.Parent), code) {
			otherParent++
		}
		j.Names = appendROMENames(j.Names, long, short, rare)
	}
	f.unknown(t.file, "appellations", "ligne", "lignes", unknown)
	if len(repeats) > 0 {
		f.report(Problem{Severity: SeverityWarning, Code: "repeated-appellation", Field: "appellations",
			Message: fmt.Sprintf("%s en double dans une même fiche, sous deux codes d’appellation, les deux gardés\u202f: %s", countOf(len(repeats), "libellé", "libellés"), strings.Join(repeats, "\u202f; "))})
	}
	if otherParent > 0 {
		f.report(Problem{Severity: SeverityInfo, Code: "appellation-parent", Field: "code_rome_parent",
			Message: fmt.Sprintf("%s de %s dont le code_rome_parent diffère du parent de la fiche (sur la v4.60, c’est la fiche v3 d’où vient l’appellation)\u202f: le parent de la fiche est retenu", countOf(otherParent, "appellation", "appellations"), t.file)})
	}
}

func (f *fiches) readTexts(t *csvTable) {
	f.sentence, f.defs = make(map[string][]romeText, len(f.fiche)), make(map[string][]romeText, len(f.fiche))
	unknown := map[string][]int{}
	seen := make(map[[3]string]bool, t.len()) // fiche, type, position
	var repeats []int
	for i := range t.len() {
		typ := strings.TrimSpace(t.get(i, "libelle_type_texte"))
		if typ != "acces_metier" && typ != "definition" {
			continue
		}
		code, ok := f.code(t, i, "code_rome")
		p := strings.TrimSpace(t.get(i, "position_phrase"))
		pos, isNum := f.number(t.file, t.line(i, "position_phrase"), "position_phrase", p)
		if !ok || !isNum {
			continue
		}
		if f.fiche[code] == nil {
			unknown[code] = append(unknown[code], t.lines[i])
			continue
		}
		if k := [3]string{code, typ, p}; seen[k] {
			repeats = append(repeats, t.lines[i])
			continue
		} else {
			seen[k] = true
		}
		s := romeText{pos: pos, text: f.label(t.get(i, "libelle_texte"))}
		if typ == "definition" {
			f.defs[code] = append(f.defs[code], s)
		} else {
			f.sentence[code] = append(f.sentence[code], s)
		}
	}
	f.repeated(t.file, "texts", "la fiche, le type et la position_phrase", repeats)
	f.unknown(t.file, "texts", "ligne", "lignes", unknown)
	for code, fi := range f.fiche {
		fi.Definition = joinROMETexts(f.defs[code])
	}
}

// joinROMETexts sorts the sentences of a text by position and joins them.
func joinROMETexts(texts []romeText) string {
	slices.SortStableFunc(texts, func(x, y romeText) int { return cmp.Compare(x.pos, y.pos) })
	parts := make([]string, len(texts))
	for k, t := range texts {
		parts[k] = t.text
	}
	return strings.Join(parts, " ")
}

func (f *fiches) readRIASEC(t *csvTable) {
	seen := map[string]bool{}
	var repeats []int
	unknown := map[string][]int{}
	for i := range t.len() {
		code, ok := f.code(t, i, "code_rome")
		major, minor := strings.TrimSpace(t.get(i, "riasec_majeur")), strings.TrimSpace(t.get(i, "riasec_mineur"))
		for col, v := range map[string]string{"riasec_majeur": major, "riasec_mineur": minor} {
			if len(v) > 1 || (v != "" && !strings.Contains("RIASEC", v)) {
				f.fail(t.file, t.line(i, col), col, "%q n’est pas l’une des lettres R, I, A, S, E, C", v)
				ok = false
			}
		}
		switch {
		case !ok:
		case seen[code]:
			repeats = append(repeats, t.lines[i])
		case f.fiche[code] == nil:
			unknown[code] = append(unknown[code], t.lines[i])
		default:
			seen[code] = true
			f.fiche[code].RIASECMajor, f.fiche[code].RIASECMinor = major, minor
		}
	}
	f.repeated(t.file, "riasec", "le code_rome", repeats)
	f.unknown(t.file, "riasec", "ligne", "lignes", unknown)
}

// readV3Titles gives each parent fiche the v3 title of its code.
func (f *fiches) readV3Titles(t *csvTable) {
	// The quirks of the v3 file are v3's, reported by LoadROME: not
	// counted in this release's report.
	apostrophe, spaces := f.apostrophe, f.spaces
	defer func() { f.apostrophe, f.spaces = apostrophe, spaces }()
	var absent []string
	for i := range t.len() {
		code, ok := f.code(t, i, "code_rome")
		title := f.label(t.get(i, "libelle_rome"))
		if !ok || title == "" {
			continue
		}
		j := f.byCode[code]
		if j == nil || j.Fiche.Parent != "" {
			absent = append(absent, code)
			continue
		}
		j.Fiche.V3Title = title
		if title != j.Title {
			j.Names = append(j.Names, Name{Text: title, Kind: NameSynonym})
		}
	}
	if len(absent) > 0 {
		f.report(Problem{Severity: SeverityWarning, Code: "v3-code-absent", Field: "v3_title",
			Message: fmt.Sprintf("%s de %s sans fiche parente dans la version\u202f: titre v3 écarté (%s)", countOf(len(absent), "code", "codes"), t.file, strings.Join(absent, ", "))})
	}
}

// readRanks reads the mobility rows: one proche edge per row, ranked by
// numero_ordre.
func (f *fiches) readRanks(t *csvTable) {
	seen := make(map[[2]string]bool, t.len())
	ranks := make(map[string][]int, len(f.fiche))
	unknown := map[string][]int{}
	merged := 0
	f.edges = slices.Grow(f.edges, t.len())
	for i := range t.len() {
		line := t.lines[i]
		from, ok1 := f.code(t, i, "code_rome")
		to, ok2 := f.code(t, i, "code_rome_cible")
		n := strings.TrimSpace(t.get(i, "numero_ordre"))
		rank, err := strconv.Atoi(n)
		if err != nil || rank < 1 {
			f.fail(t.file, t.line(i, "numero_ordre"), "numero_ordre", "%q n’est pas un rang (1, 2, …)", n)
			continue
		}
		if !ok1 || !ok2 {
			continue
		}
		if f.fiche[from] == nil || f.fiche[to] == nil {
			for _, c := range []string{from, to} {
				if f.fiche[c] == nil {
					unknown[c] = append(unknown[c], line)
				}
			}
			continue
		}
		if from == to {
			f.report(Problem{Severity: SeverityWarning, Code: "self-mobility", Job: JobID(from), Field: "mobility", Quote: strings.Join(t.row(i), ","),
				Message: fmt.Sprintf("ligne %d de %s\u202f: une mobilité de %s vers elle-même\u202f: ligne écartée", line, t.file, from)})
			continue
		}
		if k := [2]string{from, to}; seen[k] {
			merged++
		} else {
			seen[k] = true
		}
		ranks[from] = append(ranks[from], rank)
		f.edges = append(f.edges, romeEdge{from: JobID(from), to: JobID(to), typ: Close,
			ev: Evidence{Text: "Mobilité de rang " + strconv.Itoa(rank) + " (ligne " + strconv.Itoa(line) + ")", Match: MatchRome, Rank: rank}})
	}
	f.unknown(t.file, "mobility", "ligne", "lignes", unknown)
	if merged > 0 {
		f.report(Problem{Severity: SeverityWarning, Code: "merged-mobility", Field: "mobility",
			Message: fmt.Sprintf("%s de mobilité en double (même fiche et même cible qu’une ligne précédente)\u202f: une seule arête pour chaque paire, chaque ligne gardée comme preuve", countOf(merged, "ligne", "lignes"))})
	}
	var gaps []string
	for _, code := range romeSortedKeys(ranks) {
		r := slices.Sorted(slices.Values(ranks[code]))
		for k, v := range r {
			if v != k+1 {
				gaps = append(gaps, code)
				break
			}
		}
	}
	if len(gaps) > 0 {
		f.report(Problem{Severity: SeverityInfo, Code: "rank-gaps", Field: "numero_ordre",
			Message: fmt.Sprintf("%s dont les cibles ne sont pas classées 1, 2, … n\u202f: %s", countOf(len(gaps), "fiche", "fiches"), strings.Join(gaps, ", "))})
	}
	if t.len() > 0 {
		f.report(Problem{Severity: SeverityInfo, Code: "untyped-mobility", Field: "mobility",
			Message: fmt.Sprintf("ROME 4.0\u202f: %s sans type (proche ou évolution), avec un rang seulement\u202f: %s comme proche", countOf(t.len(), "ligne de mobilité", "lignes de mobilité"), agree(t.len(), "lue", "toutes lues"))})
	}
}

// build turns the fiches into the graph of dataset "rome".
func (f *fiches) build() (*Graph, error) {
	fams := map[string]string{}
	for _, fi := range f.fiche {
		if _, ok := fams[fi.Domain]; !ok || fams[fi.Domain] == "" {
			fams[fi.Domain] = fi.DomainTitle
		}
	}
	var families []Family
	for _, id := range romeSortedKeys(fams) {
		families = append(families, Family{ID: id, Title: cmp.Or(fams[id], "Domaine "+id)})
	}
	for _, j := range f.cards {
		j.Family, j.GrandDomain = j.Fiche.Domain, j.Fiche.GrandDomain
		j.AccessText = joinROMETexts(f.sentence[string(j.ID)])
	}
	return f.buildGraph("rome", families, func(j *Job, r romeAccess) {
		j.Fiche.LevelSentence = romeSentenceAt(f.sentence[string(j.ID)], r.Start)
	})
}

// romeSentenceAt returns the sentence of texts, joined by one space, that
// holds byte offset at of the joined text; "" for at < 0.
func romeSentenceAt(texts []romeText, at int) string {
	if at < 0 {
		return ""
	}
	off := 0
	for _, t := range texts {
		if at < off+len(t.text) {
			return t.text
		}
		off += len(t.text) + 1
	}
	return ""
}
