package graph

import (
	"bytes"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pathways-fr/pathways/data"
	"github.com/pathways-fr/pathways/internal/testtool"
)

// rome4Graph is the embedded ROME 4.0 release with the v3 titles, loaded
// once.
var rome4Graph = testtool.Once("LoadROME4(data.ROME4(), data.ROME())", func() (*Graph, error) {
	return LoadROME4(data.ROME4(), data.ROME())
})

func TestLoadROME4Real(t *testing.T) {
	g := rome4Graph(t)
	if g.Dataset != "rome" || g.Version != "4.60" || g.Title != "ROME v4.60 — France Travail" {
		t.Errorf("LoadROME4: dataset %q, version %q, title %q", g.Dataset, g.Version, g.Title)
	}
	rows := testtool.CSVRows(t, data.ROME4(), "*referentiel_code_rome_v*.csv")
	fiches, parents := 0, 0
	for _, j := range g.Jobs() {
		if j.Kind != KindJob {
			continue
		}
		fiches++
		if j.Fiche == nil || j.Fiche.DomainTitle == "" || j.Fiche.GrandDomainTitle == "" || j.Fiche.Definition == "" || j.AccessText == "" || j.Fiche.RIASECMajor == "" {
			t.Errorf("fiche %s lacks a domain, a definition, an access text or a RIASEC code: %+v", j.ID, j.Fiche)
			continue
		}
		if j.Fiche.Parent == "" {
			parents++
		}
		if (j.Level != LevelNone || j.LevelText != "") && !strings.Contains(j.Fiche.LevelSentence, j.LevelText) {
			t.Errorf("fiche %s: level %q read from %q, not in its sentence %q", j.ID, j.Level, j.LevelText, j.Fiche.LevelSentence)
		}
	}
	// 1,584 rows in the fiche file, 532 of them their own parent.
	if fiches != 1584 || len(rows) != 1584 || parents != 532 {
		t.Errorf("LoadROME4: %d fiches (%d rows), %d parents; want 1584 and 532", fiches, len(rows), parents)
	}
	for _, r := range rows {
		j := g.Job(JobID(r["code_rome"]))
		if j == nil || j.Title != r["libelle_rome"] {
			t.Errorf("fiche %s = %+v, want title %q", r["code_rome"], j, r["libelle_rome"])
			continue
		}
		if p := r["code_rome_parent"]; p != r["code_rome"] && (j.Fiche.Parent != JobID(p) || !slices.Contains(g.Job(JobID(p)).Fiche.Children, j.ID)) {
			t.Errorf("fiche %s: parent %q, want %s among whose children it is", j.ID, j.Fiche.Parent, p)
		}
	}

	m1805 := g.Job("M1805")
	if m1805.Fiche.DomainTitle != "Systèmes d'information et de télécommunication" || m1805.Family != "M18" ||
		m1805.Fiche.GrandDomainTitle != "Support à l'entreprise" || m1805.Fiche.V3Title != "Études et développement informatique" {
		t.Errorf("M1805: family %q, fiche %+v", m1805.Family, m1805.Fiche)
	}
	if f, ok := g.Family("M18"); !ok || f.Title != "Systèmes d'information et de télécommunication" || len(g.Families) != 110 {
		t.Errorf(`Family("M18") = %+v, %v; %d families, want 110`, f, ok, len(g.Families))
	}
	// The v3 title is a name of the parent fiche: the repertoire quotes it.
	if ids := g.NamesByKey(Key("Études et développement informatique")); len(ids) != 1 || g.Node(g.Names()[ids[0]].Node).ID != "M1805" {
		t.Errorf("the v3 title of M1805 names %v", ids)
	}
	if m := g.Job("M1860"); m.Fiche.Parent != "M1802" || m.Title != "Architecte cloud" {
		t.Errorf("M1860 = %q, parent %q", m.Title, m.Fiche.Parent)
	}
}

// TestLoadROME4Mobility checks every mobility row against the file: an
// edge per row, whose rank is the row's numero_ordre.
func TestLoadROME4Mobility(t *testing.T) {
	g := rome4Graph(t)
	rows := testtool.CSVRows(t, data.ROME4(), "*rubrique_mobilite*.csv")
	if len(rows) != 14912 {
		t.Fatalf("%d mobility rows, want 14912", len(rows))
	}
	moves := 0
	for _, e := range g.Edges() {
		if e.Type != Access {
			moves++
		}
	}
	if moves != len(rows) {
		t.Errorf("LoadROME4: %d mobility edges for %d rows", moves, len(rows))
	}
	edges := map[[2]JobID]*Edge{}
	for k, e := range g.Edges() {
		if e.Type == Close {
			edges[[2]JobID{e.From, e.To}] = &g.Edges()[k]
		}
	}
	for i, r := range rows {
		e := edges[[2]JobID{JobID(r["code_rome"]), JobID(r["code_rome_cible"])}]
		rank, _ := strconv.Atoi(r["numero_ordre"])
		if e == nil || len(e.Evidence) != 1 || e.Evidence[0].Rank != rank || e.Evidence[0].Match != MatchRome ||
			!strings.HasSuffix(e.Evidence[0].Text, "(ligne "+strconv.Itoa(i+2)+")") {
			t.Errorf("row %d %v: edge %+v", i+2, r, e)
		}
	}
	e := findEdge(g, "M1876", "M1860", Close)
	if e == nil || e.Evidence[0].Rank != 1 || e.Evidence[0].Text != "Mobilité de rang 1 (ligne 13910)" {
		t.Errorf("M1876 → M1860 = %+v, want rank 1", e)
	}
}

// bfsDepths returns the distance of every node reachable from start in
// adj, -1 for the others.
func bfsDepths(adj [][]int, start int) []int {
	depth := make([]int, len(adj))
	for i := range depth {
		depth[i] = -1
	}
	depth[start] = 0
	queue := []int{start}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, m := range adj[n] {
			if depth[m] < 0 {
				depth[m] = depth[n] + 1
				queue = append(queue, m)
			}
		}
	}
	return depth
}

// TestLoadROME4Reachability checks, from every fiche, that what the
// graph's index reaches (Out) and what feeds it (In), at which distance,
// is what a plain BFS over the rows of the mobility file finds. The
// oracle numbers the fiches in the order of the fiche file.
func TestLoadROME4Reachability(t *testing.T) {
	g := rome4Graph(t)
	num := map[string]int{}
	var codes []string
	for _, r := range testtool.CSVRows(t, data.ROME4(), "*referentiel_code_rome_v*.csv") {
		num[r["code_rome"]] = len(codes)
		codes = append(codes, r["code_rome"])
	}
	fwd, rev := make([][]int, len(codes)), make([][]int, len(codes))
	for _, r := range testtool.CSVRows(t, data.ROME4(), "*rubrique_mobilite*.csv") {
		f, to := num[r["code_rome"]], num[r["code_rome_cible"]]
		fwd[f] = append(fwd[f], to)
		rev[to] = append(rev[to], f)
	}
	// The same fiches, numbered as the oracle numbers them, with the
	// graph's arcs.
	index := func(arcs func(int32) []Arc) [][]int {
		adj := make([][]int, len(codes))
		for k, c := range codes {
			i, ok := g.Index(JobID(c))
			if !ok {
				t.Fatalf("fiche %s is not in the graph", c)
			}
			for _, a := range arcs(i) {
				if a.Type&Moves != 0 {
					adj[k] = append(adj[k], num[string(g.Node(a.Node).ID)])
				}
			}
		}
		return adj
	}
	out, in := index(g.Out), index(g.In)
	reached := 0
	for k, c := range codes {
		got, want := bfsDepths(out, k), bfsDepths(fwd, k)
		if !slices.Equal(got, want) {
			t.Errorf("reachable from %s differs from a BFS over the rows", c)
		}
		if got, want := bfsDepths(in, k), bfsDepths(rev, k); !slices.Equal(got, want) {
			t.Errorf("feeders of %s differ from a BFS over the rows", c)
		}
		for _, d := range want {
			if d > 0 {
				reached++
			}
		}
	}
	if len(codes) != 1584 || reached == 0 {
		t.Errorf("checked %d fiches, %d (fiche, reachable fiche) pairs; want 1584 fiches", len(codes), reached)
	}
}

// TestLoadROME4Names checks that every appellation resolves to its
// fiche, flagged Rare when peu_usite.
func TestLoadROME4Names(t *testing.T) {
	g := rome4Graph(t)
	rows := testtool.CSVRows(t, data.ROME4(), "*referentiel_appellation*.csv")
	rare := 0
	for _, r := range rows {
		label := strings.Join(strings.Fields(r["libelle_appellation_long"]), " ")
		ok := false
		for _, i := range g.NamesByKey(Key(label)) {
			e := g.Names()[i]
			// The principal appellation is the title: indexed as such.
			if g.Node(e.Node).ID == JobID(r["code_rome"]) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("appellation %s « %s » does not name %s", r["code_ogr"], label, r["code_rome"])
		}
		j := g.Job(JobID(r["code_rome"]))
		k := slices.IndexFunc(j.Names, func(n Name) bool { return n.Text == label })
		if k < 0 || j.Names[k].Rare != (r["peu_usite"] == "O") {
			t.Errorf("appellation %s « %s »: Rare %v, peu_usite %q", r["code_ogr"], label, k >= 0 && j.Names[k].Rare, r["peu_usite"])
		}
		if r["peu_usite"] == "O" {
			rare++
		}
	}
	if len(rows) != 13120 || rare != 199 {
		t.Errorf("%d appellations, %d peu usitées; want 13120 and 199", len(rows), rare)
	}
}

// TestLoadROME4Quirks checks the report on v4.60: each quirk with the
// count measured on the files (docs/ROME.md).
func TestLoadROME4Quirks(t *testing.T) {
	g := rome4Graph(t)
	count := map[string]int{}
	for _, p := range g.Problems() {
		count[p.Code]++
	}
	want := map[string]int{
		"repeated-appellation": 1, "appellation-parent": 1, "untyped-mobility": 1, "extra-spaces": 1,
		"doubled-apostrophes": 1, "experience-route": 1, "no-diploma": 60, "no-level": 210,
	}
	if !maps.Equal(count, want) {
		t.Errorf("problem codes = %v, want %v", count, want)
	}
	for _, tt := range []struct{ code, words string }{
		{"repeated-appellation", "6 libellés"},
		{"appellation-parent", "404 appellations"},
		{"doubled-apostrophes", "5248 libellés"},
		{"extra-spaces", "157 libellés"},
	} {
		if ps := problemsWith(g, tt.code); len(ps) != 1 || !strings.HasPrefix(ps[0].Message, tt.words) {
			t.Errorf("%s = %+v, want %s", tt.code, ps, tt.words)
		}
	}
	levels := map[Level]int{}
	for _, j := range g.Jobs() {
		if j.Kind == KindJob {
			levels[j.Level]++
		}
	}
	wantLevels := map[Level]int{LevelNone: 270, LevelCAP: 363, LevelBac: 190, LevelBac2: 263, LevelBac3: 191, LevelBac4: 8, LevelBac5: 299}
	if !maps.Equal(levels, wantLevels) {
		t.Errorf("fiches per level = %v, want %v", levels, wantLevels)
	}
}

// TestLoadROME4Fixture checks every reading rule and quirk on the
// hand-written release of testdata/rome4 (its README lists them).
func TestLoadROME4Fixture(t *testing.T) {
	dir := filepath.Join("testdata", "rome4")
	g, err := LoadROME4(os.DirFS(dir), os.DirFS(filepath.Join(dir, "v3")))
	if err != nil {
		t.Fatalf("LoadROME4(testdata/rome4): %v", err)
	}
	if g2, err := LoadROME(os.DirFS(dir)); err != nil || g2.Dataset != "rome" || g2.Job("M1860") == nil || g2.Job("M1805").Fiche.V3Title != "" {
		t.Errorf("LoadROME(testdata/rome4) = %v: want LoadROME4's graph without v3 titles", err)
	}
	m1860 := g.Job("M1860")
	if m1860.Fiche.Parent != "M1802" || m1860.Level != LevelBac5 || m1860.LevelText != "Bac+5" ||
		m1860.Fiche.LevelSentence != "Cet emploi est accessible avec un diplôme de niveau Bac+5 (Master, diplôme d'ingénieur)." ||
		m1860.Fiche.Definition != "L'architecte cloud définit l'infrastructure. Conçoit l'architecture des plateformes." ||
		m1860.Fiche.RIASECMajor != "I" || m1860.Fiche.RIASECMinor != "C" || m1860.Fiche.V3Title != "" {
		t.Errorf("M1860 = %+v, fiche %+v", m1860, m1860.Fiche)
	}
	if c := g.Job("M1802").Fiche.Children; !slices.Equal(c, []JobID{"M1860"}) {
		t.Errorf("M1802 children = %v", c)
	}
	if m := g.Job("M1810"); m.Level != LevelNone || m.LevelText != "sans diplôme" ||
		m.Fiche.LevelSentence != "Cet emploi est accessible sans diplôme ni expérience professionnelle." {
		t.Errorf("M1810 level %q %q, sentence %q", m.Level, m.LevelText, m.Fiche.LevelSentence)
	}
	if m := g.Job("M1876"); m.Level != LevelBac2 || m.Fiche.LevelSentence != "Il est accessible avec un BTS ou un DUT en informatique." {
		t.Errorf("M1876 level %q, sentence %q", m.Level, m.Fiche.LevelSentence)
	}
	if m := g.Job("M1899"); m.Fiche.Parent != "" || m.Fiche.DomainTitle != "" || m.Family != "M18" {
		t.Errorf("M1899 fiche %+v", m.Fiche)
	}
	rare := map[string]bool{}
	for _, j := range g.Jobs() {
		for _, n := range j.Names {
			if n.Rare {
				rare[string(j.ID)+" "+n.Text] = true
			}
		}
	}
	if !rare["M1860 Urbaniste cloud"] || !rare["M1810 Pupitreur / Pupitreuse"] || rare["M1860 Architecte cloud"] {
		t.Errorf("rare names = %v", rare)
	}
	if ids := g.NamesByKey(Key("Production et exploitation de systèmes d'information")); len(ids) != 1 || g.Node(g.Names()[ids[0]].Node).ID != "M1810" {
		t.Errorf("v3 title of M1810 names %v", ids)
	}
	e := findEdge(g, "M1855", "M1860", Close)
	if e == nil || len(e.Evidence) != 2 || e.Evidence[0].Rank != 2 || e.Evidence[1].Rank != 3 {
		t.Errorf("M1855 → M1860 = %+v, want the two rows as evidence", e)
	}
	if e := findEdge(g, "M1876", "M1860", Close); e == nil || e.Evidence[0].Rank != 1 || e.Evidence[0].Text != "Mobilité de rang 1 (ligne 2)" {
		t.Errorf("M1876 → M1860 = %+v", e)
	}
	if findEdge(g, "M1805", "M1805", Close) != nil || g.Job("M9999") != nil {
		t.Error("the self-mobility or the absent M9999 made it into the graph")
	}
	type quirk struct{ code, job, starts string }
	var got []quirk
	for _, p := range g.Problems() {
		if p.Severity == SeverityWarning || p.Code == "appellation-parent" || p.Code == "rank-gaps" || p.Code == "doubled-apostrophes" || p.Code == "extra-spaces" {
			got = append(got, quirk{p.Code, string(p.Job), strings.SplitN(p.Message, "\u202f:", 2)[0]})
		}
	}
	want := []quirk{
		{"unknown-card", "M9998", "1 ligne pour M9998, code absent de la liste des fiches (ligne 8 de unix_referentiel_code_rome_v460_utf8.csv)"},
		{"no-domain", "M1899", "M1899 est absente de unix_cr_gd_dp_v460_utf8.csv"},
		{"unknown-card", "M9999", "1 ligne pour M9999, code absent de la liste des fiches (ligne 14 de unix_referentiel_appellation_v460_utf8.csv)"},
		{"repeated-appellation", "", "1 libellé en double dans une même fiche, sous deux codes d’appellation, les deux gardés"},
		{"repeated-row", "", "1 ligne de unix_texte_v460_utf8.csv (ligne 8) répète la fiche, le type et la position_phrase d’une ligne précédente"},
		{"unknown-card", "M9999", "1 ligne pour M9999, code absent de la liste des fiches (ligne 14 de unix_texte_v460_utf8.csv)"},
		{"v3-code-absent", "", "1 code de unix_referentiel_code_rome_v347_utf8.csv sans fiche parente dans la version"},
		{"self-mobility", "M1805", "ligne 10 de unix_rubrique_mobilite_v460_utf8.csv"},
		{"unknown-card", "M9999", "1 ligne pour M9999, code absent de la liste des fiches (ligne 11 de unix_rubrique_mobilite_v460_utf8.csv)"},
		{"merged-mobility", "", "1 ligne de mobilité en double (même fiche et même cible qu’une ligne précédente)"},
		{"appellation-parent", "", "1 appellation de unix_referentiel_appellation_v460_utf8.csv dont le code_rome_parent diffère du parent de la fiche (sur la v4.60, c’est la fiche v3 d’où vient l’appellation)"},
		{"rank-gaps", "", "1 fiche dont les cibles ne sont pas classées 1, 2, … n"},
		{"extra-spaces", "", "1 libellé ou texte avec des espaces répétés, ou en début ou en fin"},
		{"doubled-apostrophes", "", "5 libellés ou textes où l’apostrophe est imprimée « '' »"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("quirks =\n%q\nwant\n%q", got, want)
	}
}

// TestLoadROME4Bad checks that a broken release is refused with an error
// at the file, line and column of the defect: each case changes one file
// of testdata/rome4.
func TestLoadROME4Bad(t *testing.T) {
	const (
		cards = "unix_referentiel_code_rome_v460_utf8.csv"
		apps  = "unix_referentiel_appellation_v460_utf8.csv"
		mob   = "unix_rubrique_mobilite_v460_utf8.csv"
		texts = "unix_texte_v460_utf8.csv"
		ria   = "unix_referentiel_code_rome_riasec_v460_utf8.csv"
	)
	base := fstest.MapFS{}
	dir := filepath.Join("testdata", "rome4")
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".csv") {
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			base[e.Name()] = &fstest.MapFile{Data: b}
		}
	}
	tests := []struct {
		name       string
		file       string
		old, new   string // replaced in file; new "" with old "" removes the file
		line       int
		field      string
		sentinel   error
		wantAtLine string
	}{
		{"missing column", mob, `"numero_ordre"`, `"ordre"`, 1, "numero_ordre", nil, ""},
		{"too few fields", mob, `"M1876","M1810","2"`, `"M1876","M1810"`, 3, "", nil, ""},
		{"too many fields", texts, `"M1855","4","acces_metier","1",`, `"M1855","4","acces_metier","1","x",`, 12, "", nil, ""},
		{"bad UTF-8", apps, "Urbaniste cloud\",\"Urbaniste", "Urbaniste cl\xe8ud\",\"Urbaniste", 4, "libelle_appellation_long", nil, ""},
		{"bad quotes", mob, `"M1810","M1876","1"`, `"M1810","M18"76","1"`, 4, "", nil, ""},
		{"malformed code", mob, `"M1855","M1805","1"`, `"M1855","M18O5","1"`, 6, "code_rome_cible", nil, ""},
		{"bad rank", mob, `"M1860","M1802","1"`, `"M1860","M1802","premier"`, 12, "numero_ordre", nil, ""},
		{"bad peu_usite", apps, `"M1802","O"`, `"M1802","oui"`, 4, "peu_usite", nil, ""},
		{"bad RIASEC", ria, `"M1876","R",""`, `"M1876","X",""`, 3, "riasec_majeur", nil, ""},
		{"bad position", texts, `"definition","2"`, `"definition","deux"`, 2, "position_phrase", nil, ""},
		{"duplicate fiche", cards, `"M1899","7"`, `"M1855","7"`, 8, "code_rome", ErrDuplicateID, ""},
		{"duplicate appellation", apps, `"14157"`, `"14156"`, 6, "code_ogr", ErrDuplicateID, ""},
		{"no mobility file", mob, "", "", 0, "", nil, ""},
	}
	for _, tt := range tests {
		fsys := maps.Clone(base)
		if tt.old == "" {
			delete(fsys, tt.file)
		} else {
			s := string(base[tt.file].Data)
			if !strings.Contains(s, tt.old) {
				t.Fatalf("%s: %s does not hold %q", tt.name, tt.file, tt.old)
			}
			fsys[tt.file] = &fstest.MapFile{Data: []byte(strings.Replace(s, tt.old, tt.new, 1))}
		}
		g, err := LoadROME4(fsys, nil)
		if err == nil {
			t.Errorf("LoadROME4(%s) = %d nodes, want an error", tt.name, g.Len())
			continue
		}
		if !errors.Is(err, ErrInvalid) || (tt.sentinel != nil && !errors.Is(err, tt.sentinel)) {
			t.Errorf("LoadROME4(%s) = %v, want ErrInvalid and %v", tt.name, err, tt.sentinel)
		}
		var fe *FieldError
		if tt.line == 0 {
			if errors.As(err, &fe) {
				t.Errorf("LoadROME4(%s) = %v, want no FieldError", tt.name, err)
			}
			continue
		}
		if !errors.As(err, &fe) || fe.File != tt.file || fe.Line != tt.line || fe.Field != tt.field {
			t.Errorf("LoadROME4(%s) = %v, want %s:%d field %q", tt.name, err, tt.file, tt.line, tt.field)
		}
	}
}

// BenchmarkLoadROME4 measures reading the embedded v4.60 release, with
// the v3 titles, into its graph. Besides the wall time it reports the CPU
// time of the process per load (cpu-ms/op), which a machine shared with
// other work inflates less.
func BenchmarkLoadROME4(b *testing.B) {
	benchmarkLoad(b, func() (*Graph, error) { return LoadROME4(data.ROME4(), data.ROME()) })
}

// BenchmarkLoadROMEv3 is BenchmarkLoadROME4 for the embedded v3.47.
func BenchmarkLoadROMEv3(b *testing.B) {
	benchmarkLoad(b, func() (*Graph, error) { return LoadROME(data.ROME()) })
}

// BenchmarkLoadAllDatasets loads every embedded dataset one after the
// other, as a process does before its first answer: the métiers, ROME
// v3.47 and ROME 4.0.
func BenchmarkLoadAllDatasets(b *testing.B) {
	benchmarkLoad(b, func() (*Graph, error) {
		if _, err := LoadMetiers(bytes.NewReader(data.Metiers()), "metiers.json"); err != nil {
			return nil, err
		}
		if _, err := LoadROME(data.ROME()); err != nil {
			return nil, err
		}
		return LoadROME4(data.ROME4(), data.ROME())
	})
}

func benchmarkLoad(b *testing.B, load func() (*Graph, error)) {
	b.ReportAllocs()
	start, n := testtool.CPUTime(b), 0
	for b.Loop() {
		if _, err := load(); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(testtool.CPUTime(b)-start)/float64(n)/1e6, "cpu-ms/op")
}
