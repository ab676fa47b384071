package graph

import (
	"cmp"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The files of a ROME release, found by name in the folder given to
// LoadROME. Cards and mobilities are required; appellations and texts are
// read when present. Columns are found by their header names, so their
// order and any extra column do not matter.
var romeFiles = []struct {
	glob     string
	required bool
}{
	{"*referentiel_code_rome*.csv", true},
	{"*referentiel_appellation*.csv", false},
	{"*texte*.csv", false},
	{"*mobilite*.csv", true},
}

// maxROMEFile bounds each file LoadROME reads.
const maxROMEFile = 256 << 20

// maxROMEErrors bounds the errors LoadROME reports at once.
const maxROMEErrors = 50

var (
	romeVersionRE = regexp.MustCompile(`_v(\d)(\d+)_`)
)

// LoadROME reads a release of ROME, the Répertoire Opérationnel des
// Métiers et des Emplois of France Travail, from the CSV files of its
// open data in fsys, and builds its graph: one node per job card (its
// code is the ID), the appellations of each card as names, one edge per
// (card, target card, type) of the mobility file with every row as
// evidence, and the minimum access level read from each card's access
// text by the rules of docs/ROME.md.
//
// It reads the v3 layout, whose mobility rows are typed Proche or
// Evolution, into the graph of dataset "rome-v3". A folder in the 4.x
// layout (IsROME4) is read by LoadROME4, without v3 titles.
// Malformed files (a missing column, a row with too few or too many
// fields, bad quoting, invalid UTF-8, a malformed code) are errors that
// give the file, line and column, joined in one error wrapping
// ErrInvalid. Quirks of well-formed data, such as a row naming a code
// that is not in the card list, are left out of the graph and reported
// by Problems.
func LoadROME(fsys fs.FS) (*Graph, error) {
	if IsROME4(fsys) {
		return LoadROME4(fsys, nil)
	}
	l := &romeLoader{access: map[string][]romeText{}}
	names, err := findROMEFiles(fsys, len(romeFiles), func(i int) (string, bool) { return romeFiles[i].glob, romeFiles[i].required })
	if err != nil {
		return nil, err
	}
	if m := romeVersionRE.FindStringSubmatch(path.Base(names[0])); m != nil {
		l.version = m[1] + "." + m[2]
	}
	cards := l.read(fsys, names[0], []string{"code_rome", "libelle_rome"})
	var apps, texts *csvTable
	if names[1] != "" {
		apps = l.read(fsys, names[1], []string{"code_rome", "code_ogr", "libelle_appellation_long"}, "libelle_appellation_court")
	}
	if names[2] != "" {
		texts = l.read(fsys, names[2], []string{"code_rome", "libelle_texte"}, "libelle_type_texte", "code_type_texte", "position_libelle_txt")
	}
	mob := l.read(fsys, names[3], []string{"code_rome", "code_rome_cible"},
		"code_type_mobilite", "libelle_type_mobilite", "code_appellation_source", "code_appellation_cible")
	if mob != nil && !mob.has("code_type_mobilite") && !mob.has("libelle_type_mobilite") {
		l.fail(mob.file, 1, "code_type_mobilite", "colonne manquante\u202f: les mobilités v3 sont typées par code_type_mobilite ou libelle_type_mobilite")
	}
	if len(l.errs) == 0 {
		l.readCards(cards)
		if apps != nil {
			l.readApps(apps)
		}
		if texts != nil {
			l.readTexts(texts)
		}
	}
	if len(l.errs) == 0 {
		l.readMobility(mob)
	}
	if err := l.err(); err != nil {
		return nil, err
	}
	return l.build()
}

// IsROME4 reports whether fsys holds a release in the 4.x layout: one
// card file whose header names code_rome_parent.
func IsROME4(fsys fs.FS) bool {
	m, err := fs.Glob(fsys, rome4Files[rome4Cards].glob)
	if err != nil || len(m) != 1 {
		return false
	}
	f, err := fsys.Open(m[0])
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	line, _, _ := strings.Cut(string(head[:n]), "\n")
	return strings.Contains(strings.ToLower(line), "code_rome_parent")
}

// romeLoader holds what LoadROME has read so far.
type romeLoader struct {
	version string

	cards  []*Job
	byCode map[string]*Job
	apps   map[string]romeApp // by code_ogr
	access map[string][]romeText
	edges  []romeEdge

	errs       []error
	problems   []Problem
	apostrophe int // fields whose doubled apostrophes were made single
	spaces     int // fields whose runs of spaces were made one
}

type romeApp struct {
	card  string
	label string
}

type romeText struct {
	pos  int
	text string
}

type romeEdge struct {
	from, to JobID
	typ      EdgeType
	ev       Evidence
}

func (l *romeLoader) fail(file string, line int, field string, format string, args ...any) {
	l.errs = append(l.errs, &FieldError{File: file, Line: line, Field: field, Err: fmt.Errorf(format, args...)})
}

func (l *romeLoader) report(p Problem) { l.problems = append(l.problems, p) }

// unknown reports the rows of a file that name a code absent from the
// cards, grouped by code; one and many name a row.
func (l *romeLoader) unknown(file, field, one, many string, lines map[string][]int) {
	for _, code := range romeSortedKeys(lines) {
		ls := lines[code]
		l.report(Problem{Severity: SeverityWarning, Code: "unknown-card", Job: JobID(code), Field: field,
			Message: fmt.Sprintf("%s pour %s, code absent de la liste des fiches (%s de %s)\u202f: rien n’en est gardé", countOf(len(ls), one, many), code, romeLineSpan(ls), file)})
	}
}

// number parses s, read at line of column col of file, as a whole number,
// and reports it when it is not one.
func (l *romeLoader) number(file string, line int, col, s string) (int, bool) {
	n, err := strconv.Atoi(s)
	if err != nil {
		l.fail(file, line, col, "%q n’est pas un nombre", s)
		return 0, false
	}
	return n, true
}

// read reads a CSV file of a release with readROMEFile.
func (l *romeLoader) read(fsys fs.FS, name string, required []string, optional ...string) *csvTable {
	t, errs := readROMEFile(fsys, name, required, optional...)
	l.errs = append(l.errs, errs...)
	return t
}

// readROMEFile reads a CSV file of a release with readCSVTable. required
// lists the columns the file must have, optional those read when present;
// the fields of other columns are neither checked nor kept.
func readROMEFile(fsys fs.FS, name string, required []string, optional ...string) (*csvTable, []error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, []error{&FieldError{File: name, Err: err}}
	}
	defer f.Close()
	var size int64
	if fi, err := f.Stat(); err == nil {
		size = fi.Size()
	}
	return readCSVTable(f, name, csvOptions{required: required, keep: append([]string{}, optional...),
		maxErrors: maxROMEErrors + 1, maxSize: maxROMEFile, size: size})
}

// label returns a label of the source as it should read: the doubled
// apostrophes of the v3 files made single, runs of spaces made one.
func (l *romeLoader) label(s string) string {
	quotes, spacing := romeLabelScan(s)
	if quotes {
		l.apostrophe++
		s = strings.ReplaceAll(s, "''", "'")
	}
	if !spacing {
		return s
	}
	out := strings.Join(strings.Fields(s), " ")
	if out != s {
		l.spaces++
	}
	return out
}

// romeNeedsSpacing reports whether s has a space at an end, two spaces in
// a row or a white space other than a space: what label changes.
func romeNeedsSpacing(s string) bool {
	_, spacing := romeLabelScan(s)
	return spacing
}

// romeLabelScan reports, in one pass over s, whether it holds doubled
// apostrophes and whether it needs spacing (romeNeedsSpacing); making the
// apostrophes single changes no space, so label reads both at once.
func romeLabelScan(s string) (quotes, spacing bool) {
	if s == "" {
		return false, false
	}
	spacing = s[0] == ' ' || s[len(s)-1] == ' '
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case !labelStart[c]:
		case c == '\'':
			quotes = quotes || (i+1 < len(s) && s[i+1] == '\'')
		case c == ' ':
			spacing = spacing || (i+1 < len(s) && s[i+1] == ' ')
		case c < utf8.RuneSelf:
			spacing = true
		case !spacing:
			// Multi-byte spaces (U+0085, U+00A0, U+1680, U+2000…, U+3000)
			// start with one of these bytes, as do ’, « and », which are not
			// spaces: decode the rune, as strings.Fields would.
			r, _ := utf8.DecodeRuneInString(s[i:])
			spacing = unicode.IsSpace(r)
		}
	}
	return quotes, spacing
}

// labelStart marks the bytes at which romeLabelScan looks closer: the
// apostrophe, the space and ASCII white space other than a space, and
// the first bytes of the multi-byte white spaces.
var labelStart = [256]bool{'\'': true, ' ': true, '\t': true, '\n': true, '\v': true, '\f': true, '\r': true,
	0xC2: true, 0xE1: true, 0xE2: true, 0xE3: true}

// isROMECode reports whether c is a ROME code: a capital letter and four
// digits.
func isROMECode(c string) bool {
	if len(c) != 5 || c[0] < 'A' || c[0] > 'Z' {
		return false
	}
	for i := 1; i < 5; i++ {
		if c[i] < '0' || c[i] > '9' {
			return false
		}
	}
	return true
}

// code checks a ROME code of row i and reports a malformed one.
func (l *romeLoader) code(t *csvTable, i int, col string) (string, bool) {
	c := strings.TrimSpace(t.get(i, col))
	if !isROMECode(c) {
		l.fail(t.file, t.lines[i], col, "%q n’est pas un code ROME (une lettre et quatre chiffres)", c)
		return c, false
	}
	return c, true
}

func (l *romeLoader) readCards(t *csvTable) {
	l.byCode = make(map[string]*Job, t.len())
	first := map[string]int{}
	for i := range t.len() {
		code, ok := l.code(t, i, "code_rome")
		title := l.label(t.get(i, "libelle_rome"))
		if title == "" {
			l.fail(t.file, t.lines[i], "libelle_rome", "titre manquant")
			ok = false
		}
		if line, dup := first[code]; dup {
			l.fail(t.file, t.lines[i], "code_rome", "%w\u202f: %s, déjà ligne %d", ErrDuplicateID, code, line)
			continue
		}
		first[code] = t.lines[i]
		if !ok {
			continue
		}
		j := &Job{ID: JobID(code), Title: title, Kind: KindJob, HasCard: true, Family: code[:3], GrandDomain: code[:1]}
		l.cards = append(l.cards, j)
		l.byCode[code] = j
	}
	if len(l.cards) == 0 && len(l.errs) == 0 {
		l.fail(t.file, 0, "", "aucune fiche")
	}
}

func (l *romeLoader) readApps(t *csvTable) {
	first := make(map[string]int, t.len())
	l.apps = make(map[string]romeApp, t.len())
	unknown := map[string][]int{} // lines of the appellations of each unknown card
	for i := range t.len() {
		code, ok := l.code(t, i, "code_rome")
		ogr := strings.TrimSpace(t.get(i, "code_ogr"))
		long := l.label(t.get(i, "libelle_appellation_long"))
		short := l.label(t.get(i, "libelle_appellation_court"))
		if ogr == "" {
			l.fail(t.file, t.lines[i], "code_ogr", "code d’appellation manquant")
			ok = false
		} else if line, dup := first[ogr]; dup {
			l.fail(t.file, t.lines[i], "code_ogr", "%w\u202f: appellation %s, déjà ligne %d", ErrDuplicateID, ogr, line)
			ok = false
		} else {
			first[ogr] = t.lines[i]
		}
		if long == "" {
			l.fail(t.file, t.lines[i], "libelle_appellation_long", "appellation manquante")
			ok = false
		}
		if !ok {
			continue
		}
		l.apps[ogr] = romeApp{card: code, label: long}
		j := l.byCode[code]
		if j == nil {
			unknown[code] = append(unknown[code], t.lines[i])
			continue
		}
		j.Names = appendROMENames(j.Names, long, short, false)
	}
	l.unknown(t.file, "appellations", "appellation", "appellations", unknown)
}

// appendROMENames appends to names those an appellation is known by, as
// appellations marked rare or not: its long and short labels and, for a
// label that gives both genders such as "Développeur / Développeuse web",
// each form on its own: "Développeur web", "Développeuse web".
func appendROMENames(names []Name, long, short string, rare bool) []Name {
	names = append(names, Name{Text: long, Kind: NameAppellation, Rare: rare})
	if short != "" && short != long {
		names = append(names, Name{Text: short, Kind: NameAppellation, Rare: rare})
	}
	if m, f, ok := romeSplitGender(long); ok {
		names = append(names, Name{Text: m, Kind: NameAppellation, Rare: rare}, Name{Text: f, Kind: NameAppellation, Rare: rare})
	}
	return names
}

// romeSplitGender splits "Masc / Fém rest" into "Masc rest" and "Fém rest".
// The feminine form replaces the last words of the left side, from the
// one it shares its first three letters with: "Graphiste dessinateur /
// dessinatrice - films" gives "Graphiste dessinateur - films" and
// "Graphiste dessinatrice - films". Labels with more than one " / ", or
// whose sides share no such word ("Layout man / woman"), are not split.
func romeSplitGender(s string) (masc, fem string, ok bool) {
	left, right, found := strings.Cut(s, " / ")
	if !found || strings.Contains(right, " / ") {
		return "", "", false
	}
	lw, rw := strings.Fields(left), strings.Fields(right)
	if len(lw) == 0 || len(rw) == 0 {
		return "", "", false
	}
	start := -1
	first := Fold(rw[0])
	for i, w := range lw {
		if romeSharePrefix(Fold(w), first, 3) {
			start = i
			break
		}
	}
	k := len(lw) - start
	if start < 0 || k > len(rw) {
		return "", "", false
	}
	return joinWords(lw, rw[k:]), joinWords(lw[:start], rw), true
}

// joinWords joins the words of a, then those of b, with one space between
// two: strings.Join of both, without the slice of both. One word is
// returned as it is, not copied.
func joinWords(a, b []string) string {
	switch {
	case len(a)+len(b) == 0:
		return ""
	case len(a) == 0 && len(b) == 1:
		return b[0]
	case len(a) == 1 && len(b) == 0:
		return a[0]
	}
	n := len(a) + len(b) - 1 // the spaces
	for _, w := range a {
		n += len(w)
	}
	for _, w := range b {
		n += len(w)
	}
	var s strings.Builder
	s.Grow(n)
	for _, ws := range [2][]string{a, b} {
		for _, w := range ws {
			if s.Len() > 0 {
				s.WriteByte(' ')
			}
			s.WriteString(w)
		}
	}
	return s.String()
}

func romeSharePrefix(a, b string, n int) bool {
	return len(a) >= n && len(b) >= n && a[:n] == b[:n]
}

func (l *romeLoader) readTexts(t *csvTable) {
	typeCol := ""
	switch {
	case t.has("libelle_type_texte"):
		typeCol = "libelle_type_texte"
	case t.has("code_type_texte"):
		typeCol = "code_type_texte"
	default:
		l.fail(t.file, 1, "libelle_type_texte", "colonne manquante\u202f: ni libelle_type_texte ni code_type_texte")
		return
	}
	unknown := map[string][]int{}
	for i := range t.len() {
		typ := strings.TrimSpace(t.get(i, typeCol))
		if typ != "acces_a_em" && !(typeCol == "code_type_texte" && typ == "2") {
			continue
		}
		code, ok := l.code(t, i, "code_rome")
		pos := len(l.access[code])
		if p := strings.TrimSpace(t.get(i, "position_libelle_txt")); p != "" {
			n, isNum := l.number(t.file, t.lines[i], "position_libelle_txt", p)
			pos, ok = n, ok && isNum
		}
		if !ok {
			continue
		}
		if l.byCode[code] == nil {
			unknown[code] = append(unknown[code], t.lines[i])
			continue
		}
		l.access[code] = append(l.access[code], romeText{pos: pos, text: l.label(t.get(i, "libelle_texte"))})
	}
	l.unknown(t.file, "texts", "ligne de texte d’accès", "lignes de texte d’accès", unknown)
}

func (l *romeLoader) readMobility(t *csvTable) {
	seen := map[edgeKey]bool{}
	dups := 0
	for i := range t.len() {
		line := t.lines[i]
		from, ok1 := l.code(t, i, "code_rome")
		to, ok2 := l.code(t, i, "code_rome_cible")
		if !ok1 || !ok2 {
			continue
		}
		typ, label, ok := l.mobilityType(t, i)
		if !ok {
			continue
		}
		quote := strings.Join(t.row(i), ",")
		var missing []string
		for _, c := range []string{from, to} {
			if l.byCode[c] == nil && !slices.Contains(missing, c) {
				missing = append(missing, c)
			}
		}
		if len(missing) > 0 {
			l.report(Problem{Severity: SeverityWarning, Code: "unknown-card", Job: JobID(missing[0]), Field: "mobility", Quote: quote,
				Message: fmt.Sprintf("ligne %d de %s\u202f: %s → %s, mais pas de fiche %s dans la liste des fiches\u202f: ligne écartée", line, t.file, from, to, strings.Join(missing, " ni "))})
			continue
		}
		if from == to {
			l.report(Problem{Severity: SeverityWarning, Code: "self-mobility", Job: JobID(from), Field: "mobility", Quote: quote,
				Message: fmt.Sprintf("ligne %d de %s\u202f: une mobilité de %s vers elle-même\u202f: ligne écartée", line, t.file, from)})
			continue
		}
		src := l.appellation(t, i, "code_appellation_source", from)
		dst := l.appellation(t, i, "code_appellation_cible", to)
		text := label + " : toutes appellations"
		if src != "" || dst != "" {
			text = label + " : " + cmp.Or(src, "toutes appellations") + " → " + cmp.Or(dst, "toutes appellations")
		}
		k := edgeKey{JobID(from), JobID(to), typ}
		if seen[k] {
			dups++
		}
		seen[k] = true
		l.edges = append(l.edges, romeEdge{from: k.from, to: k.to, typ: typ,
			ev: Evidence{Text: fmt.Sprintf("%s (ligne %d)", text, line), Match: MatchRome}})
	}
	if dups > 0 {
		l.report(Problem{Severity: SeverityInfo, Code: "merged-mobility", Field: "mobility",
			Message: fmt.Sprintf("%s de mobilité en double (mêmes fiches et même type qu’une ligne précédente, mais d’autres appellations sur la v3.47)\u202f: une seule arête pour chaque paire, chaque ligne gardée comme preuve", countOf(dups, "ligne", "lignes"))})
	}
}

// mobilityType reads the type of a v3 mobility row: 1 or Proche, 2 or
// Evolution.
func (l *romeLoader) mobilityType(t *csvTable, i int) (EdgeType, string, bool) {
	code := strings.TrimSpace(t.get(i, "code_type_mobilite"))
	lib := Fold(t.get(i, "libelle_type_mobilite"))
	switch {
	case code == "1" || (code == "" && lib == "proche"):
		return Close, "Proche", true
	case code == "2" || (code == "" && lib == "evolution"):
		return Evolution, "Évolution", true
	}
	col := "code_type_mobilite"
	if !t.has(col) {
		col = "libelle_type_mobilite"
	}
	l.fail(t.file, t.lines[i], col, "type de mobilité %q inconnu\u202f: 1 (Proche) ou 2 (Evolution)", cmp.Or(code, t.get(i, "libelle_type_mobilite")))
	return 0, "", false
}

// appellation returns the label of the appellation a mobility row names
// in column col, "" if it names none. An appellation that is unknown or
// belongs to another card is reported, and shown by its code.
func (l *romeLoader) appellation(t *csvTable, i int, col, card string) string {
	ogr := strings.TrimSpace(t.get(i, col))
	if ogr == "" {
		return ""
	}
	a, ok := l.apps[ogr]
	switch {
	case !ok:
		l.report(Problem{Severity: SeverityWarning, Code: "unknown-appellation", Job: JobID(card), Field: "mobility",
			Message: fmt.Sprintf("ligne %d de %s\u202f: %s %s absent du fichier des appellations", t.lines[i], t.file, col, ogr)})
		return "appellation " + ogr
	case a.card != card:
		l.report(Problem{Severity: SeverityWarning, Code: "appellation-card", Job: JobID(card), Field: "mobility",
			Message: fmt.Sprintf("ligne %d de %s\u202f: %s %s « %s » appartient à %s, et non à %s", t.lines[i], t.file, col, ogr, a.label, a.card, card)})
	}
	return a.label
}

// build turns what was read of a v3 release into its graph.
func (l *romeLoader) build() (*Graph, error) {
	var families []Family
	seen := map[string]bool{}
	for _, j := range l.cards {
		if !seen[j.Family] {
			seen[j.Family] = true
			families = append(families, Family{ID: j.Family, Title: cmp.Or(romeDomains[j.Family], "Domaine "+j.Family)})
		}
	}
	slices.SortFunc(families, func(x, y Family) int { return cmp.Compare(x.ID, y.ID) })
	for _, j := range l.cards {
		j.AccessText = joinROMETexts(l.access[string(j.ID)])
	}
	return l.buildGraph(romeV3Dataset, families, nil)
}

// buildGraph builds the graph of the cards read, in dataset dataset with
// the given families: the level of each card read from its AccessText
// (leveled, when not nil, is called with what was read), the report, the
// level nodes, the access and the mobility edges.
func (l *romeLoader) buildGraph(dataset string, families []Family, leveled func(*Job, romeAccess)) (*Graph, error) {
	b := NewBuilder(dataset)
	b.Version = l.version
	b.Title = "ROME — France Travail"
	if b.Version != "" {
		b.Title = "ROME v" + b.Version + " — France Travail"
	}
	b.Families = families
	slices.SortFunc(l.cards, func(x, y *Job) int { return cmp.Compare(x.ID, y.ID) })
	access := make([]romeAccess, len(l.cards))
	experience := 0
	for i, j := range l.cards {
		access[i] = readAccessLevel(j.AccessText)
		j.Level, j.LevelText = access[i].Level, access[i].Text
		if leveled != nil {
			leveled(j, access[i])
		}
		if access[i].Experience && j.Level != LevelNone {
			experience++
		}
	}

	// The report: defects of the source first, then choices made while
	// reading it, then the cards left without a level.
	for _, p := range l.problems {
		b.Report(p)
	}
	if l.spaces > 0 {
		b.Report(Problem{Severity: SeverityInfo, Code: "extra-spaces", Field: "libelle",
			Message: fmt.Sprintf("%s avec des espaces répétés, ou en début ou en fin\u202f: lus comme un seul espace", countOf(l.spaces, "libellé ou texte", "libellés ou textes"))})
	}
	if l.apostrophe > 0 {
		b.Report(Problem{Severity: SeverityInfo, Code: "doubled-apostrophes", Field: "libelle",
			Message: fmt.Sprintf("%s où l’apostrophe est imprimée « '' »\u202f: lue comme une seule apostrophe", countOf(l.apostrophe, "libellé ou texte", "libellés ou textes"))})
	}
	if experience > 0 {
		b.Report(Problem{Severity: SeverityInfo, Code: "experience-route", Field: "access_text",
			Message: fmt.Sprintf("%s avec un niveau %s aussi par l’expérience, sans diplôme\u202f: le niveau retenu est celui du plus bas diplôme cité", countOf(experience, "fiche", "fiches"), agree(experience, "est accessible", "sont accessibles"))})
	}
	for i, j := range l.cards {
		r := access[i]
		switch {
		case r.NoDiploma:
			b.Report(Problem{Severity: SeverityInfo, Code: "no-diploma", Job: j.ID, Field: "access_text", Quote: r.Text,
				Message: "accessible sans diplôme\u202f: pas de niveau, les recherches par niveau ne la citent donc pas"})
		case r.BelowScale:
			b.Report(Problem{Severity: SeverityInfo, Code: "below-scale", Job: j.ID, Field: "access_text", Quote: r.Text,
				Message: "le plus bas diplôme cité est en dessous du CAP\u202f: pas de niveau"})
		case j.Level == LevelNone && j.AccessText == "":
			b.Report(Problem{Severity: SeverityInfo, Code: "no-level", Job: j.ID, Field: "access_text",
				Message: "la fiche n’a pas de texte d’accès\u202f: pas de niveau"})
		case j.Level == LevelNone:
			b.Report(Problem{Severity: SeverityInfo, Code: "no-level", Job: j.ID, Field: "access_text", Quote: clip(j.AccessText, 120),
				Message: "le texte d’accès ne cite aucun diplôme de l’échelle\u202f: pas de niveau"})
		}
	}

	for _, j := range l.cards {
		b.AddJob(j)
	}
	for _, lv := range Levels {
		b.AddJob(&Job{ID: LevelID(lv), Title: lv.Label(), Kind: KindLevel, Level: lv})
	}
	for _, j := range l.cards {
		if j.Level != LevelNone {
			b.AddEdge(LevelID(j.Level), j.ID, Access, Evidence{Text: "Niveau minimum d’accès : " + j.LevelText, Match: MatchLevel})
		}
	}
	for _, e := range l.edges {
		b.AddEdge(e.from, e.to, e.typ, e.ev)
	}
	return b.Build()
}

// romeDomains titles the ROME domains. The open-data files do not title
// domains; only the ones given by the project's issue are listed, the
// others are titled by their code.
var romeDomains = map[string]string{
	"M18": "Systèmes d'information et de télécommunication",
}

// romeAccess is the minimum access level read from the access text of a
// ROME card.
type romeAccess struct {
	Level      Level
	Text       string // the words the level was read from, as printed
	Start      int    // byte offset of Text in the access text; -1 when Text is empty
	NoDiploma  bool   // the text says the job is accessible without a diploma
	BelowScale bool   // the lowest diploma named is below CAP (brevet des collèges)
	Experience bool   // the text also opens the job to experience without a diploma
}

// romeDiplomasIn returns the spans of the diplomas text names.
func romeDiplomasIn(text string) (spans [][2]int) {
	for _, m := range FindLevels(text) {
		spans = append(spans, [2]int{m.Start, m.End})
	}
	return spans
}

// romePermitRE finds licences that are permits, not degrees: "une
// licence et un agrément", "licence annuelle d'agent", "licence de
// pilote".
var romePermitRE = regexp.MustCompile(`(?i)licence\s+(?:et\s+un\s+agr[ée]ment|annuelle|d'agent|de\s+pilote)|pilote\s+licence`)

// romeNoDiplomaRE finds a statement that the job is open without a diploma.
// "accessible sans diplôme et avec expérience" opens it to experience
// instead, as does "accessible avec une expérience … sans diplôme".
var (
	romeNoDiplomaRE  = regexp.MustCompile(`(?i)accessible\s+(sans\s+dipl[ôo]me(?:\s+particulier)?)`)
	romeWithRE       = regexp.MustCompile(`(?i)^\s*(?:et\s+)?avec\b`)
	romeExperienceRE = regexp.MustCompile(`(?i)sans\s+dipl[ôo]me`)
)

// romeDiplomas maps the Key of diplomas ParseLevel does not know.
var romeDiplomas = map[string]Level{
	"deug":                          LevelBac2,
	"brevet technicien superieur":   LevelBac2,
	"brevet technicien":             LevelBac,
	"brevet professionnel":          LevelBac,
	"brevet professionnel agricole": LevelCAP,
	"diplome ecole ingenieur":       LevelBac5,
	"diplome etat docteur":          LevelBac5,
	"niveau v":                      LevelCAP,
	"niveau iv":                     LevelBac,
	"niveau iii":                    LevelBac2,
	"niveau ii":                     LevelBac3,
	"niveau i":                      LevelBac5,
}

// romeBelowCAP lists the Keys of diplomas below the scale.
var romeBelowCAP = map[string]bool{"brevet college": true, "diplome fin etude secondaire": true}

// readAccessLevel reads the minimum access level of a ROME card from its
// access text, by the rules of docs/ROME.md: a text saying the job is
// accessible without a diploma has no level; otherwise the level is that
// of the lowest diploma the text names, none when it names none or when
// the lowest is below CAP.
func readAccessLevel(text string) romeAccess {
	r := romeAccess{Start: -1}
	if strings.Contains(text, "ans dipl") {
		for _, m := range romeNoDiplomaRE.FindAllStringSubmatchIndex(text, -1) {
			if !romeWithRE.MatchString(text[m[1]:]) {
				r.NoDiploma, r.Text, r.Start = true, text[m[2]:m[3]], m[2]
				return r
			}
		}
		r.Experience = romeExperienceRE.MatchString(text)
	}
	scan := text
	if strings.Contains(text, "icence") {
		scan = romePermitRE.ReplaceAllStringFunc(text, func(s string) string { return strings.Repeat(" ", len(s)) })
	}
	found := false
	for _, m := range romeDiplomasIn(scan) {
		words := text[m[0]:m[1]]
		k := Key(words)
		if romeBelowCAP[k] {
			if !r.BelowScale {
				r.BelowScale, r.Level, r.Text, r.Start = true, LevelNone, words, m[0]
			}
			continue
		}
		l, ok := romeDiplomas[k]
		if !ok {
			var err error
			if l, err = ParseLevel(words); err != nil {
				continue
			}
		}
		if r.BelowScale {
			continue
		}
		if !found || l < r.Level {
			r.Level, r.Text, r.Start, found = l, words, m[0], true
		}
	}
	return r
}

func romeSortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// romeLineSpan prints a list of lines as "line 12" or "lines 12–40".
func romeLineSpan(lines []int) string {
	if len(lines) == 1 {
		return fmt.Sprintf("ligne %d", lines[0])
	}
	return fmt.Sprintf("lignes %d–%d", slices.Min(lines), slices.Max(lines))
}
