package graph_test

import (
	"bytes"
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/fixture"
	"github.com/pathways-fr/pathways/internal/testtool"
)

// csvRoundTrip exports g to CSV and loads it back.
func csvRoundTrip(t *testing.T, g *graph.Graph) (*graph.Graph, []byte, []byte) {
	t.Helper()
	var nodes, edges bytes.Buffer
	if err := graph.WriteCSV(&nodes, &edges, g); err != nil {
		t.Fatalf("WriteCSV: %v", err)
	}
	n, e := bytes.Clone(nodes.Bytes()), bytes.Clone(edges.Bytes())
	back, err := graph.LoadCSV(&nodes, &edges, "export")
	if err != nil {
		t.Fatalf("LoadCSV(WriteCSV(%s)): %v", g.Dataset, err)
	}
	return back, n, e
}

// sameGraph reports every difference between the nodes and edges of two
// graphs that the CSV format carries.
func sameGraph(t *testing.T, got, want *graph.Graph) {
	t.Helper()
	if got.Len() != want.Len() || len(got.Edges()) != len(want.Edges()) {
		t.Fatalf("loaded %d nodes and %d edges, want %d and %d", got.Len(), len(got.Edges()), want.Len(), len(want.Edges()))
	}
	for i, w := range want.Jobs() {
		g := got.Jobs()[i]
		if g.ID != w.ID || g.Title != w.Title || g.Kind != w.Kind || g.Family != w.Family || g.Level != w.Level ||
			g.LevelText != w.LevelText || g.AccessText != w.AccessText || g.HasCard != w.HasCard || !slices.Equal(romeOf(g), romeOf(w)) ||
			!slices.Equal(g.Names, w.Names) {
			t.Errorf("node %d = %+v, want %+v", i, *g, *w)
		}
		if gf, wf := familyTitle(got, g.Family), familyTitle(want, w.Family); gf != wf {
			t.Errorf("node %s: family titled %q, want %q", g.ID, gf, wf)
		}
	}
	for i, w := range want.Edges() {
		g := got.Edges()[i]
		if g.From != w.From || g.To != w.To || g.Type != w.Type || !slices.Equal(g.Evidence, w.Evidence) {
			t.Errorf("edge %d = %+v, want %+v", i, g, w)
		}
	}
}

func familyTitle(g *graph.Graph, id string) string {
	f, _ := g.Family(id)
	return f.Title
}

func TestLoadCSVRoundTrip(t *testing.T) {
	want := fixture.Metiers(t)
	got, nodes, edges := csvRoundTrip(t, want)
	sameGraph(t, got, want)
	// Exporting what was loaded gives the same files.
	_, nodes2, edges2 := csvRoundTrip(t, got)
	if !bytes.Equal(nodes, nodes2) || !bytes.Equal(edges, edges2) {
		t.Errorf("export → import → export changes the files")
	}
	if got.Dataset != "metiers" {
		t.Errorf("Dataset = %q, want metiers", got.Dataset)
	}
}

func TestLoadCSVHostileRoundTrip(t *testing.T) {
	want := hostileGraph(t, false)
	got, _, _ := csvRoundTrip(t, want)
	if got.Len() != want.Len() || len(got.Edges()) != len(want.Edges()) {
		t.Fatalf("loaded %d nodes and %d edges, want %d and %d", got.Len(), len(got.Edges()), want.Len(), len(want.Edges()))
	}
	for i, w := range want.Jobs() {
		if g := got.Jobs()[i]; g.ID != w.ID || g.Title != stripControls(w.Title) || !slices.Equal(g.Names, w.Names) {
			t.Errorf("node %d = %q %q %v, want %q %q %v", i, g.ID, g.Title, g.Names, w.ID, stripControls(w.Title), w.Names)
		}
	}
	for i, w := range want.Edges() {
		g := got.Edges()[i]
		for k, ev := range w.Evidence {
			if k >= len(g.Evidence) || g.Evidence[k].Text != stripControls(ev.Text) || g.Evidence[k].Match != ev.Match {
				t.Errorf("edge %d: evidence %v, want %v", i, g.Evidence, w.Evidence)
				break
			}
		}
	}
}

// TestLoadCSVSpreadsheet loads files as people write or save them: a
// spreadsheet set to French (semicolons, byte-order mark, VRAI), columns
// reordered or renamed in case, extra columns, no level rows, no access
// rows, a level typed as a diploma.
func TestLoadCSVSpreadsheet(t *testing.T) {
	nodes := "\uFEFFTitle;ID;Kind;Level;Has_Card;Family;Family_Title;Notes;Synonyms\r\n" +
		"Développeur;dev;job;BTS;VRAI;prog;Programmation;à revoir;Codeur | Programmeur\r\n" +
		"Architecte;archi;;Bac +5;faux;prog;;;\r\n" +
		"'=Chef;ext-chef;EXTERNAL;;;;;;\r\n" +
		";;;;;;;;\r\n"
	edges := "from,to,type,evidence,comment\n" +
		"dev,archi,Évolution,\"Architecte, après 5 ans\",ok\n" +
		"dev,archi,evolution,Architecte logiciel,\n" +
		"archi,ext-chef,proche,,\n"
	g, err := graph.LoadCSV(strings.NewReader(nodes), strings.NewReader(edges), "mine")
	if err != nil {
		t.Fatalf("LoadCSV: %v", err)
	}
	if got, want := g.Len(), 3+len(graph.Levels); got != want {
		t.Errorf("Len() = %d, want %d", got, want)
	}
	dev := g.Job("dev")
	if dev == nil || dev.Title != "Développeur" || dev.Level != graph.LevelBac2 || !dev.HasCard || dev.Family != "prog" ||
		!slices.Equal(dev.NamesOf(graph.NameSynonym), []string{"Codeur", "Programmeur"}) {
		t.Errorf("Job(dev) = %+v", dev)
	}
	if j := g.Job("ext-chef"); j == nil || j.Kind != graph.KindExternal || j.Title != "=Chef" {
		t.Errorf("Job(ext-chef) = %+v", j)
	}
	if f, ok := g.Family("prog"); !ok || f.Title != "Programmation" {
		t.Errorf("Family(prog) = %+v, %v", f, ok)
	}
	type edge struct {
		from, to graph.JobID
		typ      graph.EdgeType
		evidence int
	}
	var got []edge
	for _, e := range g.Edges() {
		got = append(got, edge{e.From, e.To, e.Type, len(e.Evidence)})
	}
	want := []edge{
		{"archi", "ext-chef", graph.Close, 1},
		{"dev", "archi", graph.Evolution, 2},
		{"level-bac+2", "dev", graph.Access, 1},
		{"level-bac+5", "archi", graph.Access, 1},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Edges() = %v, want %v", got, want)
	}
	if ev := g.Edges()[1].Evidence; ev[0].Text != "Architecte, après 5 ans" || ev[0].Match != graph.MatchTitle {
		t.Errorf("evidence = %v", ev)
	}
}

const (
	okNodes = "id,title,kind,level\n" +
		"dev,Développeur,job,bac+2\n" +
		"archi,Architecte,job,bac+5\n"
	okEdges = "from,to,type,evidence\n" +
		"dev,archi,evolution,texte\n"
)

func TestLoadCSVErrors(t *testing.T) {
	tests := []struct {
		name         string
		nodes, edges string
		file         string // where the first error is
		line         int
		field        string
		is           error
	}{
		{"empty nodes", "", okEdges, "nodes.csv", 1, "", graph.ErrInvalid},
		{"no title column", "id,name\ndev,Dev\n", okEdges, "nodes.csv", 1, "title", graph.ErrInvalid},
		{"header twice", "id,title,id\ndev,Dev,dev\n", okEdges, "nodes.csv", 1, "id", graph.ErrInvalid},
		{"short row", okNodes + "ops,Ops\n", okEdges, "nodes.csv", 4, "", graph.ErrInvalid},
		{"open quote", okNodes + "ops,\"Ops\n", okEdges, "nodes.csv", 4, "", graph.ErrInvalid},
		{"latin-1", okNodes + "ops,D\xe9veloppeur,job,\n", okEdges, "nodes.csv", 4, "title", graph.ErrInvalid},
		{"duplicate id", okNodes + "dev,Autre,job,\n", okEdges, "nodes.csv", 4, "id", graph.ErrDuplicateID},
		{"id with space", okNodes + "mon job,Autre,job,\n", okEdges, "nodes.csv", 4, "id", graph.ErrInvalid},
		{"reserved prefix", okNodes + "level-x,Autre,job,\n", okEdges, "nodes.csv", 4, "id", graph.ErrInvalid},
		{"unknown kind", okNodes + "ops,Ops,métier,\n", okEdges, "nodes.csv", 4, "kind", graph.ErrInvalid},
		{"unknown level", okNodes + "ops,Ops,job,bac+9\n", okEdges, "nodes.csv", 4, "level", graph.ErrUnknownLevel},
		{"missing title", okNodes + "ops,,job,\n", okEdges, "nodes.csv", 4, "title", graph.ErrInvalid},
		{"bad level id", okNodes + "level-bac+2,Bac +2,level,bac+3\n", okEdges, "nodes.csv", 4, "id", graph.ErrInvalid},
		{"level text disagrees", "id,title,level,level_text\ndev,Dev,bac+3,Bac +2\n", okEdges, "nodes.csv", 2, "level_text", graph.ErrInvalid},
		{"has_card", "id,title,has_card\ndev,Dev,peut-être\n", "from,to,type\n", "nodes.csv", 2, "has_card", graph.ErrInvalid},
		{"family titles", "id,title,family,family_title\na,A,f,Un\nb,B,f,Deux\n", "from,to,type\n", "nodes.csv", 3, "family_title", graph.ErrInvalid},
		{"only levels", "id,title,kind,level\nlevel-bac,Bac,level,bac\n", "from,to,type\n", "nodes.csv", 0, "", graph.ErrInvalid},
		{"no type column", okNodes, "from,to\ndev,archi\n", "edges.csv", 1, "type", graph.ErrInvalid},
		{"dangling", okNodes, okEdges + "dev,ghost,evolution,x\n", "edges.csv", 3, "to", graph.ErrDangling},
		{"unknown type", okNodes, okEdges + "archi,dev,promotion,x\n", "edges.csv", 3, "type", graph.ErrInvalid},
		{"unknown match", okNodes, "from,to,type,match\ndev,archi,evolution,guess\n", "edges.csv", 2, "match", graph.ErrInvalid},
		{"access from a job", okNodes, okEdges + "dev,archi,access,x\n", "edges.csv", 3, "type", graph.ErrInvalid},
		{"evolution to a level", okNodes, okEdges + "dev,level-bac,evolution,x\n", "edges.csv", 3, "type", graph.ErrInvalid},
		{"access from another level", okNodes, okEdges + "level-bac+3,archi,access,x\n", "edges.csv", 3, "from", graph.ErrInvalid},
		{"edges quote", okNodes, okEdges + "dev,archi,\"proche\n", "edges.csv", 3, "", graph.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := graph.LoadCSV(strings.NewReader(tt.nodes), strings.NewReader(tt.edges), "in")
			if err == nil {
				t.Fatalf("LoadCSV = %d nodes, want an error", g.Len())
			}
			if !errors.Is(err, tt.is) || !errors.Is(err, graph.ErrInvalid) {
				t.Errorf("LoadCSV: %v, want it to wrap %v and ErrInvalid", err, tt.is)
			}
			fes := testtool.ErrorsOf[*graph.FieldError](err)
			if len(fes) == 0 {
				t.Fatalf("LoadCSV: %v is no *FieldError", err)
			}
			fe := fes[0]
			if file := filepath.Join("in", tt.file); fe.File != file || fe.Line != tt.line || fe.Field != tt.field {
				t.Errorf("LoadCSV: error at %s:%d %q, want %s:%d %q (%v)", fe.File, fe.Line, fe.Field, file, tt.line, tt.field, err)
			}
		})
	}
}

// TestLoadCSVAllErrors checks that every problem is reported at once,
// each on its line.
func TestLoadCSVAllErrors(t *testing.T) {
	nodes := "id,title,level\n" +
		"a,A,bac+9\n" +
		"b,,\n" +
		"a,A again,\n"
	_, err := graph.LoadCSV(strings.NewReader(nodes), strings.NewReader("from,to,type\n"), "")
	var lines []int
	for _, fe := range testtool.ErrorsOf[*graph.FieldError](err) {
		if fe.File != "nodes.csv" {
			t.Errorf("error in %q, want nodes.csv", fe.File)
		}
		lines = append(lines, fe.Line)
	}
	if want := []int{2, 3, 4}; !slices.Equal(lines, want) {
		t.Errorf("LoadCSV reports errors on lines %v, want %v: %v", lines, want, err)
	}
}

// TestLoadCSVLevelEdit changes a job's level in nodes.csv, as a user would
// in a spreadsheet: once with the access row left as it was (refused),
// once with the access row removed (rebuilt from the level).
func TestLoadCSVLevelEdit(t *testing.T) {
	nodes := "id,title,level\ndev,Développeur,bac+3\n"
	stale := "from,to,type,evidence\nlevel-bac+2,dev,access,Niveau minimum d’accès : Bac +2\n"
	if _, err := graph.LoadCSV(strings.NewReader(nodes), strings.NewReader(stale), ""); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("LoadCSV with a stale access row: %v, want ErrInvalid", err)
	}
	g, err := graph.LoadCSV(strings.NewReader(nodes), strings.NewReader("from,to,type\n"), "")
	if err != nil {
		t.Fatalf("LoadCSV: %v", err)
	}
	if e := g.Edges(); len(e) != 1 || e[0].From != "level-bac+3" || e[0].Type != graph.Access || e[0].Evidence[0].Match != graph.MatchLevel {
		t.Errorf("Edges() = %+v, want one access edge from level-bac+3", e)
	}
}

func TestLoadCSVFS(t *testing.T) {
	var nodes, edges bytes.Buffer
	want := fixture.Metiers(t)
	if err := graph.WriteCSV(&nodes, &edges, want); err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"nodes.csv": {Data: nodes.Bytes()}, "edges.csv": {Data: edges.Bytes()}}
	g, err := graph.LoadCSVFS(fsys, "export")
	if err != nil {
		t.Fatalf("LoadCSVFS: %v", err)
	}
	sameGraph(t, g, want)

	delete(fsys, "edges.csv")
	_, err = graph.LoadCSVFS(fsys, "export")
	var fe *graph.FieldError
	if !errors.As(err, &fe) || fe.File != filepath.Join("export", "edges.csv") || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("LoadCSVFS without edges.csv: %v, want a FieldError for export/edges.csv wrapping fs.ErrNotExist", err)
	}
}

func TestLoadCSVRoundTripROME(t *testing.T) {
	want := fixture.ROME(t)
	got, _, _ := csvRoundTrip(t, want)
	sameGraph(t, got, want)
}
