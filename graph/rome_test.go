package graph

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pathways-fr/pathways/data"
	"github.com/pathways-fr/pathways/internal/testtool"
)

// romeGraph is the embedded ROME v3.47 release, loaded once.
var romeGraph = testtool.Once("LoadROME(data.ROME())", func() (*Graph, error) { return LoadROME(data.ROME()) })

// findEdge returns the edge from → to of type typ, or nil.
func findEdge(g *Graph, from, to JobID, typ EdgeType) *Edge {
	for _, e := range g.Edges() {
		if e.From == from && e.To == to && e.Type == typ {
			return &e
		}
	}
	return nil
}

func problemsWith(g *Graph, code string) []Problem {
	var out []Problem
	for _, p := range g.Problems() {
		if p.Code == code {
			out = append(out, p)
		}
	}
	return out
}

// The answers below were checked by hand against the CSV files of
// data/rome; "mobilité:4039" is line 4039 of
// unix_rubrique_mobilite_v347_utf8.csv, "texte:2529" line 2529 of
// unix_texte_v347_utf8.csv, and so on.
func TestLoadROMEReal(t *testing.T) {
	g := romeGraph(t)
	if g.Dataset != "rome-v3" || g.Version != "3.47" || g.Title != "ROME v3.47 — France Travail" {
		t.Errorf("LoadROME: dataset %q, version %q, title %q", g.Dataset, g.Version, g.Title)
	}
	cards, levels := 0, 0
	for _, j := range g.Jobs() {
		switch j.Kind {
		case KindJob:
			cards++
		case KindLevel:
			levels++
		}
	}
	// 531 rows in the card file; one level node per level.
	if cards != 531 || levels != len(Levels) {
		t.Errorf("LoadROME: %d cards and %d levels, want 531 and %d", cards, levels, len(Levels))
	}
	moves, access := 0, 0
	for _, e := range g.Edges() {
		if e.Type == Access {
			access++
		} else {
			moves++
		}
	}
	// 4,218 mobility rows, less the 8 that name L1510, less the 210 that
	// repeat the (source, target, type) of an earlier row.
	if moves != 4000 {
		t.Errorf("LoadROME: %d mobility edges, want 4000", moves)
	}
	withLevel := 0
	for _, j := range g.Jobs() {
		if j.Kind == KindJob && j.Level != LevelNone {
			withLevel++
		}
	}
	if access != withLevel {
		t.Errorf("LoadROME: %d access edges for %d cards with a level", access, withLevel)
	}

	// code_rome:441 "M1810","565","499","Production et exploitation de systèmes d''information","1"
	j := g.Job("M1810")
	if j == nil {
		t.Fatal(`Job("M1810") = nil`)
	}
	if j.Title != "Production et exploitation de systèmes d'information" || j.Family != "M18" || j.GrandDomain != "M" || !j.HasCard {
		t.Errorf(`Job("M1810") = %q, family %q, grand domain %q, has card %v`, j.Title, j.Family, j.GrandDomain, j.HasCard)
	}
	if f, ok := g.Family("M18"); !ok || f.Title != "Systèmes d'information et de télécommunication" {
		t.Errorf(`Family("M18") = %+v, %v`, f, ok)
	}
	if f, ok := g.Family("K22"); !ok || f.Title != "Domaine K22" {
		t.Errorf(`Family("K22") = %+v, %v`, f, ok)
	}
	if g.Job("L1510") != nil {
		t.Error(`Job("L1510") exists: the code is not in the card file`)
	}
}

func TestLoadROMEEdges(t *testing.T) {
	g := romeGraph(t)
	tests := []struct {
		from, to JobID
		typ      EdgeType
		evidence []string
	}{
		// mobilité:4039 "M1810","M1803","","","2","Evolution"
		{"M1810", "M1803", Evolution, []string{"Évolution : toutes appellations (ligne 4039)"}},
		// mobilité:1703 "M1801","M1810","","","1","Proche"
		{"M1801", "M1810", Close, []string{"Proche : toutes appellations (ligne 1703)"}},
		// mobilité:1714 "M1805","E1104","14156","20727","1","Proche" and
		// mobilité:1715 "M1805","E1104","20728","20727","1","Proche": one
		// edge, two rows; appellations 14156, 20727 and 20728 are lines
		// 3920, 10343 and 10344 of the appellation file.
		{"M1805", "E1104", Close, []string{
			"Proche : Développeur / Développeuse web → Webmaster concepteur / conceptrice de site web (ligne 1714)",
			"Proche : Webmaster développeur / développeuse → Webmaster concepteur / conceptrice de site web (ligne 1715)",
		}},
		// mobilité:3966 "M1607","C1502","","19377","2","Evolution"; 19377 is
		// "Secrétaire de groupe d''immeubles" (appellation:9024); the row
		// below it names 19382 for the same pair.
		{"M1607", "C1502", Evolution, []string{
			"Évolution : toutes appellations → Secrétaire de groupe d'immeubles (ligne 3966)",
		}},
	}
	for _, tt := range tests {
		e := findEdge(g, tt.from, tt.to, tt.typ)
		if e == nil {
			t.Errorf("edge %s → %s (%s) missing", tt.from, tt.to, tt.typ)
			continue
		}
		var got []string
		for _, ev := range e.Evidence {
			got = append(got, ev.Text)
			if ev.Match != MatchRome {
				t.Errorf("edge %s → %s: evidence match %q, want %q", tt.from, tt.to, ev.Match, MatchRome)
			}
		}
		if len(got) < len(tt.evidence) || !slices.Equal(got[:len(tt.evidence)], tt.evidence) {
			t.Errorf("edge %s → %s (%s) evidence = %q, want it to start with %q", tt.from, tt.to, tt.typ, got, tt.evidence)
		}
	}
	// No row gives M1803 → M1810 (the rows of M1803 are mobilité:1708-1710
	// and 4016-4017).
	if e := findEdge(g, "M1803", "M1810", Evolution); e != nil {
		t.Errorf("edge M1803 → M1810 exists: %+v", e)
	}
}

func TestLoadROMELevels(t *testing.T) {
	g := romeGraph(t)
	tests := []struct {
		id   JobID
		want Level
		text string
	}{
		// texte:3047 "Cet emploi/métier est accessible avec un diplôme de
		// niveau Bac+2 (BTS, DUT) à Master (MIAGE, diplôme d''ingénieur …"
		{"M1805", LevelBac2, "Bac+2"},
		// texte:3060 "accessible à partir d''un diplôme de niveau Bac+2 (BTS, DUT, ...)"
		{"M1810", LevelBac2, "Bac+2"},
		// M1803 names a Master (M1, …) (texte:3040) and "un diplôme de
		// niveau Bac+2 (BTS, DUT) … complété par une expérience" (texte:3041).
		{"M1803", LevelBac2, "Bac+2"},
		// M1607: "Bac … à Bac+2" (texte:3009), "un BEP dans le secteur tertiaire" (texte:3010).
		{"M1607", LevelCAP, "BEP"},
		// texte:1502 "accessible avec un CAP/BEP dans le secteur agricole".
		{"A1101", LevelCAP, "CAP/BEP"},
		// texte:2529 "accessible avec le Diplôme d''Etat de Docteur en médecine".
		{"J1101", LevelBac5, "Diplôme d'Etat de Docteur"},
		// texte:2684 "un diplôme de niveau V (CAP …": the old scale.
		{"K1305", LevelCAP, "niveau V"},
		// texte:2963 "à partir d''un niveau III à I (DUT, …)"; the licence
		// of texte:2965 is higher, that of texte:2966 ("licence d''agent de
		// voyages") a permit.
		{"M1302", LevelBac2, "niveau III"},
		// texte:1772 CAP/BEP; "Une licence et un agrément délivrés par la
		// Direction des Douanes" (texte:1775) is a permit, not a degree.
		{"D1211", LevelCAP, "CAP/BEP"},
		// texte:2797 "accessible sans diplôme ni expérience professionnelle",
		// though a CAP/BEP "peut en faciliter l''accès".
		{"K2204", LevelNone, "sans diplôme"},
		// texte:2701 "avec le Brevet des collèges", below the scale.
		{"K1501", LevelNone, "Brevet des collèges"},
		// texte:2632 "accessible avec le Diplôme d''Etat -DE- d''infirmier": no
		// diploma of the scale.
		{"J1505", LevelNone, ""},
	}
	for _, tt := range tests {
		j := g.Job(tt.id)
		if j == nil {
			t.Errorf("Job(%q) = nil", tt.id)
			continue
		}
		if j.Level != tt.want || j.LevelText != tt.text {
			t.Errorf("Job(%q) level = %q (%q), want %q (%q); access text %q", tt.id, j.Level, j.LevelText, tt.want, tt.text, clip(j.AccessText, 200))
		}
		var from []JobID
		for _, a := range g.In(g.pos[tt.id]) {
			if a.Type == Access {
				from = append(from, g.Node(a.Node).ID)
			}
		}
		if tt.want == LevelNone && len(from) > 0 || tt.want != LevelNone && !slices.Equal(from, []JobID{LevelID(tt.want)}) {
			t.Errorf("Job(%q): access edges from %v, want only from %s", tt.id, from, LevelID(tt.want))
		}
	}
	// Texts are joined in the order of position_libelle_txt.
	if a := g.Job("M1805").AccessText; !strings.HasPrefix(a, "Cet emploi/métier est accessible") || !strings.Contains(a, "diplôme d'ingénieur") {
		t.Errorf(`Job("M1805").AccessText = %q`, a)
	}
}

func TestLoadROMENames(t *testing.T) {
	g := romeGraph(t)
	tests := []struct {
		name string
		want []JobID
	}{
		// appellation:3920 "Développeur / Développeuse web" of M1805.
		{"Développeur web", []JobID{"M1805"}},
		{"developpeuse WEB", []JobID{"M1805"}},
		{"Développeur / Développeuse web", []JobID{"M1805"}},
		// appellation:9011 "Secrétaire" of M1607.
		{"secrétaire", []JobID{"M1607"}},
		// appellation:1020 "Assistant / Assistante de direction" of M1604.
		{"Assistante de direction", []JobID{"M1604"}},
		// A short label: "Technicien(ne) réseau informatique" is not a
		// label of the file, but "Technicien / Technicienne réseau
		// informatique" (M1810) is, and splits.
		{"Technicienne réseau informatique", []JobID{"M1810"}},
		// The apostrophe of "Directeur / Directrice des systèmes d''information".
		{"Directrice des systèmes d'information", []JobID{"M1803"}},
		{"Animateur 2D - films d'animation", nil}, // an appellation of L1510
	}
	for _, tt := range tests {
		var got []JobID
		for _, e := range g.NamesByKey(Key(tt.name)) {
			if id := g.Node(g.Names()[e].Node).ID; !slices.Contains(got, id) {
				got = append(got, id)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("NamesByKey(Key(%q)) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestLoadROMEProblems(t *testing.T) {
	g := romeGraph(t)
	// The 8 rows that name L1510: mobilité:369, 389, 1600-1602, 3882-3884.
	var rows []string
	for _, p := range problemsWith(g, "unknown-card") {
		if p.Job != "L1510" {
			t.Errorf("unknown-card problem for %s, want only L1510: %+v", p.Job, p)
		}
		if p.Field == "mobility" {
			rows = append(rows, strings.Fields(p.Message)[1])
		}
	}
	if want := []string{"369", "389", "1600", "1601", "1602", "3882", "3883", "3884"}; !slices.Equal(rows, want) {
		t.Errorf("unknown-card mobility rows = %v, want %v", rows, want)
	}
	// appellation:10968-10989, the 22 appellations of L1510.
	if ps := problemsWith(g, "unknown-card"); len(ps) < 2 || !strings.HasPrefix(ps[0].Message, "22 appellations pour L1510, code absent de la liste des fiches (lignes 10968–10989") {
		t.Errorf("unknown-card appellations: %+v", ps)
	}
	for _, c := range []struct {
		code, prefix string
	}{
		{"merged-mobility", "210 lignes"},
		{"doubled-apostrophes", ""},
	} {
		ps := problemsWith(g, c.code)
		if len(ps) != 1 || !strings.HasPrefix(ps[0].Message, c.prefix) {
			t.Errorf("problems %s = %+v, want one starting %q", c.code, ps, c.prefix)
		}
	}
	// Every card without a level is listed, with the reason.
	listed := map[JobID]bool{}
	for _, code := range []string{"no-level", "no-diploma", "below-scale"} {
		for _, p := range problemsWith(g, code) {
			listed[p.Job] = true
		}
	}
	for _, j := range g.Jobs() {
		if j.Kind == KindJob && (j.Level == LevelNone) != listed[j.ID] {
			t.Errorf("card %s: level %q, listed without a level: %v", j.ID, j.Level, listed[j.ID])
		}
	}
	if ps := problemsWith(g, "self-mobility"); len(ps) != 0 {
		t.Errorf("self-mobility problems on the real data: %+v", ps)
	}
}

func TestLoadROMEQuirks(t *testing.T) {
	g, err := LoadROME(os.DirFS(filepath.Join("testdata", "romebad", "quirks")))
	if err != nil {
		t.Fatalf("LoadROME(romebad/quirks): %v", err)
	}
	if e := findEdge(g, "M1805", "M1803", Evolution); e == nil || len(e.Evidence) != 3 {
		t.Errorf("edge M1805 → M1803 = %+v, want 3 rows of evidence (lines 4, 5, 9)", e)
	} else if got := e.Evidence[2].Text; got != "Évolution : appellation 99999 → toutes appellations (ligne 9)" {
		t.Errorf("edge M1805 → M1803: third evidence %q", got)
	}
	if findEdge(g, "M1803", "M1803", Close) != nil {
		t.Error("the self-mobility of line 8 is an edge")
	}
	levels := map[JobID]Level{"M1805": LevelBac2, "M1803": LevelBac4, "K2204": LevelNone, "M1810": LevelNone}
	for id, want := range levels {
		if got := g.Job(id).Level; got != want {
			t.Errorf("Job(%q).Level = %q, want %q", id, got, want)
		}
	}
	// Positions 0 then 1, though the file gives them 1 then 0.
	if a := g.Job("M1805").AccessText; !strings.HasPrefix(a, "Cet emploi") {
		t.Errorf(`Job("M1805").AccessText = %q`, a)
	}
	want := map[string]int{
		"unknown-card": 3, "self-mobility": 1, "unknown-appellation": 1, "appellation-card": 1,
		"merged-mobility": 1, "doubled-apostrophes": 1, "experience-route": 1, "no-diploma": 1, "no-level": 1,
	}
	got := map[string]int{}
	for _, p := range g.Problems() {
		got[p.Code]++
	}
	for code, n := range want {
		if got[code] != n {
			t.Errorf("problems %s: %d, want %d (all: %v)", code, got[code], n, got)
		}
	}
	if ps := problemsWith(g, "merged-mobility"); len(ps) == 1 && !strings.HasPrefix(ps[0].Message, "2 lignes") {
		t.Errorf("merged-mobility: %q", ps[0].Message)
	}
	// 2 titles, 2 appellation labels of M1803, 2 of L1510, 2 access texts.
	if ps := problemsWith(g, "doubled-apostrophes"); len(ps) == 1 && !strings.HasPrefix(ps[0].Message, "8 ") {
		t.Errorf("doubled-apostrophes: %q", ps[0].Message)
	}
}

func TestLoadROMEBad(t *testing.T) {
	tests := []struct {
		dir   string
		file  string // of the first error
		line  int
		field string
	}{
		{"badutf8", "unix_referentiel_code_rome_v347_utf8.csv", 3, "libelle_rome"},
		{"columns", "unix_rubrique_mobilite_v347_utf8.csv", 3, ""},
		{"quotes", "unix_referentiel_code_rome_v347_utf8.csv", 3, ""},
		{"notype", "unix_rubrique_mobilite_v347_utf8.csv", 1, "code_type_mobilite"},
		{"badcode", "unix_referentiel_code_rome_v347_utf8.csv", 3, "code_rome"},
		{"nomobility", "", 0, ""},
	}
	for _, tt := range tests {
		g, err := LoadROME(os.DirFS(filepath.Join("testdata", "romebad", tt.dir)))
		if err == nil {
			t.Errorf("LoadROME(romebad/%s) = %d nodes, want an error", tt.dir, g.Len())
			continue
		}
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("LoadROME(romebad/%s) = %v, want ErrInvalid", tt.dir, err)
		}
		var fe *FieldError
		if tt.file == "" {
			if errors.As(err, &fe) {
				t.Errorf("LoadROME(romebad/%s) = %v, want no FieldError", tt.dir, err)
			}
			continue
		}
		if !errors.As(err, &fe) || fe.File != tt.file || fe.Line != tt.line || fe.Field != tt.field {
			t.Errorf("LoadROME(romebad/%s) = %v (%+v), want %s:%d field %q", tt.dir, err, fe, tt.file, tt.line, tt.field)
		}
	}
}

// TestLoadROMEBadAll checks that every error of a file is reported at
// once: the mobility rows with too few and too many fields, and both
// malformed codes.
func TestLoadROMEBadAll(t *testing.T) {
	for dir, want := range map[string][]string{
		"columns": {"unix_rubrique_mobilite_v347_utf8.csv:3:", "unix_rubrique_mobilite_v347_utf8.csv:4:"},
		"badcode": {"unix_referentiel_code_rome_v347_utf8.csv:3:code_rome"},
	} {
		_, err := LoadROME(os.DirFS(filepath.Join("testdata", "romebad", dir)))
		got := fieldErrorsAt(err)
		for _, w := range want {
			if !slices.Contains(got, w) {
				t.Errorf("LoadROME(romebad/%s): errors at %q, want one at %q (%v)", dir, got, w, err)
			}
		}
	}
}

// fieldErrorsAt returns "file:line:field" for every *FieldError joined in err.
func fieldErrorsAt(err error) []string {
	var out []string
	for _, fe := range testtool.ErrorsOf[*FieldError](err) {
		out = append(out, fmt.Sprintf("%s:%d:%s", fe.File, fe.Line, fe.Field))
	}
	return out
}

func TestLoadROMEFiles(t *testing.T) {
	cards := "code_rome,libelle_rome\nM1805,Études et développement informatique\n"
	mob := "code_rome,code_rome_cible,code_type_mobilite\n"
	tests := []struct {
		name string
		fsys fstest.MapFS
		ok   bool
	}{
		{"minimal", fstest.MapFS{"referentiel_code_rome.csv": {Data: []byte(cards)}, "mobilite.csv": {Data: []byte(mob)}}, true},
		{"two card files", fstest.MapFS{
			"a_referentiel_code_rome.csv": {Data: []byte(cards)}, "b_referentiel_code_rome.csv": {Data: []byte(cards)},
			"mobilite.csv": {Data: []byte(mob)}}, false},
		{"empty card file", fstest.MapFS{"referentiel_code_rome.csv": {}, "mobilite.csv": {Data: []byte(mob)}}, false},
		{"no card", fstest.MapFS{"referentiel_code_rome.csv": {Data: []byte("code_rome,libelle_rome\n")}, "mobilite.csv": {Data: []byte(mob)}}, false},
		{"duplicate card", fstest.MapFS{"referentiel_code_rome.csv": {Data: []byte(cards + "M1805,Autre\n")}, "mobilite.csv": {Data: []byte(mob)}}, false},
		{"missing title column", fstest.MapFS{"referentiel_code_rome.csv": {Data: []byte("code_rome\nM1805\n")}, "mobilite.csv": {Data: []byte(mob)}}, false},
	}
	for _, tt := range tests {
		g, err := LoadROME(tt.fsys)
		if (err == nil) != tt.ok {
			t.Errorf("LoadROME(%s) error = %v, want ok %v", tt.name, err, tt.ok)
		}
		if err != nil && !errors.Is(err, ErrInvalid) {
			t.Errorf("LoadROME(%s) = %v, want ErrInvalid", tt.name, err)
		}
		if err == nil && g.Job("M1805") == nil {
			t.Errorf("LoadROME(%s): no M1805", tt.name)
		}
	}
}

func TestReadAccessLevel(t *testing.T) {
	tests := []struct {
		text      string
		want      Level
		words     string
		noDiploma bool
	}{
		{"Cet emploi/métier est accessible avec un diplôme de niveau Bac+2 (BTS, DUT) à Master.", LevelBac2, "Bac+2", false},
		{"Accessible avec un diplôme de niveau Bac (professionnel, ...) à Bac + 2.", LevelBac, "Bac", false},
		{"Un Bac professionnel ou un BTS Agricole peut être demandé.", LevelBac, "Bac professionnel", false},
		{"Accessible avec un diplôme de niveau CAP/ BEP à Bac+2 (BTS).", LevelCAP, "CAP/ BEP", false},
		{"Accessible avec un Brevet de Technicien Supérieur ou un Master.", LevelBac2, "Brevet de Technicien Supérieur", false},
		{"Accessible avec un Brevet de Technicien Agricole.", LevelBac, "Brevet de Technicien", false},
		{"Accessible avec le Brevet Professionnel -BP- de préparateur en pharmacie.", LevelBac, "Brevet Professionnel", false},
		{"Accessible avec un Master (M1, Master professionnel, ...).", LevelBac4, "M1", false},
		{"Accessible avec une Licence professionnelle.", LevelBac3, "Licence professionnelle", false},
		{"Accessible avec un Master recherche complété par un Doctorat.", LevelBac5, "Master", false},
		{"Un diplôme d'école d'ingénieur est requis.", LevelBac5, "diplôme d'école d'ingénieur", false},
		{"Accessible à partir d'un niveau III à I (DUT, ...).", LevelBac2, "niveau III", false},
		{"La formation Prévention et Secours Civiques de niveau 1 -PSC1- peut être demandée.", LevelNone, "", false},
		{"Une licence et un agrément délivrés par la Direction des Douanes sont requis.", LevelNone, "", false},
		{"La possession de la licence d'agent de voyages est exigée.", LevelNone, "", false},
		{"Les permis C, C1, CE (précédemment C et EC) peuvent être requis.", LevelNone, "", false},
		{"Cet emploi/métier est accessible sans diplôme ni expérience professionnelle. Un CAP/BEP peut en faciliter l'accès.", LevelNone, "sans diplôme", true},
		{"Il est également accessible sans diplôme particulier pour les surveillants.", LevelNone, "sans diplôme particulier", true},
		{"Accessible avec un CAP. Il peut être accessible sans diplôme et avec expérience.", LevelCAP, "CAP", false},
		{"Accessible avec un CAP. Il est également accessible avec une expérience professionnelle sans diplôme particulier.", LevelCAP, "CAP", false},
		{"Accessible avec un diplôme de fin d'études secondaires (brevet des collèges) à Bac.", LevelNone, "diplôme de fin d'études secondaires", false},
		{"Le dans le but de la CAPES.", LevelNone, "", false},
	}
	for _, tt := range tests {
		r := readAccessLevel(tt.text)
		if r.Level != tt.want || r.Text != tt.words || r.NoDiploma != tt.noDiploma {
			t.Errorf("readAccessLevel(%q) = %q %q no diploma %v, want %q %q %v", tt.text, r.Level, r.Text, r.NoDiploma, tt.want, tt.words, tt.noDiploma)
		}
	}
}

func TestROMESplitGender(t *testing.T) {
	tests := []struct {
		in, masc, fem string
	}{
		{"Développeur / Développeuse web", "Développeur web", "Développeuse web"},
		{"Assistant / Assistante de direction", "Assistant de direction", "Assistante de direction"},
		{"Directeur adjoint / Directrice adjointe de PME/PMI", "Directeur adjoint de PME/PMI", "Directrice adjointe de PME/PMI"},
		{"Graphiste dessinateur / dessinatrice - films d'animation", "Graphiste dessinateur - films d'animation", "Graphiste dessinatrice - films d'animation"},
		{"Cariste chargeur/déchargeur / chargeuse/déchargeuse", "Cariste chargeur/déchargeur", "Cariste chargeuse/déchargeuse"},
		{"Hôte / Hôtesse de golf/mini golf", "Hôte de golf/mini golf", "Hôtesse de golf/mini golf"},
		{"Layout man / woman", "", ""},
		{"Agent / Agente d'administration principal / principale des douanes", "", ""},
		{"Data scientist", "", ""},
	}
	for _, tt := range tests {
		m, f, ok := romeSplitGender(tt.in)
		if m != tt.masc || f != tt.fem || ok != (tt.masc != "") {
			t.Errorf("romeSplitGender(%q) = %q, %q, %v; want %q, %q", tt.in, m, f, ok, tt.masc, tt.fem)
		}
	}
}

// TestROMENeedsSpacing checks that romeNeedsSpacing says false only of
// texts strings.Fields and a join would leave as they are, on every field
// of the embedded releases and on texts with odd spaces.
func TestROMENeedsSpacing(t *testing.T) {
	texts := []string{"a b", " a", "a ", "a  b", "a\tb", "a\u00a0b", "a\u2009b", "a\u3000b", "a\u0085b", "a\u1680b",
		"l’emploi « de » x", "°C", "\xe2\x80", "\xc2", "a \u202fb", "ab\u2028", ""}
	for _, fsys := range []fs.FS{data.ROME4(), data.ROME()} {
		names, err := fs.Glob(fsys, "*.csv")
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range names {
			f, err := fsys.Open(n)
			if err != nil {
				t.Fatal(err)
			}
			tab, errs := readCSVTable(f, n, csvOptions{maxSize: maxROMEFile}) // every column
			f.Close()
			if errs != nil {
				t.Fatal(errs)
			}
			texts = append(texts, tab.cells...)
		}
	}
	for _, s := range texts {
		same := strings.Join(strings.Fields(s), " ") == s
		if !romeNeedsSpacing(s) && !same {
			t.Errorf("romeNeedsSpacing(%q) = false, but Fields changes it", s)
		}
	}
}
