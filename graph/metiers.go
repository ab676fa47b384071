package graph

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// The dataset format: one JSON document, the one data/metiers.json is
// written in. Field names are part of the contract with users who load
// their own repertoire with --data.
type fileDataset struct {
	Dataset     string      `json:"dataset"`
	Title       string      `json:"title"`
	Version     string      `json:"version"`
	Families    []Family    `json:"families"`
	Jobs        []fileJob   `json:"jobs"`
	Names       []fileName  `json:"names"`
	Aliases     []fileAlias `json:"phrase_aliases"`
	RomeLinks   []fileRome  `json:"rome_links"`
	SourceNotes []fileNote  `json:"source_notes"`
	jobLines    []int       // the line each job starts on
	// "edges", a list of fileEdge, is decoded into records (edgeRecord).
	edges []edgeBatch
}

type fileJob struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Family    string   `json:"family"`
	HasCard   bool     `json:"has_card"`
	LevelText string   `json:"level_text"`
	Synonyms  []string `json:"synonyms"`
	Card               // the text of the card, its members inlined
}

// fileEdge is an explicit edge between two jobs, for datasets that name
// their targets by id rather than by phrase. Its ends are strings, read
// by edgeEnd.
type fileEdge struct {
	From     edgeEnd  `json:"from"`
	To       edgeEnd  `json:"to"`
	Type     string   `json:"type"`
	Evidence edgeText `json:"evidence"`
}

// fileName is a reviewed extra name of a job, such as an acronym; Quote
// is the source text it comes from.
type fileName struct {
	Job   string `json:"job"`
	Text  string `json:"text"`
	Kind  string `json:"kind"`
	Quote string `json:"quote"`
}

// fileAlias ties a perspective phrase to a job after review.
type fileAlias struct {
	Phrase string `json:"phrase"`
	Job    string `json:"job"`
	Note   string `json:"note"`
}

// fileRome ties a job to a ROME card.
type fileRome struct {
	Job   string `json:"job"`
	Code  string `json:"code"`
	Title string `json:"title"`
	Why   string `json:"why"`
}

type fileNote struct {
	Job   string `json:"job"`
	Field string `json:"field"`
	Quote string `json:"quote"`
	Note  string `json:"note"`
}

// FieldError locates a problem of a dataset file.
type FieldError struct {
	File  string
	Line  int
	Field string
	Err   error
}

func (e *FieldError) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if e.Field != "" {
		b.WriteString(e.Field + ": ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *FieldError) Unwrap() error { return e.Err }

// maxDatasetSize bounds what LoadMetiers reads.
const maxDatasetSize = 512 << 20

// LoadMetiers reads a repertoire in the JSON format of data/metiers.json
// and builds its graph. name is the file name used in error messages.
// Every problem of the file is reported at once, each with its line and
// field, joined in one error wrapping ErrInvalid.
func LoadMetiers(r io.Reader, name string) (*Graph, error) {
	b, err := readAll(r)
	if err != nil {
		return nil, &FieldError{File: name, Err: err}
	}
	if len(b) > maxDatasetSize {
		return nil, &FieldError{File: name, Err: fmt.Errorf("%w\u202f: fichier de plus de %d octets", ErrInvalid, maxDatasetSize)}
	}
	ds, m, err := decodeDataset(b, name)
	if err != nil {
		// The decoder refuses invalid UTF-8: a document it reads is valid.
		// Invalid UTF-8 is the first problem reported, wherever it is.
		if !utf8.Valid(b) {
			off := invalidUTF8(b)
			return nil, &FieldError{File: name, Line: lineAt(b, off), Err: fmt.Errorf("%w\u202f: UTF-8 invalide à l’octet %d (enregistrez le fichier en UTF-8)", ErrInvalid, off)}
		}
		return nil, err
	}
	if m == nil {
		m = buildJobs(ds, b, name)
		for _, batch := range ds.edges {
			m.addEdges(batch)
		}
	}
	return m.graph()
}

// readAll reads r to its end, or to one byte past maxDatasetSize, into a
// buffer of the right size when r tells its length.
func readAll(r io.Reader) ([]byte, error) {
	size := -1
	switch r := r.(type) {
	case interface{ Len() int }: // bytes.Reader, strings.Reader, bytes.Buffer
		size = r.Len()
	case interface{ Stat() (fs.FileInfo, error) }: // os.File
		if fi, err := r.Stat(); err == nil && fi.Mode().IsRegular() {
			size = int(min(fi.Size(), maxDatasetSize))
		}
	}
	if size < 0 {
		return io.ReadAll(io.LimitReader(r, maxDatasetSize+1))
	}
	var buf bytes.Buffer
	buf.Grow(min(size, maxDatasetSize) + bytes.MinRead)
	_, err := buf.ReadFrom(io.LimitReader(r, maxDatasetSize+1))
	return buf.Bytes(), err
}

func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

func lineAt(b []byte, off int) int {
	if off > len(b) {
		off = len(b)
	}
	return bytes.Count(b[:off], []byte("\n")) + 1
}

// jsonOptions make the decoder match member names in any case, as
// encoding/json's Unmarshal did, and refuse members the format does not
// define and members given twice (keeping one of the two would lose the
// other without a word).
var jsonOptions = json.JoinOptions(
	json.RejectUnknownMembers(true),
	json.MatchCaseInsensitiveNames(true),
	jsontext.AllowDuplicateNames(false),
)

// decodeDataset decodes the document strictly (unknown fields are errors)
// and records the line on which each job starts. When the list of edges
// is the last member, it returns the graph built alongside as well.
func decodeDataset(b []byte, name string) (*fileDataset, *metiersBuild, error) {
	// On a bytes.Buffer, the decoder reads b in place instead of copying it.
	d := &datasetDecoder{b: b, name: name, dec: jsontext.NewDecoder(bytes.NewBuffer(b), jsonOptions)}
	ds := &fileDataset{}
	err := d.object(ds)
	m := d.feed.finish(err == nil && !d.afterEdges)
	if err != nil {
		return nil, nil, err
	}
	ds.edges = d.feed.batches
	return ds, m, nil
}

// datasetDecoder reads a dataset document and says where it is wrong.
type datasetDecoder struct {
	b    []byte
	name string
	dec  *jsontext.Decoder

	edges      edgeReader
	edge       fileEdge // the edge being decoded
	feed       edgeFeed
	seenEdges  bool // the list of edges was read
	afterEdges bool // and another member after it
}

// object reads the document: one object, its members in any order.
func (d *datasetDecoder) object(ds *fileDataset) error {
	tok, err := d.dec.ReadToken()
	if err != nil {
		return d.wrap(0, "", err)
	}
	if tok.Kind() != '{' {
		return d.wrap(0, "", errors.New("le jeu de données doit être un objet JSON"))
	}
	fields := map[string]any{
		"dataset": &ds.Dataset, "title": &ds.Title, "version": &ds.Version,
		"families": &ds.Families, "names": &ds.Names,
		"phrase_aliases": &ds.Aliases,
		"rome_links":     &ds.RomeLinks, "source_notes": &ds.SourceNotes,
	}
	for d.dec.PeekKind() != '}' {
		off := d.dec.InputOffset()
		tok, err := d.dec.ReadToken()
		if err != nil {
			return d.wrap(off, "", err)
		}
		d.afterEdges = d.seenEdges
		switch key := tok.String(); key {
		case "jobs":
			err = d.jobs(key, ds)
		case "edges":
			d.seenEdges = true
			err = d.edgeList(key, ds)
		default:
			dst, ok := fields[key]
			if !ok {
				return d.wrap(off, key, errors.New("champ inconnu"))
			}
			voff := d.dec.InputOffset()
			if err := json.UnmarshalDecode(d.dec, dst); err != nil {
				return d.wrap(voff, key, err)
			}
		}
		if err != nil {
			return err
		}
	}
	if _, err := d.dec.ReadToken(); err != nil {
		return d.wrap(d.dec.InputOffset(), "", err)
	}
	off := d.dec.InputOffset()
	if _, err := d.dec.ReadToken(); err != io.EOF {
		return d.wrap(off, "", errors.New("données après la fin du document"))
	}
	return nil
}

// decodeList decodes the list of a field element by element: each
// decodes the element the decoder stands before, at off.
func (d *datasetDecoder) decodeList(field string, each func(off int64) error) error {
	off := d.dec.InputOffset()
	tok, err := d.dec.ReadToken()
	switch {
	case err != nil:
		return d.wrap(off, field, err)
	case tok.Kind() == 'n':
		return nil // null: an empty list
	case tok.Kind() != '[':
		return d.wrap(off, field, errors.New("le champ "+field+" doit être une liste"))
	}
	for n := 0; d.dec.PeekKind() != ']'; n++ {
		off := d.dec.InputOffset()
		if err := each(off); err != nil {
			return d.wrap(off, fmt.Sprintf("%s[%d]", field, n), err)
		}
	}
	if _, err := d.dec.ReadToken(); err != nil {
		return d.wrap(d.dec.InputOffset(), field, err)
	}
	return nil
}

// jobs decodes the list of jobs, recording the line each starts on. The
// jobs are decoded into chunks, copied once into ds.Jobs at the end: a
// slice grown by append would copy a large repertoire several times over.
func (d *datasetDecoder) jobs(field string, ds *fileDataset) error {
	chunks := [][]fileJob{ds.Jobs}
	chunk := make([]fileJob, 0, 64)
	err := d.decodeList(field, func(off int64) error {
		if len(chunk) == cap(chunk) {
			chunks = append(chunks, chunk)
			chunk = make([]fileJob, 0, min(2*cap(chunk), 4096))
		}
		chunk = append(chunk, fileJob{})
		if err := json.UnmarshalDecode(d.dec, &chunk[len(chunk)-1]); err != nil {
			chunk = chunk[:len(chunk)-1]
			return err
		}
		ds.jobLines = append(ds.jobLines, int(off))
		return nil
	})
	ds.Jobs = slices.Concat(append(chunks, chunk)...)
	lines := lineCursor{doc: d.b}
	for i, off := range ds.jobLines {
		ds.jobLines[i] = lines.at(off)
	}
	return err
}

// edgeList decodes the list of edges. The ends are resolved among the
// jobs decoded before; if there are, the jobs are built alongside, from
// a copy of the dataset decoded so far, and then the edges as they come.
func (d *datasetDecoder) edgeList(field string, ds *fileDataset) error {
	d.edges = edgeReader{jobs: make(map[string]int32, len(ds.Jobs)), ids: ds.Jobs}
	for i := len(ds.Jobs) - 1; i >= 0; i-- {
		d.edges.jobs[ds.Jobs[i].ID] = int32(i) // the first of a duplicate id
	}
	if len(ds.Jobs) > 0 {
		d.feed.alongside(*ds, d.b, d.name)
	}
	d.feed.start = d.dec.InputOffset()
	return d.decodeList(field, func(off int64) error {
		rec, err := d.edges.edge(d, ds.Jobs)
		if err == nil {
			d.feed.add(rec, off, len(d.b))
		}
		return err
	})
}

// wrap locates an error of the value (or key) of field that the decoder
// read from off, possibly before blanks and a separator.
func (d *datasetDecoder) wrap(off int64, field string, err error) error {
	start := valueAt(d.b, int(off))
	at := skipBlanks(d.b, start)
	var se *jsontext.SyntacticError
	var me *json.SemanticError
	switch {
	case errors.Is(err, json.ErrUnknownName) && errors.As(err, &me):
		// The element that holds it, as for a misspelt field name.
		err = fmt.Errorf("champ inconnu %q", me.JSONPointer.LastToken())
	case errors.As(err, &me):
		at = skipBlanks(d.b, valueAt(d.b, int(me.ByteOffset)))
		// The pointer starts at the root: past the field, and its index
		// when it names an element of a list.
		if sub := memberPath(me.JSONPointer, 1+strings.Count(field, "[")); sub != "" {
			field += "." + sub
		}
		err = fmt.Errorf("attendu\u202f: %s, lu\u202f: %s", goTypeName(me), jsonKindName(me.JSONKind))
	case errors.As(err, &se):
		at = skipBlanks(d.b, int(se.ByteOffset))
		if errors.Is(se.Err, jsontext.ErrDuplicateName) {
			err = &reworded{fmt.Sprintf("champ %q en double", se.JSONPointer.LastToken()), se.Err}
			break
		}
		err = jsonReason(se.Err)
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		at = len(d.b)
		err = &reworded{"le fichier s’arrête avant la fin du document JSON", io.ErrUnexpectedEOF}
	}
	return &FieldError{File: d.name, Line: lineAt(d.b, at), Field: field, Err: fmt.Errorf("%w\u202f: %w", ErrInvalid, err)}
}

// valueAt returns where a decoder standing at off starts reading the next
// value: past blanks and one separator.
func valueAt(b []byte, off int) int {
	off = skipBlanks(b, off)
	if off < len(b) && (b[off] == ',' || b[off] == ':') {
		off++
	}
	return off
}

func skipBlanks(b []byte, off int) int {
	for off < len(b) && (b[off] == ' ' || b[off] == '\t' || b[off] == '\n' || b[off] == '\r') {
		off++
	}
	return off
}

// memberPath spells the members of a JSON pointer past its first depth
// tokens (those the field of the error names), as encoding/json did:
// "trainings.count", list indices left out.
func memberPath(p jsontext.Pointer, depth int) string {
	var names []string
	for tok := range p.Tokens() {
		if depth > 0 {
			depth--
			continue
		}
		if _, err := strconv.Atoi(tok); err != nil {
			names = append(names, tok)
		}
	}
	return strings.Join(names, ".")
}

// isSlug reports whether id matches ^[a-z0-9][a-z0-9-]*$.
func isSlug(id string) bool {
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' && i > 0) {
			return false
		}
	}
	return id != ""
}

// maxNameLen bounds every name of a dataset.
const maxNameLen = 300

// problems collects the errors of a dataset file, each located.
type problems struct {
	file string
	errs []error
}

func (p *problems) fail(line int, field string, format string, args ...any) {
	p.errs = append(p.errs, &FieldError{File: p.file, Line: line, Field: field, Err: fmt.Errorf(format, args...)})
}

// err joins the errors collected, or returns nil.
func (p *problems) err() error {
	if len(p.errs) == 0 {
		return nil
	}
	return fmt.Errorf("%w\u202f: %w", ErrInvalid, errors.Join(p.errs...))
}

// buildJobs validates the decoded document but its explicit edges, and
// builds its nodes and the edges its cards and levels give; doc is the
// document, for the lines of the problems of explicit edges.
func buildJobs(ds *fileDataset, doc []byte, file string) *metiersBuild {
	p := &problems{file: file}
	if ds.Dataset == "" {
		ds.Dataset = "metiers"
	}
	b := NewBuilder(ds.Dataset)
	b.Title, b.Version, b.Families = ds.Title, ds.Version, ds.Families
	b.seen = make(map[string]words, 2*len(ds.Jobs)) // titles and synonyms
	families := checkFamilies(ds.Families, p)
	if len(ds.Jobs) == 0 {
		p.fail(0, "jobs", "le jeu de données n’a aucun métier")
	}
	jobs := readJobs(ds, families, p)
	addNames(ds, jobs, p)
	if err := p.err(); err != nil {
		return &metiersBuild{err: err}
	}
	edges := len(jobs)
	for _, batch := range ds.edges {
		edges += len(batch.recs)
	}
	b.reserve(len(jobs)+len(Levels), edges)
	// The vertex of the job of index i is i (metiersBuild.job).
	for _, j := range jobs {
		b.AddJob(j)
	}
	addLevels(b, jobs)
	r := newPhraseResolver(ds, jobs, b)
	for _, j := range jobs {
		if j.Card == nil {
			continue
		}
		for _, ph := range j.Card.Perspectives {
			to, ev := r.resolve(j, ph)
			for _, t := range to {
				b.AddEdge(j.ID, t, Evolution, ev)
			}
		}
	}
	reportMetiers(ds, jobs, b, r)
	// The explicit edges add no node: the nodes and their names are
	// indexed while they are added.
	b.indexNodes()
	return &metiersBuild{b: b, p: p, lines: lineCursor{doc: doc}}
}

// checkFamilies returns the ids of the families, each checked.
func checkFamilies(fams []Family, p *problems) map[string]bool {
	ids := map[string]bool{}
	for i, f := range fams {
		if f.ID == "" || f.Title == "" {
			p.fail(0, fmt.Sprintf("families[%d]", i), "une famille demande un identifiant et un titre")
		}
		if ids[f.ID] {
			p.fail(0, fmt.Sprintf("families[%d].id", i), "%w\u202f: %q", ErrDuplicateID, f.ID)
		}
		ids[f.ID] = true
	}
	return ids
}

// readJobs checks the jobs of the document and returns them as nodes.
func readJobs(ds *fileDataset, families map[string]bool, p *problems) []*Job {
	jobs := make([]*Job, 0, len(ds.Jobs))
	seen := make(map[JobID]int, len(ds.Jobs))
	for i, fj := range ds.Jobs {
		line := ds.jobLines[i]
		field := func(f string) string { return fmt.Sprintf("jobs[%d].%s", i, f) }
		checkJobID(fj.ID, line, field("id"), p)
		if prev, dup := seen[JobID(fj.ID)]; dup && fj.ID != "" {
			p.fail(line, field("id"), "%w\u202f: %q, déjà défini ligne %d", ErrDuplicateID, fj.ID, ds.jobLines[prev])
		}
		seen[JobID(fj.ID)] = i
		if strings.TrimSpace(fj.Title) == "" {
			p.fail(line, field("title"), "titre manquant")
		} else if len(fj.Title) > maxNameLen {
			p.fail(line, field("title"), "titre de plus de %d octets", maxNameLen)
		}
		if fj.Family != "" && !families[fj.Family] {
			p.fail(line, field("family"), "famille inconnue %q", fj.Family)
		}
		var lvl Level
		if fj.LevelText != "" {
			l, err := ParseLevel(fj.LevelText)
			if err != nil {
				p.fail(line, field("level_text"), "%w", err)
			}
			lvl = l
		}
		jobs = append(jobs, newJob(fj, lvl))
	}
	return jobs
}

func checkJobID(id string, line int, field string, p *problems) {
	switch {
	case id == "":
		p.fail(line, field, "identifiant manquant")
	case !isSlug(id) || len(id) > 100:
		p.fail(line, field, "l’identifiant %q ne doit contenir que des minuscules ASCII, des chiffres et des traits d’union", id)
	case strings.HasPrefix(id, "ext-") || strings.HasPrefix(id, "level-"):
		p.fail(line, field, "l’identifiant %q commence par un préfixe réservé aux rôles externes et aux niveaux", id)
	}
}

// newJob returns the node of a job of the document, at level lvl.
func newJob(fj fileJob, lvl Level) *Job {
	j := &Job{
		ID: JobID(fj.ID), Title: fj.Title, Kind: KindJob, Family: fj.Family,
		Level: lvl, LevelText: fj.LevelText, HasCard: fj.HasCard,
	}
	for _, s := range fj.Synonyms {
		j.Names = append(j.Names, Name{Text: s, Kind: NameSynonym})
	}
	if fj.HasCard {
		c := fj.Card
		j.Card = &c
	}
	return j
}

// addNames gives the jobs their reviewed names and ROME links.
func addNames(ds *fileDataset, jobs []*Job, p *problems) {
	byID := make(map[JobID]*Job, len(jobs))
	for _, j := range jobs {
		byID[j.ID] = j
	}
	for i, n := range ds.Names {
		j := byID[JobID(n.Job)]
		kind := NameKind(n.Kind)
		switch {
		case j == nil:
			p.fail(0, fmt.Sprintf("names[%d].job", i), "métier inconnu %q", n.Job)
		case n.Text == "":
			p.fail(0, fmt.Sprintf("names[%d].text", i), "texte manquant")
		case kind != NameAcronym && kind != NameSynonym && kind != NameAlias:
			p.fail(0, fmt.Sprintf("names[%d].kind", i), "kind %q inconnu\u202f: acronym, synonym ou alias", n.Kind)
		default:
			j.Names = append(j.Names, Name{Text: n.Text, Kind: kind})
		}
	}
	for i, r := range ds.RomeLinks {
		j := byID[JobID(r.Job)]
		if j == nil {
			p.fail(0, fmt.Sprintf("rome_links[%d].job", i), "métier inconnu %q", r.Job)
			continue
		}
		j.Rome = append(j.Rome, RomeLink{Code: r.Code, Title: r.Title, Why: r.Why})
	}
}

// addLevels adds the node of every level and the access edges from each
// to the jobs it gives access to.
func addLevels(b *Builder, jobs []*Job) {
	vertex := map[Level]int32{} // the vertex of each level; that of job i is i
	for _, l := range Levels {
		id := LevelID(l)
		b.AddJob(&Job{ID: id, Title: l.Label(), Kind: KindLevel, Level: l})
		vertex[l], _ = b.store.index(id)
	}
	access := map[string]string{} // evidence by level as printed, shared
	for i, j := range jobs {
		if j.Level == LevelNone {
			continue
		}
		text, ok := access[j.LevelText]
		if !ok {
			text = "Niveau minimum d’accès : " + j.LevelText
			access[j.LevelText] = text
		}
		b.addEdgeBetween(vertex[j.Level], int32(i), Access, Evidence{Text: text, Match: MatchLevel})
	}
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
