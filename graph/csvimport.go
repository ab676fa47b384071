package graph

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// The CSV format of a repertoire is the pair of files WriteCSV writes,
// nodes.csv and edges.csv, so that an export edited in a spreadsheet loads
// back. Each file starts with a header row; columns are found by name, in
// any order, and unknown columns are ignored. Only id and title (nodes),
// from, to and type (edges) are required.
//
// nodes.csv, one row per node:
//
//	id            a slug, a ROME code such as M1805, ext-… for an external
//	              role, level-… for a level
//	title         the title; for a level, empty means the level's label
//	kind          job (the default), external or level
//	family        the family id; families are listed in the order they
//	              first appear
//	family_title  the family's title (the id if empty)
//	level         the minimum access level: cap, bac, bac+2 … bac+5, or any
//	              diploma ParseLevel reads ("BTS", "Bac +3"); empty for none
//	level_text    the level as printed; the level is read from it when the
//	              file has no level column
//	access_text   ROME: the access conditions the level was read from
//	has_card      true or false (also vrai/faux, oui/non, 1/0)
//	rome          ROME codes, separated by "|"
//	synonyms, acronyms, aliases, appellations
//	              the names of the node, separated by "|"
//
// edges.csv, one row per piece of evidence; rows with the same from, to
// and type make one edge:
//
//	from, to      node ids
//	type          evolution, proche or access (from a level to a job)
//	evidence      the source text behind the edge
//	match         how the text was tied to its target: title, synonym,
//	              alias, domain, external, level or rome (empty: title, or
//	              level for access)
//
// A job with a level and no access row gets its access edge from the
// level node; an access row must come from the job's level. The six
// level nodes are added when nodes.csv leaves them out. The file may be
// separated by semicolons, as a spreadsheet set to French saves it, and
// may start with a byte-order mark. An apostrophe before =, +, -, @ or
// another apostrophe at the start of a cell is dropped: WriteCSV adds it
// so that spreadsheets do not run the cell as a formula. Card texts are
// not part of the CSV format: the JSON dataset format carries them.

// maxImportErrors bounds the errors LoadCSV reports at once.
const maxImportErrors = 50

// importIDRE matches the ids a CSV repertoire may use: slugs, ROME codes and
// level ids such as "level-bac+2".
var importIDRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9+._-]*$`)

// LoadCSVFS reads nodes.csv and edges.csv from the root of fsys with
// LoadCSV. name, typically the folder, is used in error messages.
func LoadCSVFS(fsys fs.FS, name string) (*Graph, error) {
	nf, err := fsys.Open("nodes.csv")
	if err != nil {
		return nil, &FieldError{File: importFile(name, "nodes.csv"), Err: err}
	}
	defer nf.Close()
	ef, err := fsys.Open("edges.csv")
	if err != nil {
		return nil, &FieldError{File: importFile(name, "edges.csv"), Err: err}
	}
	defer ef.Close()
	return LoadCSV(nf, ef, name)
}

func importFile(dir, file string) string {
	if dir == "" {
		return file
	}
	return filepath.Join(dir, file)
}

// LoadCSV reads a repertoire in the CSV format that WriteCSV writes,
// nodes.csv from nodes and edges.csv from edges, and builds its graph
// through the same Builder as LoadMetiers. name, typically the folder of
// the files, prefixes the file names in error messages. Every problem is
// reported at once (up to 50), each as a *FieldError with the file, the
// line and the column, joined in one error wrapping ErrInvalid. The
// graph's Dataset is "metiers", as for a repertoire file that names none,
// so that the import replaces the embedded repertoire.
func LoadCSV(nodes, edges io.Reader, name string) (*Graph, error) {
	nt, err := readImportTable(nodes, importFile(name, "nodes.csv"), []string{"id", "title"})
	if err != nil {
		return nil, err
	}
	et, err := readImportTable(edges, importFile(name, "edges.csv"), []string{"from", "to", "type"})
	if err != nil {
		return nil, err
	}
	l := &importLoader{nodes: nt, edges: et, b: NewBuilder("metiers"), byID: map[JobID]*importNode{}}
	l.readNodes()
	l.readEdges()
	if len(l.errs) > 0 {
		return nil, l.err()
	}
	return l.b.Build()
}

// importTable is a file of the import read by readCSVTable, whose cells
// are read as WriteCSV writes them.
type importTable struct{ *csvTable }

// readImportTable reads a CSV file whose header must name the required
// columns. The file's structure (quotes, field counts, encoding) is
// checked by readCSVTable, which stops at the first error; the meaning of
// its cells by the loader.
func readImportTable(r io.Reader, file string, required []string) (*importTable, error) {
	t, errs := readCSVTable(r, file, csvOptions{required: required, semicolon: true, skipBlank: true, maxErrors: 1})
	if len(errs) > 0 {
		var fe *FieldError
		if errors.As(errs[0], &fe) {
			return nil, &FieldError{File: fe.File, Line: fe.Line, Field: fe.Field, Err: fmt.Errorf("%w\u202f: %w", ErrInvalid, fe.Err)}
		}
		return nil, fmt.Errorf("%w\u202f: %w", ErrInvalid, errs[0])
	}
	return &importTable{t}, nil
}

// text returns the cell of row i in column col as written, "" if the file
// has no such column.
func (t *importTable) text(i int, col string) string {
	c, ok := t.cols[col]
	if !ok {
		return ""
	}
	return exportCSVUnescape(t.row(i)[c])
}

// word returns the cell trimmed: ids, kinds, levels.
func (t *importTable) word(i int, col string) string { return strings.TrimSpace(t.text(i, col)) }

// list returns the "|"-separated items of a cell, trimmed, empty ones
// dropped.
func (t *importTable) list(i int, col string) []string {
	var out []string
	for _, s := range strings.Split(t.text(i, col), "|") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

type importNode struct {
	job  *Job
	line int
}

type importLoader struct {
	nodes, edges *importTable
	b            *Builder
	byID         map[JobID]*importNode
	order        []*Job
	errs         []error
	more         int
}

func (l *importLoader) fail(t *importTable, row int, col string, format string, args ...any) {
	if len(l.errs) == maxImportErrors {
		l.more++
		return
	}
	l.errs = append(l.errs, &FieldError{File: t.file, Line: t.line(row, col), Field: col, Err: fmt.Errorf(format, args...)})
}

func (l *importLoader) err() error {
	errs := l.errs
	if l.more > 0 {
		errs = append(errs[:len(errs):len(errs)], fmt.Errorf("et %s de plus", countOf(l.more, "erreur", "erreurs")))
	}
	return fmt.Errorf("%w\u202f: %w", ErrInvalid, errors.Join(errs...))
}

func (l *importLoader) readNodes() {
	t := l.nodes
	families := map[string]int{} // family id → index in Families
	famLine := map[string]int{}
	for i := range t.len() {
		id := JobID(t.word(i, "id"))
		kind := Kind(Fold(t.word(i, "kind")))
		if kind == "" {
			kind = KindJob
		}
		j := &Job{ID: id, Title: t.text(i, "title"), Kind: kind, Family: t.word(i, "family"),
			LevelText: t.text(i, "level_text"), AccessText: t.text(i, "access_text")}
		switch {
		case id == "":
			l.fail(t, i, "id", "identifiant manquant")
		case len(id) > 100 || !importIDRE.MatchString(string(id)):
			l.fail(t, i, "id", "l’identifiant %q ne doit contenir que des lettres, des chiffres et - + . _", id)
		}
		if prev, dup := l.byID[id]; dup && id != "" {
			l.fail(t, i, "id", "%w\u202f: %q, déjà défini ligne %d", ErrDuplicateID, id, prev.line)
		}
		l.readLevel(i, j)
		l.checkKind(i, j)
		if strings.TrimSpace(j.Title) == "" {
			l.fail(t, i, "title", "titre manquant")
		} else if len(j.Title) > maxNameLen {
			l.fail(t, i, "title", "titre de plus de %d octets", maxNameLen)
		}
		if s := t.word(i, "has_card"); s != "" {
			v, ok := parseImportBool(s)
			if !ok {
				l.fail(t, i, "has_card", "%q n’est ni true ni false", s)
			}
			j.HasCard = v
		}
		l.readFamily(i, j.Family, families, famLine)
		for _, code := range t.list(i, "rome") {
			j.Rome = append(j.Rome, RomeLink{Code: code})
		}
		for _, c := range exportNameColumns {
			for _, n := range t.list(i, c.column) {
				if len(n) > maxNameLen {
					l.fail(t, i, c.column, "nom de plus de %d octets", maxNameLen)
				}
				j.Names = append(j.Names, Name{Text: n, Kind: c.kind})
			}
		}
		if _, dup := l.byID[id]; !dup {
			l.byID[id] = &importNode{job: j, line: t.line(i, "id")}
			l.order = append(l.order, j)
		}
	}
	jobs := 0
	for _, j := range l.order {
		if j.Kind != KindLevel {
			jobs++
		}
	}
	if jobs == 0 && len(l.errs) == 0 {
		l.errs = append(l.errs, &FieldError{File: t.file, Err: errors.New("le répertoire n’a aucun métier")})
	}
	for _, lv := range Levels {
		if _, ok := l.byID[LevelID(lv)]; !ok {
			j := &Job{ID: LevelID(lv), Title: lv.Label(), Kind: KindLevel, Level: lv}
			l.byID[j.ID] = &importNode{job: j}
			l.order = append(l.order, j)
		}
	}
	for _, j := range l.order {
		l.b.AddJob(j)
	}
}

// checkKind checks the id of the node j of row i against its kind; a
// level node without a title gets its level's label.
func (l *importLoader) checkKind(i int, j *Job) {
	t, id := l.nodes, j.ID
	switch j.Kind {
	case KindJob, KindExternal, KindDirection:
		if strings.HasPrefix(string(id), "level-") || (j.Kind == KindJob && strings.HasPrefix(string(id), "ext-")) {
			l.fail(t, i, "id", "l’identifiant %q commence par un préfixe réservé aux rôles externes et aux niveaux", id)
		}
	case KindLevel:
		if !j.Level.Valid() {
			if lv, ok := LevelByID(strings.TrimPrefix(string(id), "level-")); ok {
				j.Level = lv
			}
		}
		if !j.Level.Valid() || id != LevelID(j.Level) {
			l.fail(t, i, "id", "l’identifiant d’un niveau est level-cap, level-bac, level-bac+2 … level-bac+5, selon sa colonne level, et non %q", id)
		}
		if strings.TrimSpace(j.Title) == "" {
			j.Title = j.Level.Label()
		}
	default:
		l.fail(t, i, "kind", "kind %q inconnu\u202f: job, external ou level", t.word(i, "kind"))
	}
}

// readFamily adds family f of row i to the families, in the order they
// first appear, and checks that its title agrees with the first row's.
// families maps a family id to its index in Families, famLine to the
// line it first appears on.
func (l *importLoader) readFamily(i int, f string, families, famLine map[string]int) {
	if f == "" {
		return
	}
	t := l.nodes
	title := strings.TrimSpace(t.text(i, "family_title"))
	k, seen := families[f]
	switch {
	case !seen:
		if title == "" {
			title = f
		}
		families[f], famLine[f] = len(l.b.Families), t.line(i, "family")
		l.b.Families = append(l.b.Families, Family{ID: f, Title: title})
	case title != "" && title != l.b.Families[k].Title:
		l.fail(t, i, "family_title", "la famille %q s’intitule %q ligne %d", f, l.b.Families[k].Title, famLine[f])
	}
}

// readLevel sets the level of the node of row i from the level column
// (empty: no level), or from level_text when the file has no level
// column, and checks that the two agree.
func (l *importLoader) readLevel(i int, j *Job) {
	t := l.nodes
	if _, ok := t.cols["level"]; !ok {
		if strings.TrimSpace(j.LevelText) != "" {
			lv, err := ParseLevel(j.LevelText)
			if err != nil {
				l.fail(t, i, "level_text", "%w (ou ajoutez une colonne level)", err)
				return
			}
			j.Level = lv
		}
		return
	}
	s := t.word(i, "level")
	if s == "" {
		return
	}
	lv, err := ParseLevel(s)
	if err != nil {
		l.fail(t, i, "level", "%w", err)
		return
	}
	j.Level = lv
	if lt, err := ParseLevel(j.LevelText); err == nil && lt != lv {
		l.fail(t, i, "level_text", "level_text %q indique %s, la colonne level %s", j.LevelText, lt, lv)
	}
}

func parseImportBool(s string) (v, ok bool) {
	switch Fold(s) {
	case "true", "vrai", "oui", "yes", "1", "x":
		return true, true
	case "false", "faux", "non", "no", "0":
		return false, true
	}
	return false, false
}

func (l *importLoader) readEdges() {
	t := l.edges
	hasAccess := map[JobID]bool{}
	for i := range t.len() {
		from, to := JobID(t.word(i, "from")), JobID(t.word(i, "to"))
		var typ EdgeType
		switch Fold(t.word(i, "type")) {
		case "evolution":
			typ = Evolution
		case "proche":
			typ = Close
		case "access":
			typ = Access
		default:
			l.fail(t, i, "type", "type %q inconnu\u202f: evolution, proche ou access", t.word(i, "type"))
			continue
		}
		m := Match(Fold(t.word(i, "match")))
		switch m {
		case "":
			m = MatchTitle
			if typ == Access {
				m = MatchLevel
			}
		case MatchTitle, MatchSynonym, MatchAlias, MatchDomain, MatchExternal, MatchLevel, MatchRome:
		default:
			l.fail(t, i, "match", "match %q inconnu\u202f: title, synonym, alias, domain, external, level ou rome", t.word(i, "match"))
			continue
		}
		fn, tn := l.byID[from], l.byID[to]
		if fn == nil || tn == nil {
			col, id := "from", from
			if fn != nil {
				col, id = "to", to
			}
			l.fail(t, i, col, "%w\u202f: %q n’est pas dans nodes.csv", ErrDangling, id)
			continue
		}
		fromLevel, toLevel := fn.job.Kind == KindLevel, tn.job.Kind == KindLevel
		switch {
		case typ == Access && (!fromLevel || toLevel):
			l.fail(t, i, "type", "une arête access va d’un niveau à un métier, et non de %q à %q", from, to)
			continue
		case typ == Access && tn.job.Level == LevelNone:
			l.fail(t, i, "to", "access de %s à %q, qui n’a pas de niveau dans nodes.csv (ligne %d)\u202f: remplissez sa colonne level",
				from, to, tn.line)
			continue
		case typ == Access && tn.job.Level != fn.job.Level:
			l.fail(t, i, "from", "access de %s à %q, dont le niveau dans nodes.csv (ligne %d) est %s\u202f: changez l’un des deux",
				from, to, tn.line, tn.job.Level)
			continue
		case typ != Access && (fromLevel || toLevel):
			l.fail(t, i, "type", "une arête %s relie deux métiers, et non %q et %q", typ, from, to)
			continue
		}
		if typ == Access {
			hasAccess[to] = true
		}
		n := 0
		if c := t.word(i, "candidates"); c != "" {
			v, err := strconv.Atoi(c)
			if err != nil || v < 2 || m != MatchDomain {
				l.fail(t, i, "candidates", "candidates %q\u202f: un nombre de métiers, 2 ou plus, pour match domain seulement", c)
				continue
			}
			n = v
		}
		l.b.AddEdge(from, to, typ, Evidence{Text: t.text(i, "evidence"), Match: m, Candidates: n})
	}
	for _, j := range l.order {
		if j.Kind != KindLevel && j.Level.Valid() && !hasAccess[j.ID] {
			text := j.LevelText
			if strings.TrimSpace(text) == "" {
				text = j.Level.Label()
			}
			l.b.AddEdge(LevelID(j.Level), j.ID, Access, Evidence{Text: "Niveau minimum d’accès : " + text, Match: MatchLevel})
		}
	}
}
