package graph

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// The dataset format: one JSON document, the one data/metiers.json is
// written in. Field names are part of the contract with users who load
// their own repertoire with --data.
type fileDataset struct {
	Dataset      string       `json:"dataset"`
	Title        string       `json:"title"`
	Version      string       `json:"version"`
	Families     []Family     `json:"families"`
	Jobs         []fileJob    `json:"jobs"`
	Edges        []fileEdge   `json:"edges"`
	Names        []fileName   `json:"names"`
	Aliases      []fileAlias  `json:"phrase_aliases"`
	Domains      []fileDomain `json:"rome_domains"`
	RomeLinks    []fileRome   `json:"rome_links"`
	SourceNotes  []fileNote   `json:"source_notes"`
	jobLines     []int
	edgeLines    []int
	edgeJobs     [][2]int32 // when decodeFast could tell: the jobs an edge joins, by index, -1 for none
	familyByID   map[string]bool
	knownJobByID map[JobID]int
}

type fileJob struct {
	ID               string     `json:"id"`
	Title            string     `json:"title"`
	Family           string     `json:"family"`
	HasCard          bool       `json:"has_card"`
	LevelText        string     `json:"level_text"`
	Synonyms         []string   `json:"synonyms"`
	PerspectivesText string     `json:"perspectives_text"`
	Perspectives     []string   `json:"perspectives"`
	Description      string     `json:"description"`
	InitialTraining  string     `json:"initial_training"`
	Knowledge        string     `json:"knowledge"`
	Status           string     `json:"status"`
	Environments     string     `json:"environments"`
	Trainings        *Trainings `json:"trainings"`
}

// fileEdge is an explicit edge between two jobs, for datasets that name
// their targets by id rather than by phrase.
type fileEdge struct {
	From     string `json:"from"`
	To       string `json:"to"`
	Type     string `json:"type"`
	Evidence string `json:"evidence"`
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

// fileDomain names a ROME card that perspective phrases quote by title,
// and the jobs of the repertoire that clearly belong to it.
type fileDomain struct {
	Title string   `json:"title"`
	Code  string   `json:"code"`
	Jobs  []string `json:"jobs"`
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
		return nil, &FieldError{File: name, Err: fmt.Errorf("%w: file larger than %d bytes", ErrInvalid, maxDatasetSize)}
	}
	// The fast decoder reads valid UTF-8 only, and its result is dropped
	// otherwise: the check runs on another core meanwhile.
	valid := make(chan bool, 1)
	go func() { valid <- utf8.Valid(b) }()
	ds, ok := decodeFast(b)
	if !<-valid {
		off := invalidUTF8(b)
		return nil, &FieldError{File: name, Line: lineAt(b, off), Err: fmt.Errorf("%w: invalid UTF-8 at byte %d", ErrInvalid, off)}
	}
	if !ok {
		if ds, err = decodeDataset(b, name); err != nil {
			return nil, err
		}
	}
	return buildMetiers(ds, name)
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

// decodeDataset decodes the document strictly (unknown fields are errors)
// and records the line on which each job starts.
func decodeDataset(b []byte, name string) (*fileDataset, error) {
	// off is where the decoder stood before the value (or key) in error,
	// possibly before blanks and a separator.
	wrap := func(off int64, field string, err error) error {
		start := valueAt(b, int(off))
		off = int64(skipBlanks(b, start))
		var se *json.SyntaxError
		if errors.As(err, &se) {
			off = se.Offset
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			off = int64(start) + te.Offset // te.Offset counts from the start of the value
			if te.Field != "" {
				field = field + "." + te.Field
			}
			err = fmt.Errorf("expected %s, got JSON %s", te.Type, te.Value)
		}
		return &FieldError{File: name, Line: lineAt(b, int(off)), Field: strings.TrimPrefix(field, "."), Err: fmt.Errorf("%w: %w", ErrInvalid, err)}
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	ds := &fileDataset{}
	tok, err := dec.Token()
	if err != nil {
		return nil, wrap(dec.InputOffset(), "", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, wrap(0, "", errors.New("the dataset must be a JSON object"))
	}
	fields := map[string]any{
		"dataset": &ds.Dataset, "title": &ds.Title, "version": &ds.Version,
		"families": &ds.Families, "edges": &ds.Edges, "names": &ds.Names,
		"phrase_aliases": &ds.Aliases, "rome_domains": &ds.Domains,
		"rome_links": &ds.RomeLinks, "source_notes": &ds.SourceNotes,
	}
	for dec.More() {
		off := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return nil, wrap(off, "", err)
		}
		key, _ := tok.(string)
		if key == "jobs" {
			if err := decodeList(dec, key, &ds.Jobs, &ds.jobLines, wrap); err != nil {
				return nil, err
			}
			continue
		}
		if key == "edges" {
			if err := decodeList(dec, key, &ds.Edges, &ds.edgeLines, wrap); err != nil {
				return nil, err
			}
			continue
		}
		dst, ok := fields[key]
		if !ok {
			return nil, wrap(off, key, errors.New("unknown field"))
		}
		voff := dec.InputOffset()
		if err := dec.Decode(dst); err != nil {
			return nil, wrap(voff, key, err)
		}
	}
	if _, err := dec.Token(); err != nil {
		return nil, wrap(dec.InputOffset(), "", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, wrap(dec.InputOffset(), "", errors.New("data after the end of the document"))
	}
	linesAt(b, ds.jobLines)
	linesAt(b, ds.edgeLines)
	return ds, nil
}

// linesAt replaces the increasing offsets where a decoder stood before
// each value of a list by the lines the values start on, counting the
// newlines of b once.
func linesAt(b []byte, offs []int) {
	line, pos := 1, 0
	for i, off := range offs {
		off = skipBlanks(b, valueAt(b, off))
		line += bytes.Count(b[pos:off], []byte("\n"))
		pos = off
		offs[i] = line
	}
}

// decodeList decodes the list of a field element by element, recording
// where each element starts.
func decodeList[T any](dec *json.Decoder, field string, list *[]T, offs *[]int, wrap func(int64, string, error) error) error {
	tok, err := dec.Token()
	if err != nil {
		return wrap(dec.InputOffset(), field, err)
	}
	if tok == nil {
		return nil // null: an empty list
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return wrap(dec.InputOffset(), field, errors.New("expected a list of "+field))
	}
	for dec.More() {
		off := dec.InputOffset()
		var v T
		if err := dec.Decode(&v); err != nil {
			return wrap(off, fmt.Sprintf("%s[%d]", field, len(*list)), err)
		}
		*list = append(*list, v)
		*offs = append(*offs, int(off))
	}
	if _, err := dec.Token(); err != nil {
		return wrap(dec.InputOffset(), field, err)
	}
	return nil
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

// decodeFast decodes a well-formed document as decodeDataset does, but
// reads the jobs without cards and the edges, the bulk of a large
// repertoire, with a scanner of its own, sharing the strings that repeat
// (ids, types, evidence built from titles). Anything it is not sure of,
// it leaves to decodeDataset, which then says where and what is wrong: ok
// is false. b must be valid UTF-8, as LoadMetiers checks first.
func decodeFast(b []byte) (ds *fileDataset, ok bool) {
	d := &fastDecoder{b: b, intern: map[string]string{}}
	ds = &fileDataset{}
	fields := map[string]any{
		"dataset": &ds.Dataset, "title": &ds.Title, "version": &ds.Version,
		"families": &ds.Families, "names": &ds.Names,
		"phrase_aliases": &ds.Aliases, "rome_domains": &ds.Domains,
		"rome_links": &ds.RomeLinks, "source_notes": &ds.SourceNotes,
	}
	seen := map[string]bool{}
	if !d.byte('{') {
		return nil, false
	}
	for first := true; ; first = false {
		if d.byte('}') {
			break
		}
		if !first && !d.byte(',') {
			return nil, false
		}
		key, ok := d.plainString()
		if !ok || seen[string(key)] || !d.byte(':') {
			return nil, false
		}
		seen[string(key)] = true
		switch k := string(key); k {
		case "jobs":
			if !d.jobs(ds) {
				return nil, false
			}
		case "edges":
			if !d.edges(ds) {
				return nil, false
			}
		default:
			dst, known := fields[k]
			start := d.skipBlanks()
			if !known || !d.skipValue() || !decodeStrict(b[start:d.pos], dst) {
				return nil, false
			}
		}
	}
	if d.skipBlanks() != len(b) {
		return nil, false
	}
	linesAt(b, ds.jobLines)
	linesAt(b, ds.edgeLines)
	return ds, true
}

// decodeStrict decodes one JSON value as decodeDataset does: unknown
// fields are errors.
func decodeStrict(b []byte, dst any) bool {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return false
	}
	_, err := dec.Token()
	return err == io.EOF
}

// fastDecoder scans a document for decodeFast.
type fastDecoder struct {
	b      []byte
	pos    int
	intern map[string]string
	recent [4]string
	next   int

	// When the jobs come before the edges: the index of each job by id,
	// and by job and type the last evidence of an edge to it.
	jobIdx   map[string]int32
	decoded  []fileJob
	lastFrom int32
	evidence []string
}

func (d *fastDecoder) remember(s string) {
	d.recent[d.next] = s
	d.next = (d.next + 1) % len(d.recent)
}

func (d *fastDecoder) skipBlanks() int {
	d.pos = skipBlanks(d.b, d.pos)
	return d.pos
}

// byte consumes c, after blanks, if it comes next.
func (d *fastDecoder) byte(c byte) bool {
	if d.skipBlanks() < len(d.b) && d.b[d.pos] == c {
		d.pos++
		return true
	}
	return false
}

// plainString reads a string with no escape.
func (d *fastDecoder) plainString() ([]byte, bool) {
	if !d.byte('"') {
		return nil, false
	}
	b := d.b
	start, i := d.pos, d.pos
	// Eight bytes at a time up to one that may end the string or need
	// decoding.
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		if hasByteBelow(x, 0x20) || hasZeroByte(x^(ones*'"')) || hasZeroByte(x^(ones*'\\')) {
			break
		}
	}
	for ; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"':
			d.pos = i + 1
			return b[start:i], true
		case c == '\\' || c < 0x20:
			return nil, false
		}
	}
	return nil, false
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// hasZeroByte reports whether a byte of x may be zero; it never misses one.
func hasZeroByte(x uint64) bool { return (x-ones)&^x&highs != 0 }

// hasByteBelow reports whether a byte of x may be below n (at most 128);
// it never misses one.
func hasByteBelow(x uint64, n uint64) bool { return (x-ones*n)&^x&highs != 0 }

// fresh reads a string value that is unlikely to repeat.
func (d *fastDecoder) fresh() (string, bool) {
	if d.skipBlanks() >= len(d.b) || d.b[d.pos] != '"' {
		return "", false
	}
	start := d.pos
	if raw, ok := d.plainString(); ok {
		return string(raw), true
	}
	d.pos = start
	return d.str()
}

// str reads a string value, shared with the equal strings read before.
func (d *fastDecoder) str() (string, bool) {
	if d.skipBlanks() >= len(d.b) || d.b[d.pos] != '"' {
		return "", false
	}
	start := d.pos
	if raw, ok := d.plainString(); ok {
		// Edges come grouped by source, and with few types: the last
		// strings read are likely to come again.
		for _, s := range d.recent {
			if s == string(raw) {
				return s, true
			}
		}
		if s, ok := d.intern[string(raw)]; ok {
			d.remember(s)
			return s, true
		}
		s := string(raw)
		d.intern[s] = s
		d.remember(s)
		return s, true
	}
	// Escapes: let encoding/json read them.
	d.pos = start
	if !d.skipValue() {
		return "", false
	}
	var s string
	if json.Unmarshal(d.b[start:d.pos], &s) != nil {
		return "", false
	}
	return s, true
}

// skipValue moves past the value that starts after blanks, without
// checking it: the decoder that reads it does.
func (d *fastDecoder) skipValue() bool {
	b := d.b
	i := d.skipBlanks()
	if i >= len(b) {
		return false
	}
	depth := 0
	for ; i < len(b); i++ {
		switch c := b[i]; c {
		case '"':
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
			if i >= len(b) {
				return false
			}
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth < 0 {
				return false
			}
		default:
			if depth == 0 {
				// A number or a literal runs to a delimiter.
				for i < len(b) && !strings.ContainsRune(" \t\r\n,:]}", rune(b[i])) {
					i++
				}
				d.pos = i
				return true
			}
			continue
		}
		if depth == 0 {
			d.pos = i + 1
			return true
		}
	}
	return false
}

// jobs reads the list of jobs, recording where each starts.
func (d *fastDecoder) jobs(ds *fileDataset) bool {
	if !d.byte('[') {
		return false
	}
	for first := true; ; first = false {
		if d.byte(']') {
			break
		}
		if !first && !d.byte(',') {
			return false
		}
		start := d.skipBlanks()
		ds.jobLines = append(ds.jobLines, start)
		var fj fileJob
		if !d.job(&fj) {
			// Fields job does not read: encoding/json does.
			fj, d.pos = fileJob{}, start
			if !d.skipValue() || !decodeStrict(d.b[start:d.pos], &fj) {
				return false
			}
		}
		ds.Jobs = append(ds.Jobs, fj)
	}
	if len(ds.Jobs) == 0 {
		ds.Jobs = nil // as decodeDataset leaves them
	}
	if ds.Edges == nil {
		d.jobIdx = make(map[string]int32, len(ds.Jobs))
		for i := len(ds.Jobs) - 1; i >= 0; i-- {
			d.jobIdx[ds.Jobs[i].ID] = int32(i) // the first of duplicates
		}
		d.decoded = ds.Jobs
		d.lastFrom = -1
		d.evidence = make([]string, 2*len(ds.Jobs))
	}
	return true
}

// job reads a job that has only the fields of a card-less job, each with
// a value of its type, as encoding/json would. It returns false for
// anything else, leaving the position anywhere.
func (d *fastDecoder) job(fj *fileJob) bool {
	if !d.byte('{') {
		return false
	}
	var got [6]bool
	for first := true; ; first = false {
		if d.byte('}') {
			return true
		}
		if !first && !d.byte(',') {
			return false
		}
		key, ok := d.plainString()
		if !ok || !d.byte(':') {
			return false
		}
		var dst *string
		k := -1
		switch string(key) {
		case "id":
			dst, k = &fj.ID, 0
		case "title":
			dst, k = &fj.Title, 1
		case "family":
			dst, k = &fj.Family, 2
		case "level_text":
			dst, k = &fj.LevelText, 3
		case "has_card":
			k = 4
		case "synonyms":
			k = 5
		default:
			return false
		}
		if got[k] {
			return false
		}
		got[k] = true
		switch k {
		case 4:
			switch {
			case d.literal("true"):
				fj.HasCard = true
			case d.literal("false"):
			default:
				return false
			}
		case 5:
			if !d.byte('[') {
				return false
			}
			fj.Synonyms = []string{}
			for f := true; ; f = false {
				if d.byte(']') {
					break
				}
				if !f && !d.byte(',') {
					return false
				}
				s, ok := d.fresh()
				if !ok {
					return false
				}
				fj.Synonyms = append(fj.Synonyms, s)
			}
		case 0, 1:
			if *dst, ok = d.fresh(); !ok {
				return false
			}
		default:
			if *dst, ok = d.str(); !ok {
				return false
			}
		}
	}
}

// literal consumes word, after blanks, if it comes next and ends there.
func (d *fastDecoder) literal(word string) bool {
	i := d.skipBlanks()
	end := i + len(word)
	if end > len(d.b) || string(d.b[i:end]) != word {
		return false
	}
	if end < len(d.b) && !strings.ContainsRune(" \t\r\n,]}", rune(d.b[end])) {
		return false
	}
	d.pos = end
	return true
}

// id reads the id at one end of an edge: the id of the job it names,
// shared, with the job's index, or -1 and the string read.
func (d *fastDecoder) id(last int32) (string, int32, bool) {
	if d.skipBlanks() >= len(d.b) || d.b[d.pos] != '"' {
		return "", -1, false
	}
	start := d.pos
	raw, ok := d.plainString()
	if !ok {
		d.pos = start
		s, ok := d.str()
		return s, -1, ok
	}
	jobs := d.decoded
	if last >= 0 && jobs[last].ID == string(raw) {
		return jobs[last].ID, last, true
	}
	if i, ok := d.jobIdx[string(raw)]; ok {
		return jobs[i].ID, i, true
	}
	if s, ok := d.intern[string(raw)]; ok {
		return s, -1, true
	}
	s := string(raw)
	d.intern[s] = s
	return s, -1, true
}

// evidenceTo reads the evidence of an edge to job to (-1: none): often
// the same as that of the last edge of that type to the same job.
func (d *fastDecoder) evidenceTo(to int32, typ string) (string, bool) {
	if to < 0 {
		return d.str()
	}
	if d.skipBlanks() >= len(d.b) || d.b[d.pos] != '"' {
		return "", false
	}
	start := d.pos
	raw, ok := d.plainString()
	if !ok {
		d.pos = start
		return d.str()
	}
	slot := 2 * to
	if typ == "proche" {
		slot++
	}
	if last := d.evidence[slot]; last == string(raw) && last != "" {
		return last, true
	}
	s := string(raw)
	d.evidence[slot] = s
	return s, true
}

// edgeBatch is a run of edges read, in the fields of fileDataset.
type edgeBatch struct {
	edges []fileEdge
	lines []int      // offsets until linesAt
	jobs  [][2]int32 // when the jobs were read first
}

// splitEdgesAt is the size of an edge list past which decodeFast reads
// it in two halves at once.
var splitEdgesAt = 8 << 20

// edges reads the list of explicit edges, recording where each starts.
// A long list is read by two decoders at once: this one up to an edge
// near the middle of the rest of the document, another from there on.
func (d *fastDecoder) edges(ds *fileDataset) bool {
	if !d.byte('[') {
		return false
	}
	// About one edge per 150 bytes of the rest of the document.
	n := (len(d.b) - d.pos) / 150
	var second *fastDecoder
	var secondList edgeBatch
	secondOK := make(chan bool, 1)
	split := -1
	if d.jobIdx != nil && len(d.b)-d.pos > splitEdgesAt {
		split = d.edgeStartAfter(d.pos + (len(d.b)-d.pos)/2)
	}
	if split >= 0 {
		second = &fastDecoder{b: d.b, pos: split, intern: map[string]string{}, jobIdx: d.jobIdx, decoded: d.decoded,
			lastFrom: -1, evidence: make([]string, len(d.evidence))}
		n /= 2
		go func(n int) {
			secondList = edgeBatch{edges: make([]fileEdge, 0, n), lines: make([]int, 0, n), jobs: make([][2]int32, 0, n)}
			secondOK <- second.edgeRun(&secondList, true, -1)
		}(n)
	}
	list := edgeBatch{edges: make([]fileEdge, 0, n), lines: make([]int, 0, n)}
	if d.jobIdx != nil {
		list.jobs = make([][2]int32, 0, n)
	}
	ok := d.edgeRun(&list, true, split)
	if split >= 0 {
		// The other half is the rest of the list if this one stopped at
		// its start; else the list ended before, and it read something
		// else.
		otherOK := <-secondOK
		if ok && d.pos == split {
			if !otherOK {
				return false
			}
			list.edges = append(list.edges, secondList.edges...)
			list.lines = append(list.lines, secondList.lines...)
			list.jobs = append(list.jobs, secondList.jobs...)
			d.pos = second.pos
		}
	}
	if !ok {
		return false
	}
	if len(list.edges) > 0 {
		ds.Edges, ds.edgeLines, ds.edgeJobs = list.edges, list.lines, list.jobs
	}
	return true
}

// edgeStartAfter returns where an edge object starts on a line at or
// after off, or -1. Lines break between values only: a string holds no
// raw line feed, and an edge object holds no other object.
func (d *fastDecoder) edgeStartAfter(off int) int {
	b := d.b
	for tries := 0; tries < 64 && off < len(b); tries++ {
		nl := bytes.IndexByte(b[off:], '\n')
		if nl < 0 {
			return -1
		}
		i := skipBlanks(b, off+nl)
		if i < len(b) && b[i] == ',' {
			i = skipBlanks(b, i+1)
		}
		if i < len(b) && b[i] == '{' {
			return i
		}
		off += nl + 1
	}
	return -1
}

// edgeRun reads the edges of a list into l from d.pos, which is where
// the first edge starts (after the '[', or at an edge when the list is
// read in two halves), up to the ']' that ends the list; or, if d
// reaches stop after a ',', it stops there.
func (d *fastDecoder) edgeRun(l *edgeBatch, first bool, stop int) bool {
	known := d.jobIdx != nil
	for ; ; first = false {
		if d.byte(']') {
			return true
		}
		if !first && !d.byte(',') {
			return false
		}
		start := d.skipBlanks()
		if start == stop {
			return true
		}
		l.lines = append(l.lines, start)
		if !d.byte('{') {
			return false
		}
		var e fileEdge
		ends := [2]int32{-1, -1}
		evidenceAt := -1 // read last, once the target and type are known
		var got [4]bool
		for f := true; ; f = false {
			if d.byte('}') {
				break
			}
			if !f && !d.byte(',') {
				return false
			}
			key, ok := d.plainString()
			if !ok || !d.byte(':') {
				return false
			}
			var k int
			switch string(key) {
			case "from":
				k = 0
			case "to":
				k = 1
			case "type":
				k = 2
			case "evidence":
				k = 3
			default:
				return false // unknown, or in other case: decodeDataset decides
			}
			if got[k] {
				return false
			}
			got[k] = true
			switch {
			case k < 2 && known:
				last := int32(-1)
				if k == 0 {
					last = d.lastFrom
				}
				var s string
				if s, ends[k], ok = d.id(last); ok && k == 0 {
					d.lastFrom = ends[0]
				}
				if k == 0 {
					e.From = s
				} else {
					e.To = s
				}
			case k == 0:
				e.From, ok = d.str()
			case k == 1:
				e.To, ok = d.str()
			case k == 2:
				e.Type, ok = d.str()
			default:
				evidenceAt = d.skipBlanks()
				ok = d.skipValue()
			}
			if !ok {
				return false
			}
		}
		for k := range 2 {
			if i, ok := d.jobIdx[""]; known && !got[k] && ok {
				ends[k] = i // a missing id is "", which a job may have
			}
		}
		if evidenceAt >= 0 {
			end := d.pos
			d.pos = evidenceAt
			var ok bool
			if known {
				e.Evidence, ok = d.evidenceTo(ends[1], e.Type)
			} else {
				e.Evidence, ok = d.str()
			}
			if !ok {
				return false
			}
			d.pos = end
		}
		l.edges = append(l.edges, e)
		if known {
			l.jobs = append(l.jobs, ends)
		}
	}
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

// buildMetiers validates the decoded document and builds the graph.
func buildMetiers(ds *fileDataset, file string) (*Graph, error) {
	var errs []error
	fail := func(line int, field string, format string, args ...any) {
		errs = append(errs, &FieldError{File: file, Line: line, Field: field, Err: fmt.Errorf(format, args...)})
	}
	if ds.Dataset == "" {
		ds.Dataset = "metiers"
	}
	b := NewBuilder(ds.Dataset)
	b.Title, b.Version, b.Families = ds.Title, ds.Version, ds.Families
	families := map[string]bool{}
	for i, f := range ds.Families {
		if f.ID == "" || f.Title == "" {
			fail(0, fmt.Sprintf("families[%d]", i), "a family needs an id and a title")
		}
		if families[f.ID] {
			fail(0, fmt.Sprintf("families[%d].id", i), "%w: %q", ErrDuplicateID, f.ID)
		}
		families[f.ID] = true
	}
	if len(ds.Jobs) == 0 {
		fail(0, "jobs", "the dataset has no job")
	}

	// The names the resolver and the name index read are folded on
	// another core meanwhile the jobs are checked.
	folded := make(chan struct{})
	go func() {
		defer close(folded)
		for _, fj := range ds.Jobs {
			b.words(fj.Title)
			for _, s := range fj.Synonyms {
				b.words(s)
			}
		}
	}()
	jobs := make([]*Job, 0, len(ds.Jobs))
	seen := map[JobID]int{}
	for i, fj := range ds.Jobs {
		line := ds.jobLines[i]
		field := func(f string) string { return fmt.Sprintf("jobs[%d].%s", i, f) }
		switch {
		case fj.ID == "":
			fail(line, field("id"), "missing id")
		case !isSlug(fj.ID) || len(fj.ID) > 100:
			fail(line, field("id"), "id %q is not a slug of lower-case ASCII letters, digits and hyphens", fj.ID)
		case strings.HasPrefix(fj.ID, "ext-") || strings.HasPrefix(fj.ID, "level-"):
			fail(line, field("id"), "id %q uses a prefix reserved for external roles and levels", fj.ID)
		}
		if prev, dup := seen[JobID(fj.ID)]; dup && fj.ID != "" {
			fail(line, field("id"), "%w: %q, first defined on line %d", ErrDuplicateID, fj.ID, ds.jobLines[prev])
		}
		seen[JobID(fj.ID)] = i
		if strings.TrimSpace(fj.Title) == "" {
			fail(line, field("title"), "missing title")
		} else if len(fj.Title) > maxNameLen {
			fail(line, field("title"), "title longer than %d bytes", maxNameLen)
		}
		if fj.Family != "" && !families[fj.Family] {
			fail(line, field("family"), "unknown family %q", fj.Family)
		}
		var lvl Level
		if fj.LevelText != "" {
			l, err := ParseLevel(fj.LevelText)
			if err != nil {
				fail(line, field("level_text"), "%w", err)
			}
			lvl = l
		}
		j := &Job{
			ID: JobID(fj.ID), Title: fj.Title, Kind: KindJob, Family: fj.Family,
			Level: lvl, LevelText: fj.LevelText, HasCard: fj.HasCard,
		}
		for _, s := range fj.Synonyms {
			j.Names = append(j.Names, Name{Text: s, Kind: NameSynonym})
		}
		if fj.HasCard {
			j.Card = &Card{
				Description: fj.Description, InitialTraining: fj.InitialTraining,
				Knowledge: fj.Knowledge, Status: fj.Status, Environments: fj.Environments,
				PerspectivesText: fj.PerspectivesText, Perspectives: fj.Perspectives,
				Trainings: fj.Trainings,
			}
		}
		jobs = append(jobs, j)
	}
	byID := map[JobID]*Job{}
	for _, j := range jobs {
		byID[j.ID] = j
	}
	for i, n := range ds.Names {
		j := byID[JobID(n.Job)]
		kind := NameKind(n.Kind)
		switch {
		case j == nil:
			fail(0, fmt.Sprintf("names[%d].job", i), "unknown job %q", n.Job)
		case n.Text == "":
			fail(0, fmt.Sprintf("names[%d].text", i), "missing text")
		case kind != NameAcronym && kind != NameSynonym && kind != NameAlias:
			fail(0, fmt.Sprintf("names[%d].kind", i), "kind %q is not acronym, synonym or alias", n.Kind)
		default:
			j.Names = append(j.Names, Name{Text: n.Text, Kind: kind})
		}
	}
	for i, r := range ds.RomeLinks {
		j := byID[JobID(r.Job)]
		if j == nil {
			fail(0, fmt.Sprintf("rome_links[%d].job", i), "unknown job %q", r.Job)
			continue
		}
		j.Rome = append(j.Rome, RomeLink{Code: r.Code, Title: r.Title, Why: r.Why})
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, errors.Join(errs...))
	}

	// The resolver is built on another core meanwhile the nodes are
	// added, once the names are folded.
	resolver := make(chan *phraseResolver, 1)
	go func() {
		<-folded
		resolver <- newPhraseResolver(ds, jobs, b)
	}()
	b.reserve(len(jobs)+len(Levels), len(jobs)+len(ds.Edges))
	for _, j := range jobs {
		b.AddJob(j)
	}
	var levelIDs [LevelBac5 + 1]JobID
	var levelVertex [LevelBac5 + 1]int32
	for i, l := range Levels {
		levelIDs[l] = LevelID(l)
		b.AddJob(&Job{ID: levelIDs[l], Title: l.Label(), Kind: KindLevel, Level: l})
		levelVertex[l] = int32(len(jobs) + i)
	}
	// Job i is vertex i of the model, the levels come next: the edges can
	// name their ends by number.
	numbered := len(b.store.jobs) == len(jobs)+len(Levels)
	access := map[string]string{} // evidence by level as printed
	for i, j := range jobs {
		if j.Level == LevelNone {
			continue
		}
		text, ok := access[j.LevelText]
		if !ok {
			text = "Niveau minimum d’accès : " + j.LevelText
			access[j.LevelText] = text
		}
		ev := Evidence{Text: text, Match: MatchLevel}
		if numbered {
			b.addEdgeAt(levelVertex[j.Level], int32(i), levelIDs[j.Level], j.ID, Access, ev)
		} else {
			b.AddEdge(levelIDs[j.Level], j.ID, Access, ev)
		}
	}
	r := <-resolver
	for _, j := range jobs {
		if j.Card == nil {
			continue
		}
		for _, p := range j.Card.Perspectives {
			to, m := r.resolve(j, p)
			b.AddEdge(j.ID, to, Evolution, Evidence{Text: p, Match: m})
		}
	}
	// Every node is in: their index and the report are made on other
	// cores meanwhile the explicit edges are added.
	b.indexNodes()
	reported := make(chan struct{})
	go func() {
		reportMetiers(ds, jobs, b)
		close(reported)
	}()
	for i, e := range ds.Edges {
		t := Evolution
		switch e.Type {
		case "", "evolution":
		case "proche":
			t = Close
		default:
			fail(ds.edgeLines[i], fmt.Sprintf("edges[%d].type", i), "type %q is not evolution or proche", e.Type)
			continue
		}
		ev := Evidence{Text: e.Evidence, Match: MatchTitle}
		if ds.edgeJobs != nil && numbered {
			f, to := ds.edgeJobs[i][0], ds.edgeJobs[i][1]
			if f < 0 || to < 0 {
				fail(ds.edgeLines[i], fmt.Sprintf("edges[%d]", i), "%w: %q → %q", ErrDangling, e.From, e.To)
				continue
			}
			b.addEdgeAt(f, to, JobID(e.From), JobID(e.To), t, ev)
			continue
		}
		if !b.isJob(JobID(e.From)) || !b.isJob(JobID(e.To)) {
			fail(ds.edgeLines[i], fmt.Sprintf("edges[%d]", i), "%w: %q → %q", ErrDangling, e.From, e.To)
			continue
		}
		b.AddEdge(JobID(e.From), JobID(e.To), t, ev)
	}
	<-reported
	if len(errs) > 0 {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, errors.Join(errs...))
	}
	return b.Build()
}

// phraseResolver ties the perspective phrases of the cards to nodes.
type phraseResolver struct {
	b        *Builder
	titles   map[string][]*Job
	synonyms map[string][]*Job
	aliases  map[string]fileAlias
	domains  map[string]fileDomain
	byID     map[JobID]*Job
	external map[string]JobID
	reported map[string]bool
}

func newPhraseResolver(ds *fileDataset, jobs []*Job, b *Builder) *phraseResolver {
	r := &phraseResolver{
		b: b, titles: map[string][]*Job{}, synonyms: map[string][]*Job{},
		aliases: map[string]fileAlias{}, domains: map[string]fileDomain{},
		byID: map[JobID]*Job{}, external: map[string]JobID{}, reported: map[string]bool{},
	}
	for _, j := range jobs {
		r.byID[j.ID] = j
		k := b.key(j.Title)
		r.titles[k] = append(r.titles[k], j)
		for _, n := range j.Names {
			k := b.key(n.Text)
			if n.Kind != NameSynonym {
				// Reviewed names (acronyms, names the card text uses) act as aliases.
				r.aliases[k] = fileAlias{Phrase: n.Text, Job: string(j.ID)}
				continue
			}
			if !slices.Contains(r.synonyms[k], j) {
				r.synonyms[k] = append(r.synonyms[k], j)
			}
		}
	}
	for _, a := range ds.Aliases {
		r.aliases[b.key(a.Phrase)] = a
	}
	for _, d := range ds.Domains {
		r.domains[b.key(d.Title)] = d
	}
	return r
}

// resolve returns the node a perspective phrase of job from names, and
// how it was matched: by title, by a synonym printed on a card, by the
// reviewed alias table, by the ROME card the phrase names when one job
// clearly belongs to it, or else as an external role. A phrase that could
// name several jobs is reported and becomes an external role.
func (r *phraseResolver) resolve(from *Job, phrase string) (JobID, Match) {
	k := r.b.key(phrase)
	if ts := r.titles[k]; len(ts) == 1 {
		if syn := r.synonyms[k]; len(syn) > 0 && syn[0] != ts[0] {
			r.report(Problem{Severity: SeverityWarning, Code: "title-also-synonym", Job: from.ID, Field: "perspectives", Quote: phrase,
				Message: fmt.Sprintf("%q is the title of %s and a synonym of %s: resolved to the title", phrase, ts[0].ID, syn[0].ID)})
		}
		return r.self(from, ts[0], phrase, MatchTitle)
	}
	if syn := r.synonyms[k]; len(syn) == 1 {
		return r.self(from, syn[0], phrase, MatchSynonym)
	} else if len(syn) > 1 {
		ids := make([]string, len(syn))
		for i, j := range syn {
			ids[i] = string(j.ID)
		}
		r.report(Problem{Severity: SeverityWarning, Code: "ambiguous-phrase", Job: from.ID, Field: "perspectives", Quote: phrase,
			Message: fmt.Sprintf("%q is a synonym of several jobs (%s): kept as an external role", phrase, strings.Join(ids, ", "))})
		return r.externalRole(phrase, ""), MatchExternal
	}
	if a, ok := r.aliases[k]; ok {
		if j := r.byID[JobID(a.Job)]; j != nil {
			return r.self(from, j, phrase, MatchAlias)
		}
		r.report(Problem{Severity: SeverityError, Code: "alias-unknown-job", Field: "phrase_aliases", Quote: a.Phrase,
			Message: fmt.Sprintf("alias %q names unknown job %q: kept as an external role", a.Phrase, a.Job)})
	}
	if d, ok := r.domains[k]; ok {
		if len(d.Jobs) == 1 && r.byID[JobID(d.Jobs[0])] != nil {
			r.report(Problem{Severity: SeverityInfo, Code: "domain-match", Job: from.ID, Field: "perspectives", Quote: phrase,
				Message: fmt.Sprintf("%q is the title of ROME card %s: resolved to %s, the job of the repertoire reviewed as belonging to it", phrase, d.Code, d.Jobs[0])})
			return r.self(from, r.byID[JobID(d.Jobs[0])], phrase, MatchDomain)
		}
		if len(d.Jobs) > 1 {
			r.report(Problem{Severity: SeverityWarning, Code: "ambiguous-domain", Job: from.ID, Field: "perspectives", Quote: phrase,
				Message: fmt.Sprintf("%q is ROME card %s, to which several jobs belong (%s): kept as an external role", phrase, d.Code, strings.Join(d.Jobs, ", "))})
		}
		return r.externalRole(phrase, d.Code), MatchExternal
	}
	return r.externalRole(phrase, ""), MatchExternal
}

func (r *phraseResolver) self(from, to *Job, phrase string, m Match) (JobID, Match) {
	if from == to {
		r.report(Problem{Severity: SeverityWarning, Code: "self-evolution", Job: from.ID, Field: "perspectives", Quote: phrase,
			Message: fmt.Sprintf("%q names the job itself (%s)", phrase, m)})
	}
	return to.ID, m
}

func (r *phraseResolver) report(p Problem) {
	k := p.Code + "\x00" + string(p.Job) + "\x00" + p.Quote
	if !r.reported[k] {
		r.reported[k] = true
		r.b.Report(p)
	}
}

// externalRole returns the node of a role named in perspectives that is
// not in the repertoire, creating it on first use. Phrases with the same
// Key share one node.
func (r *phraseResolver) externalRole(phrase, rome string) JobID {
	k := r.b.key(phrase)
	if id, ok := r.external[k]; ok {
		return id
	}
	id := JobID("ext-" + Slug(phrase))
	for n := 2; r.b.Has(id); n++ {
		id = JobID(fmt.Sprintf("ext-%s-%d", Slug(phrase), n))
	}
	j := &Job{ID: id, Title: phrase, Kind: KindExternal}
	if rome != "" {
		j.Rome = []RomeLink{{Code: rome, Title: phrase, Why: "the phrase is the title of this ROME card"}}
	}
	r.b.AddJob(j)
	r.external[k] = id
	return id
}

var bacRE = regexp.MustCompile(`(?i)bac\s*\+\s*(\d)`)

// reportMetiers lists the defects of the source that can be seen by
// comparing cards, and the reviewed notes of the dataset.
func reportMetiers(ds *fileDataset, jobs []*Job, b *Builder) {
	carded := make([]*Job, 0, len(jobs))
	for _, j := range jobs {
		if j.HasCard && j.Card != nil {
			carded = append(carded, j)
		} else {
			b.Report(Problem{Severity: SeverityInfo, Code: "no-card", Job: j.ID,
				Message: "named in a family introduction, without a card: no level, no perspectives"})
		}
	}
	same := func(field string, get func(*Job) string) {
		for i, a := range carded {
			for _, c := range carded[i+1:] {
				if v := get(a); v != "" && b.key(v) == b.key(get(c)) {
					b.Report(Problem{Severity: SeverityWarning, Code: "copied-" + field, Job: c.ID, Field: field, Quote: clip(v, 80),
						Message: fmt.Sprintf("%s of %s is word for word that of %s", field, c.ID, a.ID)})
				}
			}
		}
	}
	same("synonyms", func(j *Job) string { return strings.Join(j.NamesOf(NameSynonym), " ; ") })
	same("perspectives", func(j *Job) string { return j.Card.PerspectivesText })
	same("knowledge", func(j *Job) string { return j.Card.Knowledge })
	same("status", func(j *Job) string { return j.Card.Status })
	for _, j := range carded {
		if j.LevelText == "" {
			b.Report(Problem{Severity: SeverityWarning, Code: "no-level", Job: j.ID, Field: "level_text", Message: "the card states no minimum access level"})
		}
		if len(j.Card.Perspectives) == 0 {
			b.Report(Problem{Severity: SeverityWarning, Code: "no-perspectives", Job: j.ID, Field: "perspectives",
				Message: "the card prints no career perspective: the job has no evolution edge"})
		}
		for _, f := range []struct{ name, v string }{{"description", j.Card.Description}, {"knowledge", j.Card.Knowledge}, {"status", j.Card.Status}} {
			if f.v == "" {
				b.Report(Problem{Severity: SeverityWarning, Code: "missing-" + f.name, Job: j.ID, Field: f.name, Message: "the card prints no " + f.name})
			}
		}
		if j.Level != LevelNone && j.Card.InitialTraining != "" {
			lowest := LevelNone
			for _, m := range bacRE.FindAllStringSubmatch(j.Card.InitialTraining, -1) {
				if l, err := ParseLevel("bac " + m[1]); err == nil && (lowest == LevelNone || l < lowest) {
					lowest = l
				}
			}
			if lowest > j.Level {
				b.Report(Problem{Severity: SeverityWarning, Code: "level-vs-training", Job: j.ID, Field: "level_text",
					Message: fmt.Sprintf("minimum level printed %q, but the initial training names nothing below %s", j.LevelText, lowest.Label())})
			}
		}
	}
	// A name of one job that is the title or a name of another.
	owner := map[string]*Job{}
	for _, j := range jobs {
		owner[b.key(j.Title)] = j
	}
	for _, j := range jobs {
		for _, n := range j.Names {
			if o := owner[b.key(n.Text)]; o != nil && o != j {
				b.Report(Problem{Severity: SeverityWarning, Code: "name-collision", Job: j.ID, Field: "synonyms", Quote: n.Text,
					Message: fmt.Sprintf("synonym %q of %s is also the title of %s", n.Text, j.ID, o.ID)})
			}
		}
	}
	for _, n := range ds.SourceNotes {
		b.Report(Problem{Severity: SeverityWarning, Code: "source-note", Job: JobID(n.Job), Field: n.Field, Quote: n.Quote, Message: n.Note})
	}
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
