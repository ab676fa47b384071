package data_test

import (
	"encoding/csv"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pathways-fr/pathways/data"
)

// readmeRowRE reads a row of the file table of rome4/README.md.
var readmeRowRE = regexp.MustCompile(`(?m)^\| (unix_\S+\.csv) \| ([\d,]+) \| ([^|]+) \|`)

// TestROME4Files checks that the embedded ROME 4.0 folder holds exactly
// the files its README lists, with the rows and header it gives.
func TestROME4Files(t *testing.T) {
	readme, err := fs.ReadFile(data.ROME4(), "README.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := readmeRowRE.FindAllStringSubmatch(string(readme), -1)
	listed := map[string]bool{}
	for _, r := range rows {
		listed[r[1]] = true
		f, err := data.ROME4().Open(r[1])
		if err != nil {
			t.Errorf("README lists %s: %v", r[1], err)
			continue
		}
		recs, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Errorf("%s: %v", r[1], err)
			continue
		}
		want, _ := strconv.Atoi(strings.ReplaceAll(r[2], ",", ""))
		if len(recs)-1 != want || strings.Join(recs[0], ", ") != strings.TrimSpace(r[3]) {
			t.Errorf("%s: %d rows, header %q; README says %d, %q", r[1], len(recs)-1, recs[0], want, r[3])
		}
	}
	files, _ := fs.Glob(data.ROME4(), "*.csv")
	if len(files) != len(listed) || len(files) != 10 {
		t.Errorf("ROME4() holds %d CSV files, README lists %d, want 10", len(files), len(listed))
	}
}
