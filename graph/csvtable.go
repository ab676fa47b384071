package graph

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
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
	header []string
	cols   map[string]int
	rows   [][]string
	lines  [][]int // line of each field of each row
}

// csvOptions says how readCSVTable reads a file.
type csvOptions struct {
	required  []string // columns the header must name
	semicolon bool     // a header with semicolons and no comma sets ';' as separator
	skipBlank bool     // rows whose fields are all blank are dropped
	maxErrors int      // reading stops after this many errors (0: 50)
	maxSize   int64    // bytes; 0: maxDatasetSize
}

// readCSVTable reads a CSV file with a header row. It strips a byte-order
// mark and accepts CRLF line ends. Header names are trimmed and
// lower-cased; a repeated name, a missing required column, a row whose
// number of fields differs from the header's, invalid UTF-8, bad quoting
// and a file larger than opts.maxSize are errors, each a *FieldError with
// the file, the line and, when it applies, the column. The errors are
// returned in file order; the table is nil when there is any.
func readCSVTable(r io.Reader, file string, opts csvOptions) (*csvTable, []error) {
	maxErrs := opts.maxErrors
	if maxErrs <= 0 {
		maxErrs = 50
	}
	maxSize := opts.maxSize
	if maxSize <= 0 {
		maxSize = maxDatasetSize
	}
	var errs []error
	fail := func(line int, field string, format string, args ...any) {
		errs = append(errs, &FieldError{File: file, Line: line, Field: field, Err: fmt.Errorf(format, args...)})
	}
	lr := &io.LimitedReader{R: r, N: maxSize + 1}
	br := bufio.NewReaderSize(lr, 64<<10)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\uFEFF")) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	if opts.semicolon {
		head, _ := br.Peek(br.Size())
		if first, _, _ := bytes.Cut(head, []byte("\n")); !bytes.ContainsRune(first, ',') && bytes.ContainsRune(first, ';') {
			cr.Comma = ';'
		}
	}
	header, err := cr.Read()
	if err == io.EOF {
		fail(1, "", "empty file: the header row is missing")
		return nil, errs
	}
	if err != nil {
		return nil, append(errs, csvParseError(file, err))
	}
	t := &csvTable{file: file, header: header, cols: make(map[string]int, len(header))}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		header[i] = h
		if j, dup := t.cols[h]; dup && h != "" {
			fail(1, h, "column %d repeats column %d (%q)", i+1, j+1, h)
		}
		t.cols[h] = i
	}
	for _, c := range opts.required {
		if !t.has(c) {
			fail(1, c, "missing column %q: the header reads %q", c, strings.Join(header, string(cr.Comma)))
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	var flat []int // the lines of 64 rows at a time
	for len(errs) < maxErrs {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			// The reader cannot resynchronise after bad quoting.
			errs = append(errs, csvParseError(file, err))
			break
		}
		if opts.skipBlank && csvBlankRow(rec) {
			continue // spreadsheets write empty rows below the data
		}
		if len(flat) < len(rec) {
			flat = make([]int, 64*len(header)+len(rec))
		}
		lines := flat[:len(rec):len(rec)]
		flat = flat[len(rec):]
		for i := range rec {
			lines[i], _ = cr.FieldPos(i)
		}
		ok := true
		if len(rec) != len(header) {
			fail(lines[0], "", "the row has %d fields, the header %d", len(rec), len(header))
			ok = false
		}
		for i, v := range rec {
			if !utf8.ValidString(v) {
				col := ""
				if i < len(header) {
					col = header[i]
				}
				fail(lines[i], col, "invalid UTF-8 in column %d: save the file as CSV UTF-8", i+1)
				ok = false
			}
		}
		if ok {
			t.rows = append(t.rows, rec)
			t.lines = append(t.lines, lines)
		}
	}
	if lr.N <= 0 {
		fail(0, "", "file larger than %d bytes", maxSize)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return t, nil
}

func csvParseError(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &FieldError{File: file, Line: pe.Line, Err: fmt.Errorf("column %d: %w", pe.Column, pe.Err)}
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
	return ok
}

// get returns the field of row i in the named column, "" if the file has
// no such column.
func (t *csvTable) get(i int, col string) string {
	c, ok := t.cols[col]
	if !ok {
		return ""
	}
	return t.rows[i][c]
}

// line returns the line of the field of row i in column col, or of the
// row when the file has no such column.
func (t *csvTable) line(i int, col string) int {
	if c, ok := t.cols[col]; ok {
		return t.lines[i][c]
	}
	return t.lines[i][0]
}
