package graph

import (
	"encoding/csv"
	"strings"
	"testing"
)

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
	for i := range tab.rows {
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
