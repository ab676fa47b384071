package graph

import (
	"encoding/csv"
	"errors"
	"slices"
	"strings"
	"testing"
)

// TestReadCSVTable checks the one CSV reader of the package: what it
// accepts, and the file, line and column of each error it reports.
func TestReadCSVTable(t *testing.T) {
	type at struct {
		line  int
		field string
	}
	tests := []struct {
		name string
		in   string
		opts csvOptions
		rows [][]string // when the file is accepted
		errs []at       // when it is not, in order
	}{
		{"plain", "a,b\n1,2\n3,4\n", csvOptions{}, [][]string{{"1", "2"}, {"3", "4"}}, nil},
		{"BOM and CRLF", "\ufeff\"A\", b \r\n1,2\r\n", csvOptions{required: []string{"a", "b"}}, [][]string{{"1", "2"}}, nil},
		{"semicolons", "a;b\n1;2\n", csvOptions{semicolon: true}, [][]string{{"1", "2"}}, nil},
		{"semicolons not asked for", "a;b\n1;2\n", csvOptions{}, [][]string{{"1;2"}}, nil},
		{"blank rows skipped", "a,b\n1,2\n,\n", csvOptions{skipBlank: true}, [][]string{{"1", "2"}}, nil},
		{"blank rows kept", "a,b\n1,2\n , \n", csvOptions{}, [][]string{{"1", "2"}, {" ", " "}}, nil},
		{"multi-line field", "a,b\n\"x\ny\",2\n3,4\n", csvOptions{}, [][]string{{"x\ny", "2"}, {"3", "4"}}, nil},
		{"empty", "", csvOptions{}, nil, []at{{1, ""}}},
		{"missing columns", "a,b\n", csvOptions{required: []string{"c", "a", "d"}}, nil, []at{{1, "c"}, {1, "d"}}},
		{"repeated column", "a,A\n", csvOptions{}, nil, []at{{1, "a"}}},
		{"field counts", "a,b\n1\n1,2\n1,2,3\n", csvOptions{}, nil, []at{{2, ""}, {4, ""}}},
		{"bad UTF-8", "a,b\n1,2\n1,\xe8\n\xff,2\n", csvOptions{}, nil, []at{{3, "b"}, {4, "a"}}},
		{"bad UTF-8 after a multi-line field", "a,b\n\"x\ny\",\xe8\n", csvOptions{}, nil, []at{{3, "b"}}},
		{"bad quotes stop the reading", "a,b\n1,x\"y\n1,\xe8\n", csvOptions{}, nil, []at{{2, ""}}},
		{"at most maxErrors", "a,b\n1\n1\n1\n", csvOptions{maxErrors: 2}, nil, []at{{2, ""}, {3, ""}}},
		{"too large", "a,b\n1,2\n", csvOptions{maxSize: 5}, nil, []at{{0, ""}}},
		{"kept columns", "a,b,c,d\n1,2,3,4\n", csvOptions{required: []string{"c"}, keep: []string{"a", "e"}}, [][]string{{"1", "3"}}, nil},
		{"bad UTF-8 in a column not kept", "a,b\n1,\xe8\n", csvOptions{keep: []string{"a"}}, [][]string{{"1"}}, nil},
		{"bad UTF-8 in a row of the wrong length", "a,b\n\xe8\n", csvOptions{keep: []string{"b"}}, nil, []at{{2, ""}, {2, "a"}}},
	}
	for _, tt := range tests {
		tab, errs := readCSVTable(strings.NewReader(tt.in), "f.csv", tt.opts)
		var got []at
		for _, err := range errs {
			var fe *FieldError
			if !errors.As(err, &fe) || fe.File != "f.csv" {
				t.Errorf("readCSVTable(%s): %v is not a FieldError of f.csv", tt.name, err)
				continue
			}
			got = append(got, at{fe.Line, fe.Field})
		}
		if !slices.Equal(got, tt.errs) {
			t.Errorf("readCSVTable(%s) errors at %v, want %v (%v)", tt.name, got, tt.errs, errs)
		}
		if (tab == nil) != (len(tt.errs) > 0) {
			t.Errorf("readCSVTable(%s) = table %v with %d errors", tt.name, tab != nil, len(errs))
			continue
		}
		if tab == nil {
			continue
		}
		var rows [][]string
		for i := range tab.len() {
			rows = append(rows, tab.row(i))
		}
		if !slices.EqualFunc(rows, tt.rows, slices.Equal) {
			t.Errorf("readCSVTable(%s) rows = %q, want %q", tt.name, rows, tt.rows)
		}
	}
}

// TestCSVTableLines checks the line of every field and the accessors by
// column name.
func TestCSVTableLines(t *testing.T) {
	tab, errs := readCSVTable(strings.NewReader("id,text\nx,\"two\nlines\"\ny,z\n"), "f.csv", csvOptions{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if !tab.has("text") || tab.has("other") || tab.get(1, "id") != "y" || tab.get(0, "other") != "" {
		t.Errorf("has/get: %v %v %q %q", tab.has("text"), tab.has("other"), tab.get(1, "id"), tab.get(0, "other"))
	}
	if got := []int{tab.line(0, "id"), tab.line(0, "text"), tab.line(1, "text"), tab.line(1, "other")}; !slices.Equal(got, []int{2, 2, 4, 4}) {
		t.Errorf("lines = %v, want [2 2 4 4]", got)
	}
}

// TestCSVTableKeep checks the columns a table keeps: the lines of their
// fields stay those of the file when a field not kept spans lines, and a
// column of the file that was not kept cannot be read as if absent.
func TestCSVTableKeep(t *testing.T) {
	tab, errs := readCSVTable(strings.NewReader("a,b,c\n1,\"x\ny\",z\n2,3,4\n"), "f.csv", csvOptions{keep: []string{"a", "c"}})
	if errs != nil {
		t.Fatal(errs)
	}
	if got := []int{tab.line(0, "a"), tab.line(0, "c"), tab.line(1, "c")}; !slices.Equal(got, []int{2, 3, 4}) {
		t.Errorf("lines = %v, want [2 3 4]", got)
	}
	if tab.get(0, "c") != "z" || tab.has("d") {
		t.Errorf("get(0, c) = %q, has(d) = %v", tab.get(0, "c"), tab.has("d"))
	}
	defer func() {
		if recover() == nil {
			t.Error("get of a column not kept did not panic")
		}
	}()
	tab.get(0, "b")
}

// TestCSVTableLine checks the line readCSVTable gives each field, quoted
// fields spanning lines (LF and CRLF) included, against encoding/csv's
// FieldPos.
func TestCSVTableLine(t *testing.T) {
	const doc = "a,b,c\r\n1,\"deux\r\nlignes\",x\r\n\"trois\nli\ngnes\",\"\",\"y\nz\"\n4,5,6\n"
	tab, errs := readCSVTable(strings.NewReader(doc), "t.csv", csvOptions{})
	if errs != nil {
		t.Fatal(errs)
	}
	cr := csv.NewReader(strings.NewReader(doc))
	if _, err := cr.Read(); err != nil {
		t.Fatal(err)
	}
	for i := range tab.len() {
		rec, err := cr.Read()
		if err != nil {
			t.Fatal(err)
		}
		for c, col := range tab.header {
			want, _ := cr.FieldPos(c)
			if got := tab.line(i, col); got != want {
				t.Errorf("line(%d, %q) = %d, want %d (field %q)", i, col, got, want, rec[c])
			}
		}
	}
}
