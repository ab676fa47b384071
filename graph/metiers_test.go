package graph

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/pathways-fr/pathways/data"
	"github.com/pathways-fr/pathways/internal/synthetic"
	"github.com/pathways-fr/pathways/internal/testtool"
)

// where is the position of a FieldError.
type where struct {
	line  int
	field string
}

func load(src string) (*Graph, error) { return LoadMetiers(strings.NewReader(src), "test.json") }

func TestLoadMetiersRefuses(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want []where
		is   error // also wrapped, besides ErrInvalid
	}{{
		name: "missing id and title",
		src: `{
  "jobs": [
    {"title": "A"},
    {"id": "b",
     "title": "  "}
  ]
}`,
		want: []where{{3, "jobs[0].id"}, {4, "jobs[1].title"}},
	}, {
		name: "duplicate id",
		src: `{
  "jobs": [
    {
      "id": "a",
      "title": "A"
    },
    {
      "id": "a",
      "title": "B"
    }
  ]
}`,
		want: []where{{7, "jobs[1].id"}},
		is:   ErrDuplicateID,
	}, {
		name: "bad level",
		src: `{"jobs": [
  {"id": "a", "title": "A", "level_text": "Bac +2"},
  {"id": "b", "title": "B", "level_text": "licence de pilote"}
]}`,
		want: []where{{3, "jobs[1].level_text"}},
		is:   ErrUnknownLevel,
	}, {
		name: "unknown family",
		src: `{"families": [{"id": "f", "title": "F"}],
"jobs": [
  {"id": "a", "title": "A", "family": "f"},
  {"id": "b", "title": "B", "family": "g"}
]}`,
		want: []where{{4, "jobs[1].family"}},
	}, {
		name: "ids that are not slugs",
		src: `{"jobs": [
  {"id": "Avec Espace", "title": "A"},
  {"id": "ext-a", "title": "B"},
  {"id": "level-bac", "title": "C"}
]}`,
		want: []where{{2, "jobs[0].id"}, {3, "jobs[1].id"}, {4, "jobs[2].id"}},
	}, {
		name: "every problem at once",
		src: `{"families": [{"id": "f", "title": "F"}],
"jobs": [
  {"id": "a", "title": "A", "family": "nope"},
  {"id": "a", "title": "B"},
  {"id": "c", "title": "", "level_text": "bac+9"},
  {"title": "D"}
]}`,
		want: []where{{3, "jobs[0].family"}, {4, "jobs[1].id"}, {5, "jobs[2].title"}, {5, "jobs[2].level_text"}, {6, "jobs[3].id"}},
	}, {
		name: "edges to nowhere",
		src: `{
  "jobs": [
    {"id": "a", "title": "A"},
    {"id": "b", "title": "B"}
  ],
  "edges": [
    {"from": "a", "to": "b"},
    {"from": "a", "to": "zz"},
    {"from": "yy",
     "to": "b", "type": "evolution"},
    {"from": "b", "to": "a", "type": "promotion"}
  ]
}`,
		want: []where{{8, "edges[1]"}, {9, "edges[2]"}, {11, "edges[3].type"}},
		is:   ErrDangling,
	}, {
		name: "invalid UTF-8",
		src:  "{\"jobs\": [\n  {\"id\": \"a\",\n   \"title\": \"caf\xe9\"}\n]}",
		want: []where{{3, ""}},
	}, {
		name: "broken JSON",
		src: `{"jobs": [
  {"id": "a", "title": "A"}
  {"id": "b", "title": "B"}
]}`,
		want: []where{{3, "jobs[1]"}},
	}, {
		name: "unknown field in a job",
		src: `{"jobs": [
  {"id": "a", "title": "A"},
  {"id": "b", "title": "B",
   "colour": "red"}
]}`,
		want: []where{{3, "jobs[1]"}},
	}, {
		name: "unknown field",
		src: `{
  "jobs": [{"id": "a", "title": "A"}],
  "colour": "red"
}`,
		want: []where{{3, "colour"}},
	}, {
		name: "wrong type",
		src: `{
  "jobs": [
    {"id": "a", "title": "A"},
    {"id": "b",
     "title": 5}
  ]
}`,
		want: []where{{5, "jobs[1].title"}},
	}, {
		name: "wrong type outside jobs",
		src: `{
  "jobs": [{"id": "a", "title": "A"}],
  "families": [
    {"id": "f",
     "title": ["F"]}
  ]
}`,
		want: []where{{5, "families.title"}},
	}, {
		name: "trailing garbage",
		src: `{"jobs": [{"id": "a", "title": "A"}]}

}`,
		want: []where{{3, ""}},
	}, {
		name: "field given twice",
		src: `{
  "jobs": [{"id": "a", "title": "A"}],
  "dataset": "x",
  "dataset": "y"
}`,
		want: []where{{4, ""}},
	}, {
		name: "job field given twice",
		src: `{"jobs": [
  {"id": "a", "title": "A",
   "title": "B"}
]}`,
		want: []where{{3, "jobs[0]"}},
	}, {
		name: "not an object",
		src:  "\n[]",
		want: []where{{2, ""}},
	}, {
		name: "no job",
		src:  `{"jobs": []}`,
		want: []where{{0, "jobs"}},
	}, {
		name: "empty file",
		src:  "",
		want: []where{{1, ""}},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			g, err := load(tc.src)
			if err == nil {
				t.Fatalf("LoadMetiers loaded %d nodes, want an error", g.Len())
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("LoadMetiers error %v does not wrap ErrInvalid", err)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("LoadMetiers error %v does not wrap %v", err, tc.is)
			}
			var got []where
			for _, fe := range testtool.ErrorsOf[*FieldError](err) {
				if fe.File != "test.json" {
					t.Errorf("FieldError %q names file %q, want test.json", fe, fe.File)
				}
				got = append(got, where{fe.Line, fe.Field})
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("LoadMetiers errors at %v, want %v\n%v", got, tc.want, err)
			}
		})
	}
}

// TestFieldErrorString checks the form of a located error: file, line,
// field, then the cause, as compilers print them.
func TestFieldErrorString(t *testing.T) {
	cause := errors.New("cause")
	for _, tc := range []struct {
		e    FieldError
		want string
	}{
		{FieldError{File: "f.json", Line: 3, Field: "jobs[1].id", Err: cause}, "f.json:3: jobs[1].id: cause"},
		{FieldError{File: "f.json", Field: "jobs", Err: cause}, "f.json: jobs: cause"},
		{FieldError{Line: 2, Err: cause}, ":2: cause"},
		{FieldError{Err: cause}, "cause"},
	} {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("%#v.Error() = %q, want %q", tc.e, got, tc.want)
		}
		if !errors.Is(&tc.e, cause) {
			t.Errorf("%#v does not wrap its cause", tc.e)
		}
	}
}

func TestLoadMetiersOddTitles(t *testing.T) {
	titles := []string{`Chef "de" projet`, "Développeur <script>alert(1)</script>", "R&D & Co", "Titre sur\ndeux lignes", "Expert \u202egnissecorp\u202c données", "Œnologue numérique"}
	var jobs []string
	for i, ti := range titles {
		q := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(ti)
		jobs = append(jobs, fmt.Sprintf(`{"id": "job-%d", "title": "%s", "has_card": true, "perspectives": ["%s"]}`, i, q, q))
	}
	g, err := load(`{"jobs": [` + strings.Join(jobs, ",\n") + `]}`)
	if err != nil {
		t.Fatalf("LoadMetiers: %v", err)
	}
	for i, ti := range titles {
		id := JobID(fmt.Sprintf("job-%d", i))
		j := g.Job(id)
		if j == nil || j.Title != ti {
			t.Errorf("Job(%s) = %+v, want title %q", id, j, ti)
			continue
		}
		// Each card names itself: the phrase resolves by title to the job,
		// whose self-loop is kept and reported.
		if n, _ := g.Index(id); len(g.Out(n)) != 1 || g.Out(n)[0].Node != n {
			t.Errorf("Out(%s) = %v, want the self-evolution its card prints", id, g.Out(n))
		}
	}
	self := 0
	for _, p := range g.Problems() {
		if p.Code == "self-evolution" {
			self++
		}
	}
	if self != len(titles) {
		t.Errorf("%d self-evolution problems, want %d", self, len(titles))
	}
}

// TestPhraseResolution checks how perspective phrases are tied to nodes,
// on a small repertoire that has each case once.
func TestPhraseResolution(t *testing.T) {
	g, err := load(`{
  "jobs": [
    {"id": "dev", "title": "Développeur", "synonyms": ["Programmeur", "Codeur"], "level_text": "Bac +2", "has_card": true,
     "perspectives": ["Chef de projet", "Analystes-programmeurs", "DSI", "Codeur", "Urbaniste", "Études et développement informatique", "Pilote", "Chefs de projets", "Développeur"]},
    {"id": "chef", "title": "Chef de projet", "synonyms": ["Pilote"], "level_text": "Bac +5", "has_card": true,
     "perspectives": ["Directeur des systèmes d’information", "Lead", "Commercial Web", "Direction des systèmes d'information", "Vers les métiers du management"]},
    {"id": "dsi", "title": "Directeur des systèmes d’information", "synonyms": ["Pilote", "Lead", "Commercial"], "level_text": "Bac +5"},
    {"id": "analyste", "title": "Analyste", "synonyms": ["Analyste programmeur"]},
    {"id": "com", "title": "Commercial"}
  ],
  "names": [{"job": "dsi", "text": "DSI", "kind": "acronym", "quote": "(DSI)"}],
  "phrase_aliases": [{"phrase": "Lead", "job": "chef", "note": "reviewed"}, {"phrase": "Commercial Web", "job": "com", "note": "reviewed"}],
  "rome_links": [
    {"job": "dev", "code": "M1805", "title": "Études et développement informatique", "why": "revu"},
    {"job": "chef", "code": "M1803", "title": "Direction des systèmes d’information", "why": "revu"},
    {"job": "dsi", "code": "M1803", "title": "Direction des systèmes d’information", "why": "revu"}
  ]
}`)
	if err != nil {
		t.Fatalf("LoadMetiers: %v", err)
	}
	got := string(edgeList(g))
	want := strings.Join([]string{
		// "Lead" is a synonym of dsi only: a printed synonym comes before
		// the alias table, and both phrases make one edge.
		"chef\tcom\tevolution\talias\tCommercial Web",
		// Two jobs belong to ROME card M1803: the phrase leads to each
		// but chef itself.
		"chef\tdsi\tevolution\ttitle | synonym | domain\tDirecteur des systèmes d’information | Lead | Direction des systèmes d'information",
		"chef\text-vers-les-metiers-du-management\tevolution\texternal\tVers les métiers du management",
		"dev\tanalyste\tevolution\tsynonym\tAnalystes-programmeurs",
		"dev\tchef\tevolution\ttitle | title\tChef de projet | Chefs de projets",
		"dev\tdev\tevolution\tsynonym | domain | title\tCodeur | Études et développement informatique | Développeur",
		"dev\tdsi\tevolution\talias\tDSI",
		"dev\text-pilote\tevolution\texternal\tPilote",
		"dev\text-urbaniste\tevolution\texternal\tUrbaniste",
		"level-bac+2\tdev\taccess\tlevel\tNiveau minimum d’accès : Bac +2",
		"level-bac+5\tchef\taccess\tlevel\tNiveau minimum d’accès : Bac +5",
		"level-bac+5\tdsi\taccess\tlevel\tNiveau minimum d’accès : Bac +5",
	}, "\n") + "\n"
	if got != want {
		t.Errorf("edges:\n%s\nwant:\n%s\ndiff:\n%s", got, want, testtool.LineDiff(want, got))
	}
	codes := map[string]int{}
	for _, p := range g.Problems() {
		codes[p.Code]++
	}
	// "Pilote" names chef and dsi; "Codeur", the domain and "Développeur"
	// name dev itself; "Analyste programmeur" (synonym of analyste) is not
	// the title of another job, so no name collision.
	// "Commercial Web" goes by alias to com, whose title is a synonym of
	// dsi: reported, as the name "Commercial" itself.
	for code, n := range map[string]int{"ambiguous-phrase": 1, "self-evolution": 3, "domain-match": 1, "no-card": 3,
		"name-collision": 1, "alias-collision": 1, "ambiguous-domain": 1, "direction": 1} {
		if codes[code] != n {
			t.Errorf("problems %q: %d, want %d (all: %v)", code, codes[code], n, codes)
		}
	}
	if j := g.Job("ext-pilote"); j == nil || j.Kind != KindExternal || j.Title != "Pilote" {
		t.Errorf(`Job("ext-pilote") = %+v, want the external role "Pilote"`, j)
	}
	if j := g.Job("ext-vers-les-metiers-du-management"); j == nil || j.Kind != KindDirection {
		t.Errorf(`Job("ext-vers-les-metiers-du-management") = %+v, want a direction`, j)
	}
	for _, e := range g.Edges() {
		for _, ev := range e.Evidence {
			if want := map[Match]int{MatchDomain: 2}[ev.Match]; ev.Candidates != want && ev.Text != "Études et développement informatique" {
				t.Errorf("edge %s → %s, evidence %q: %d candidates, want %d", e.From, e.To, ev.Text, ev.Candidates, want)
			}
		}
	}
}

func TestExplicitEdges(t *testing.T) {
	g, err := load(`{"jobs": [
  {"id": "a", "title": "A", "level_text": "BTS"},
  {"id": "b", "title": "B", "level_text": "Master"}
],
"edges": [
  {"from": "a", "to": "b", "evidence": "A devient B"},
  {"from": "a", "to": "b", "type": "evolution", "evidence": "encore"},
  {"from": "b", "to": "a", "type": "proche", "evidence": "B proche de A"}
]}`)
	if err != nil {
		t.Fatalf("LoadMetiers: %v", err)
	}
	got := string(edgeList(g))
	want := "a\tb\tevolution\ttitle | title\tA devient B | encore\n" +
		"b\ta\tproche\ttitle\tB proche de A\n" +
		"level-bac+2\ta\taccess\tlevel\tNiveau minimum d’accès : BTS\n" +
		"level-bac+5\tb\taccess\tlevel\tNiveau minimum d’accès : Master\n"
	if got != want {
		t.Errorf("edges:\n%s\nwant:\n%s", got, want)
	}
}

// TestRealRepertoire checks the embedded repertoire against the source
// text: node counts, and every level as its card prints "Niveau minimum
// d’accès".
func TestRealRepertoire(t *testing.T) {
	g := realGraph(t)
	kinds := map[Kind]int{}
	for _, j := range g.Jobs() {
		kinds[j.Kind]++
	}
	// 35 métiers (31 cards and 4 named only in family introductions), the
	// 6 levels, 27 distinct perspective phrases that name no job and one
	// direction; 81 perspectives, of which the 12 titles of a ROME card
	// with several jobs lead to each (Direction des SI ×4 to 2, Études et
	// développement ×1 to 4, Expertise et support ×3 to 4): 97 evolution
	// edges, and 31 access edges.
	if kinds[KindJob] != 35 || kinds[KindLevel] != 6 || kinds[KindExternal] != 27 || kinds[KindDirection] != 1 || len(g.Edges()) != 128 {
		t.Errorf("nodes by kind %v and %d edges; want 35 jobs, 6 levels, 27 external roles, 1 direction, 128 edges", kinds, len(g.Edges()))
	}
	want := map[Level][]JobID{
		// TECHNICIEN DE MAINTENANCE ET SUPPORT CLIENT: "Niveau minimum d’accès : Bac".
		LevelBac: {"technicien-maintenance-support"},
		LevelBac2: {"administrateur-base-de-donnees", "analyste-trafic", "charge-clientele", "community-media-manager",
			"consultant-expert-metier", "developpeur-multimedia", "developpeur-web", "developpeur-web-mobile",
			"directeur-artistique", "ingenieur-etudes-developpement", "marketeur-digital", "responsable-cybersecurite",
			"technicien-reseaux-cloud", "web-designer"},
		LevelBac3: {"charge-referencement", "designer-experience", "expert-propriete-intellectuelle"},
		// ARCHITECTE CLOUD/RÉSEAUX, INGÉNIEUR CLOUD/RÉSEAUX, INGÉNIEUR D’AFFAIRES print "Bac +4/5".
		LevelBac4: {"architecte-cloud-reseaux", "data-analyst", "data-scientist", "ingenieur-affaires", "ingenieur-cloud-reseaux"},
		LevelBac5: {"architecte-logiciel", "directeur-systemes-information", "ergonome", "ingenieur-avant-vente",
			"manager-equipe", "manager-projet", "responsable-securite-si", "responsable-strategie-prospective"},
		// Named only in family introductions, without a card.
		LevelNone: {"charge-relations-ecosysteme", "coach-agile", "expert-protection-donnees", "ingenieur-commercial"},
	}
	got := map[Level][]JobID{}
	for _, j := range g.Jobs() {
		if j.Kind == KindJob {
			got[j.Level] = append(got[j.Level], j.ID)
		}
	}
	for l, ids := range want {
		if !slices.Equal(got[l], ids) {
			t.Errorf("jobs at level %q = %v, want %v", l, got[l], ids)
		}
		if l == LevelNone {
			continue
		}
		lv, _ := g.Index(LevelID(l))
		var entry []JobID
		for _, a := range g.Out(lv) {
			entry = append(entry, g.Node(a.Node).ID)
		}
		if !slices.Equal(entry, ids) {
			t.Errorf("Out(%s) = %v, want %v", LevelID(l), entry, ids)
		}
	}
	if n := len(got[LevelCAP]); n != 0 {
		t.Errorf("%d jobs at CAP; no card prints it", n)
	}
}

// TestRealNames checks the reviewed names of the repertoire: each is
// printed in the source.
func TestRealNames(t *testing.T) {
	g := realGraph(t)
	for _, tc := range []struct {
		name string
		id   JobID
		kind NameKind
	}{
		{"DSI", "directeur-systemes-information", NameAcronym}, // "Le directeur des systèmes d’information (DSI)"
		{"RSSI", "responsable-securite-si", NameAcronym},       // "Le responsable sécurité des systèmes d’information (RSSI)"
		{"UX Designer", "designer-experience", NameAcronym},    // "(User eXperience Designer – UX Designer)"
		{"Webdesigner", "web-designer", NameAlias},             // "Le webdesigner (ou designer d'interfaces web)"
		{"Architecte applicatif", "architecte-logiciel", NameSynonym},
	} {
		var found []JobID
		for _, e := range g.NamesByKey(Key(tc.name)) {
			en := g.Names()[e]
			if en.Kind == tc.kind {
				found = append(found, g.Node(en.Node).ID)
			}
		}
		if !slices.Equal(found, []JobID{tc.id}) {
			t.Errorf("NamesByKey(%q) of kind %s = %v, want [%s]", Key(tc.name), tc.kind, found, tc.id)
		}
	}
	// Prefix search over the words of every name.
	lo, hi := g.WordPrefix("architect")
	var words []string
	for w := lo; w < hi; w++ {
		words = append(words, g.Words()[w])
	}
	if !slices.Equal(words, []string{"architecte", "architecture"}) {
		t.Errorf("WordPrefix(architect) = %v, want [architecte architecture]", words)
	}
}

// TestLoadMetiersReadsAsEncodingJSON checks that the decoder reads what
// encoding/json's Unmarshal read: member names in any case, null for a
// list, escapes. (A member given twice, which Unmarshal read as the last
// one, is an error: see TestLoadMetiersRefuses.)
func TestLoadMetiersReadsAsEncodingJSON(t *testing.T) {
	for _, tc := range []struct {
		src   string
		title string // of job a
		edges int    // explicit edges loaded
	}{
		{`{"jobs":[{"id":"a","title":"A"},{"id":"b","title":"B"}],"edges":[{"From":"a","TO":"b","Type":"proche"}]}`, "A", 1},
		{`{"jobs":[{"id":"a","title":"A"}],"edges":null,"names":null}`, "A", 0},
		{"{\"jobs\" :\r\n [ {\"id\":\"a\",\"title\":\"A\\u00e9 \\\"x\\\"\"} ]\t}\n", `Aé "x"`, 0},
	} {
		g, err := load(tc.src)
		if err != nil {
			t.Errorf("LoadMetiers(%q): %v", tc.src, err)
			continue
		}
		edges := 0
		for _, e := range g.Edges() {
			if e.Type != Access {
				edges++
			}
		}
		if j := g.Job("a"); j == nil || j.Title != tc.title || edges != tc.edges {
			t.Errorf("LoadMetiers(%q): job a %+v and %d edges, want title %q and %d edges", tc.src, j, edges, tc.title, tc.edges)
		}
	}
}

// TestLoadMetiersEdgesAnywhere checks that where the list of edges stands
// in the document changes nothing: the graph is built while the edges are
// decoded when the list comes last after the jobs, and after decoding
// when the list comes first (its ends are then found by the builder) or
// another member follows it (the build begun alongside is dropped).
func TestLoadMetiersEdgesAnywhere(t *testing.T) {
	doc := synthetic.Generate(synthetic.Options{Jobs: 300, Edges: 20_000, Seed: 3})
	members := map[string]string{}
	dec := jsontext.NewDecoder(bytes.NewReader(doc))
	if _, err := dec.ReadToken(); err != nil {
		t.Fatal(err)
	}
	for dec.PeekKind() == '"' {
		tok, err := dec.ReadToken()
		if err != nil {
			t.Fatal(err)
		}
		name := tok.String()
		v, err := dec.ReadValue()
		if err != nil {
			t.Fatal(err)
		}
		members[name] = string(v)
	}
	members["names"] = "[]"
	orders := map[string][]string{
		"edges last":    {"dataset", "title", "version", "families", "jobs", "edges"},
		"edges first":   {"edges", "dataset", "title", "version", "families", "jobs"},
		"names after":   {"dataset", "title", "version", "families", "jobs", "edges", "names"},
		"edges between": {"dataset", "title", "jobs", "edges", "version", "families"},
	}
	write := func(order []string, edges string) string {
		var b strings.Builder
		b.WriteString("{")
		for i, k := range order {
			if i > 0 {
				b.WriteString(",\n")
			}
			v := members[k]
			if k == "edges" {
				v = edges
			}
			fmt.Fprintf(&b, "%q: %s", k, v)
		}
		b.WriteString("}")
		return b.String()
	}
	want, err := load(write(orders["edges last"], members["edges"]))
	if err != nil {
		t.Fatal(err)
	}
	// A dangling edge and an unknown type, at the end of the list.
	a := want.Jobs()[0].ID
	bad := fmt.Sprintf(`%s,{"from":"nowhere","to":%q},{"from":%q,"to":%q,"type":"x"}]`, strings.TrimSuffix(members["edges"], "]"), a, a, a)
	for name, order := range orders {
		g, err := load(write(order, members["edges"]))
		switch {
		case err != nil:
			t.Errorf("%s: %v", name, err)
		case !reflect.DeepEqual(g.Edges(), want.Edges()) || !reflect.DeepEqual(g.Jobs(), want.Jobs()) ||
			!reflect.DeepEqual(g.Problems(), want.Problems()) || !reflect.DeepEqual(g.Names(), want.Names()):
			t.Errorf("%s: the graph differs from the one with the edges last", name)
		}
		_, err = load(write(order, bad))
		var fields []string
		for _, fe := range testtool.ErrorsOf[*FieldError](err) {
			fields = append(fields, fe.Field)
		}
		if !slices.Equal(fields, []string{"edges[20000]", "edges[20001].type"}) {
			t.Errorf("%s, with a dangling edge and an unknown type: errors in %q, want edges[20000] and edges[20001].type", name, fields)
		}
	}
}

// BenchmarkLoadMetiers measures LoadMetiers from bytes in memory to the
// graph with its index: the "chargement" rows of docs/PERFORMANCE.md.
// The 100k/1M repertoire is the one its target "load of 100k/1M < 3 s"
// names. cpu-ns/op is the processor time of the whole process per load
// (the collector's included), steadier than ns/op on a shared machine.
func BenchmarkLoadMetiers(b *testing.B) {
	for _, bc := range []struct {
		name string
		doc  func() []byte
	}{
		{"metiers", data.Metiers},
		{"synthetic-10k-100k", func() []byte { return synthetic.Generate(synthetic.Options{Jobs: 10_000, Edges: 100_000, Seed: 1}) }},
		{"synthetic-100k-1m", func() []byte { return synthetic.Generate(synthetic.Options{Jobs: 100_000, Edges: 1_000_000, Seed: 1}) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			doc := bc.doc()
			b.SetBytes(int64(len(doc)))
			b.ReportAllocs()
			cpu := testtool.CPUTime(b)
			for b.Loop() {
				if _, err := LoadMetiers(bytes.NewReader(doc), bc.name+".json"); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(testtool.CPUTime(b)-cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}
