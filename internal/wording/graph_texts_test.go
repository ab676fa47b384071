package wording

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pathways-fr/pathways/data"
	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/fixture"
)

// romeReportTexts returns the messages of the data-quality reports of
// ROME 4.0 (with its skills), of ROME v3.47 and of the combined dataset:
// what pathways validate --dataset rome, rome-v3 and all print.
func romeReportTexts(t *testing.T) []text {
	var out []text
	for _, r := range []struct {
		name  string
		probs []graph.Problem
	}{{"rome", fixture.ROME4(t).Problems()}, {"rome-v3", fixture.ROME(t).Problems()}, {"rome skills", fixture.Skills(t).Problems()}, {"all", fixture.All(t).Problems()}} {
		if len(r.probs) == 0 {
			t.Errorf("validate --dataset %s reports no problem: the scan is broken", r.name)
		}
		for _, p := range r.probs {
			out = append(out, text{"validate --dataset " + r.name + " " + p.Code, p.Message})
		}
	}
	return out
}

// loadErrorTexts returns the errors the loaders give for bad input: a
// --data file (JSON or CSV) or a --rome-dir folder. Each must be French.
func loadErrorTexts(t *testing.T) []text {
	var out []text
	add := func(where string, err error) {
		if err == nil {
			t.Errorf("%s: loaded without error", where)
			return
		}
		out = append(out, text{where, err.Error()})
	}
	for _, tt := range []struct{ name, doc string }{
		{"unknown field", `{"jobs": [{"id": "a", "titel": "A"}]}`},
		{"unknown top-level field", `{"job": []}`},
		{"bad level", `{"jobs": [{"id": "a", "title": "A", "level_text": "bac+9"}]}`},
		{"dangling edge", `{"jobs": [{"id": "a", "title": "A"}], "edges": [{"from": "a", "to": "b", "type": "evolution"}]}`},
		{"bad edge type", `{"jobs": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}], "edges": [{"from": "a", "to": "b", "type": "evol"}]}`},
		{"duplicate id", `{"jobs": [{"id": "a", "title": "A"}, {"id": "a", "title": "B"}]}`},
		{"bad id", `{"jobs": [{"id": "A b", "title": "A"}]}`},
		{"no title", `{"jobs": [{"id": "a"}]}`},
		{"unknown family", `{"jobs": [{"id": "a", "title": "A", "family": "zz"}]}`},
		{"no job", `{"jobs": []}`},
		{"invalid UTF-8", "{\"jobs\": [{\"id\": \"a\", \"title\": \"A\xff\"}]}"},
		{"not an object", `[1]`},
		{"field given twice", `{"jobs": [{"id": "a", "title": "A"}], "dataset": "x", "dataset": "y"}`},
		{"wrong type", `{"jobs": [{"id": "a", "title": 3}]}`},
		{"jobs not a list", `{"jobs": {}}`},
		{"syntax", `{"jobs": [{"id": "a" "title": "A"}]}`},
		{"truncated", `{"jobs": [{"id": "a", `},
		{"trailing data", `{"jobs": [{"id": "a", "title": "A"}]} x`},
		{"unknown name kind", `{"jobs": [{"id": "a", "title": "A"}], "names": [{"job": "a", "text": "x", "kind": "nick"}]}`},
		{"name of unknown job", `{"jobs": [{"id": "a", "title": "A"}], "names": [{"job": "b", "text": "x", "kind": "synonym"}]}`},
	} {
		_, err := graph.LoadMetiers(strings.NewReader(tt.doc), "bad.json")
		add("--data bad.json, "+tt.name, err)
	}
	for _, tt := range []struct{ name, nodes, edges string }{
		{"empty nodes", "", "from,to,type\n"},
		{"missing column", "id\na\n", "from,to,type\n"},
		{"bare quote", "id,title\na,A\"B\n", "from,to,type\n"},
		{"short row", "id,title,level\na,A\n", "from,to,type\n"},
		{"bad rows", "id,title,kind\na,,robot\na,A,job\n", "from,to,type\na,zz,evolution\na,a,jump\n"},
	} {
		_, err := graph.LoadCSV(strings.NewReader(tt.nodes), strings.NewReader(tt.edges), "import")
		add("--data import, "+tt.name, err)
	}
	_, err := graph.LoadROME4(fstest.MapFS{}, data.ROME())
	add("--rome-dir empty folder (4.0)", err)
	_, err = graph.LoadROME(fstest.MapFS{})
	add("--rome-dir empty folder (v3)", err)
	_, err = graph.LoadROME4(fstest.MapFS{
		"unix_referentiel_code_rome_v460_utf8.csv": {Data: []byte("code_rome,libelle_rome\nM18,X\n")},
	}, data.ROME())
	add("--rome-dir bad fiche file", err)
	_, err = graph.ParseBridge([]byte(`{"links": [{"job": "a"}]}`))
	add("bridge without code", err)
	// The broken ROME v3 folders of the graph tests.
	bad := filepath.Join("..", "..", "graph", "testdata", "romebad")
	for _, dir := range []string{"badcode", "badutf8", "columns", "nomobility", "notype", "quotes"} {
		_, err := graph.LoadROME(os.DirFS(filepath.Join(bad, dir)))
		add("--rome-dir romebad/"+dir, err)
	}
	return out
}

// fixtureReportTexts returns the reports of the ROME fixtures of the graph
// tests, which hold one of each defect the loaders report.
func fixtureReportTexts(t *testing.T) []text {
	testdata := filepath.Join("..", "..", "graph", "testdata")
	quirks, err := graph.LoadROME(os.DirFS(filepath.Join(testdata, "romebad", "quirks")))
	if err != nil {
		t.Fatal(err)
	}
	rome4 := filepath.Join(testdata, "rome4")
	r4, err := graph.LoadROME4(os.DirFS(rome4), os.DirFS(filepath.Join(rome4, "v3")))
	if err != nil {
		t.Fatal(err)
	}
	var out []text
	for _, p := range append(quirks.Problems(), r4.Problems()...) {
		out = append(out, text{"ROME fixture " + p.Code, p.Message})
	}
	return out
}

// TestLoadErrorsFrench checks that each load error is French, with no
// mistake of findMistakes.
func TestLoadErrorsFrench(t *testing.T) {
	for _, x := range append(loadErrorTexts(t), fixtureReportTexts(t)...) {
		if !frenchRE.MatchString(x.s) {
			t.Errorf("%s: not French: %q", x.where, x.s)
		}
		for _, m := range findMistakes(withoutData(x.s, nil)) {
			t.Errorf("%s: %q in %q", x.where, m, x.s)
		}
	}
}
