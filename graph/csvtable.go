package graph

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// csvTable is a CSV file read whole: its columns by header name, its rows,
// and the line each field starts on. It is the one CSV reader of the
// package: ROME releases (v3 and 4.0) and the CSV import both read their
// files through readCSVTable, so that a malformed file gets the same
// errors, with its file, line and column, whoever reads it.
type csvTable struct {
	file   string
	header []string       // every column of the file, trimmed and lower-cased
	cols   map[string]int // the columns kept: their place in a row
	width  int            // the fields kept of a row
	cells  []string       // the kept fields of every row, one row after the other
	lines  []int          // line each row starts on; see line for a field's
	// fieldLines holds the line of each kept field of the rows that span
	// several lines (a quoted field with a line end), by row.
	fieldLines map[int][]int
	// dropped are the columns of the file not kept (csvOptions.keep): a
	// reader asking for one has forgotten to keep it, a bug.
	dropped map[string]bool
}

// csvOptions says how readCSVTable reads a file.
type csvOptions struct {
	required []string // columns the header must name
	// keep, when not nil, names the columns kept besides the required
	// ones: the fields of other columns are neither checked nor stored.
	keep      []string
	semicolon bool  // a header with semicolons and no comma sets ';' as separator
	skipBlank bool  // rows whose fields are all blank are dropped
	maxErrors int   // reading stops after this many errors (0: 50)
	maxSize   int64 // bytes; 0: maxDatasetSize
	size      int64 // the size of the file, when known: room is made for its rows
}

// readCSVTable reads a CSV file with a header row. It strips a byte-order
// mark and accepts CRLF line ends. Header names are trimmed and
// lower-cased; a repeated name, a missing required column, a row whose
// number of fields differs from the header's, invalid UTF-8, bad quoting
// and a file larger than opts.maxSize are errors, each a *FieldError with
// the file, the line and, when it applies, the column. The errors are
// returned in file order; the table is nil when there is any.
func readCSVTable(r io.Reader, file string, opts csvOptions) (*csvTable, []error) {
	if opts.maxErrors <= 0 {
		opts.maxErrors = 50
	}
	if opts.maxSize <= 0 {
		opts.maxSize = maxDatasetSize
	}
	lr := &io.LimitedReader{R: r, N: opts.maxSize + 1}
	br := bufio.NewReaderSize(lr, 64<<10)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\uFEFF")) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true // the fields are copied into the table's cells
	if opts.semicolon {
		head, _ := br.Peek(br.Size())
		if first, _, _ := bytes.Cut(head, []byte("\n")); !bytes.ContainsRune(first, ',') && bytes.ContainsRune(first, ';') {
			cr.Comma = ';'
		}
	}
	rd := &csvReader{cr: cr, opts: opts, t: &csvTable{file: file}}
	if rd.readHeader() {
		rd.reserve(br, opts.size)
		rd.readRows()
	}
	if lr.N <= 0 {
		rd.fail(0, "", "fichier de plus de %d octets", opts.maxSize)
	}
	if len(rd.errs) > 0 {
		return nil, rd.errs
	}
	return rd.t, nil
}

// csvReader is the state of readCSVTable.
type csvReader struct {
	cr   *csv.Reader
	opts csvOptions
	t    *csvTable
	pick []int // the fields of a record kept, in order
	errs []error
}

func (rd *csvReader) fail(line int, field string, format string, args ...any) {
	rd.errs = append(rd.errs, &FieldError{File: rd.t.file, Line: line, Field: field, Err: fmt.Errorf(format, args...)})
}

// readHeader reads the header row and reports whether the rows can be read.
func (rd *csvReader) readHeader() bool {
	t := rd.t
	header, err := rd.cr.Read()
	if err == io.EOF {
		rd.fail(1, "", "fichier vide\u202f: la ligne d’en-tête manque")
		return false
	}
	if err != nil {
		rd.errs = append(rd.errs, csvParseError(t.file, err))
		return false
	}
	header = slices.Clone(header) // the reader reuses its record
	t.header = header
	at := make(map[string]int, len(header))
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		header[i] = h
		if j, dup := at[h]; dup && h != "" {
			rd.fail(1, h, "la colonne %d répète la colonne %d (%q)", i+1, j+1, h)
		}
		at[h] = i
	}
	for _, c := range rd.opts.required {
		if _, ok := at[c]; !ok {
			rd.fail(1, c, "colonne %q manquante\u202f: l’en-tête est %q", c, strings.Join(header, string(rd.cr.Comma)))
		}
	}
	t.cols = make(map[string]int, len(header))
	for i, h := range header {
		if rd.opts.keep != nil && !slices.Contains(rd.opts.keep, h) && !slices.Contains(rd.opts.required, h) {
			if t.dropped == nil {
				t.dropped = map[string]bool{}
			}
			t.dropped[h] = true
			continue
		}
		if at[h] == i { // the first of a repeated name
			t.cols[h] = len(rd.pick)
		}
		rd.pick = append(rd.pick, i)
	}
	t.width = len(rd.pick)
	return len(rd.errs) == 0
}

// reserve makes room for the rows of a file of size bytes, as many as the
// lines buffered in br make it likely: growing the tables of a large file
// row by row copies them over and over.
func (rd *csvReader) reserve(br *bufio.Reader, size int64) {
	head, _ := br.Peek(br.Size())
	if size <= 0 || len(head) == 0 {
		return
	}
	n := bytes.Count(head, []byte("\n"))
	if int64(len(head)) < size {
		n = int(int64(n)*size/int64(len(head))) + 16
	}
	n = min(n, 1<<20)
	rd.t.cells = make([]string, 0, n*len(rd.pick))
	rd.t.lines = make([]int, 0, n)
}

// readRows reads the rows after the header, until the end of the file,
// bad quoting, or opts.maxErrors errors.
func (rd *csvReader) readRows() {
	t := rd.t
	for len(rd.errs) < rd.opts.maxErrors {
		rec, err := rd.cr.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			// The reader cannot resynchronise after bad quoting.
			rd.errs = append(rd.errs, csvParseError(t.file, err))
			return
		}
		if rd.opts.skipBlank && csvBlankRow(rec) {
			continue // spreadsheets write empty rows below the data
		}
		line, _ := rd.cr.FieldPos(0)
		if len(rec) != len(t.header) {
			rd.fail(line, "", "la ligne a %s, l’en-tête %d", countOf(len(rec), "champ", "champs"), len(t.header))
			for i := range rec {
				rd.checkField(rec, i)
			}
			continue
		}
		if !rd.checkUTF8(rec, rd.pick) {
			continue
		}
		for _, c := range rd.pick {
			t.cells = append(t.cells, rec[c])
		}
		if last, _ := rd.cr.FieldPos(len(rec) - 1); last != line {
			lines := make([]int, len(rd.pick))
			for k, c := range rd.pick {
				lines[k], _ = rd.cr.FieldPos(c)
			}
			if t.fieldLines == nil {
				t.fieldLines = map[int][]int{}
			}
			t.fieldLines[t.len()] = lines
		}
		t.lines = append(t.lines, line)
	}
}

// checkUTF8 reports which of the fields of rec numbered in fields are not
// valid UTF-8, and returns whether all are.
func (rd *csvReader) checkUTF8(rec []string, fields []int) bool {
	ok := true
	for _, i := range fields {
		ok = rd.checkField(rec, i) && ok
	}
	return ok
}

// checkField reports field i of rec if it is not valid UTF-8, and returns
// whether it is.
func (rd *csvReader) checkField(rec []string, i int) bool {
	if utf8.ValidString(rec[i]) {
		return true
	}
	col := ""
	if i < len(rd.t.header) {
		col = rd.t.header[i]
	}
	l, _ := rd.cr.FieldPos(i)
	rd.fail(l, col, "UTF-8 invalide dans la colonne %d\u202f: enregistrez le fichier au format CSV UTF-8", i+1)
	return false
}

func csvParseError(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &FieldError{File: file, Line: pe.Line, Err: fmt.Errorf("colonne %d\u202f: %w", pe.Column, csvReason(pe.Err))}
	}
	return &FieldError{File: file, Err: err}
}

func csvBlankRow(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// has reports whether the file has the named column.
func (t *csvTable) has(col string) bool {
	_, ok := t.cols[col]
	t.mustKeep(col)
	return ok
}

// get returns the field of row i in the named column, "" if the file has
// no such column.
func (t *csvTable) get(i int, col string) string {
	c, ok := t.cols[col]
	if !ok {
		t.mustKeep(col)
		return ""
	}
	return t.cells[i*t.width+c]
}

// len returns the number of rows.
func (t *csvTable) len() int { return len(t.lines) }

// row returns the kept fields of row i, in the order of the file.
func (t *csvTable) row(i int) []string {
	return t.cells[i*t.width : (i+1)*t.width : (i+1)*t.width]
}

// line returns the line of the field of row i in column col, or of the
// row when the file has no such column.
func (t *csvTable) line(i int, col string) int {
	c, ok := t.cols[col]
	if !ok {
		t.mustKeep(col)
		return t.lines[i]
	}
	if lines, ok := t.fieldLines[i]; ok {
		return lines[c]
	}
	return t.lines[i]
}

// mustKeep panics when col is a column of the file its reader did not
// keep: the reader would read it as absent.
func (t *csvTable) mustKeep(col string) {
	if t.dropped[col] {
		panic(fmt.Sprintf("graph: column %q of %s read but not kept", col, t.file))
	}
}
