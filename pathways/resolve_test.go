package pathways

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/fixture"
)

// loadJSON loads a small repertoire written for a test.
func loadJSON(t testing.TB, src string) *graph.Graph {
	t.Helper()
	g, err := graph.LoadMetiers(strings.NewReader(src), "test.json")
	if err != nil {
		t.Fatalf("LoadMetiers: %v", err)
	}
	return g
}

// connectedPair returns the titles of the first two jobs of g, in a fixed
// order, between which Shortest finds at least n routes.
func connectedPair(t testing.TB, g *graph.Graph, n int) (from, to string) {
	t.Helper()
	var jobs []int32
	for i := range int32(g.Len()) {
		if g.Node(i).Kind == graph.KindJob {
			jobs = append(jobs, i)
		}
	}
	for _, a := range jobs {
		for k := len(jobs) - 1; k >= 0; k-- {
			b := jobs[k]
			doc, err := Shortest(g, Endpoint{Nodes: []int32{a}}, []int32{b}, Options{K: n})
			if err == nil && len(doc.Paths) == n && doc.Paths[0].Hops >= 2 {
				return g.Node(a).Title, g.Node(b).Title
			}
		}
	}
	t.Fatalf("no two jobs with %d routes between them", n)
	return "", ""
}

func ids(g *graph.Graph, nodes []int32) []graph.JobID {
	out := make([]graph.JobID, len(nodes))
	for i, n := range nodes {
		out[i] = g.Node(n).ID
	}
	return out
}

// queryError checks that err is a query error wrapping sentinel, with code.
func queryError(t *testing.T, call string, err error, sentinel error, code string) *Error {
	t.Helper()
	if !errors.Is(err, sentinel) {
		t.Errorf("%s error %v, want %v", call, err, sentinel)
	}
	var qe *Error
	if !errors.As(err, &qe) {
		t.Errorf("%s error %v is not an *Error", call, err)
		return nil
	}
	if qe.Code != code {
		t.Errorf("%s error code %q, want %q", call, qe.Code, code)
	}
	if qe.Message == "" {
		t.Errorf("%s error has no message", call)
	}
	return qe
}

func TestResolve(t *testing.T) {
	g := fixture.Metiers(t)
	for _, tc := range []struct {
		text string
		id   graph.JobID
		how  string
	}{
		{"DSI", "directeur-systemes-information", "acronym"}, // "Le directeur des systèmes d’information (DSI)"
		{"dsi", "directeur-systemes-information", "acronym"},
		{"RSSI", "responsable-securite-si", "acronym"},    // "Le responsable sécurité des systèmes d’information (RSSI)"
		{"UX designer", "designer-experience", "acronym"}, // "(User eXperience Designer – UX Designer)"
		{"UX", "designer-experience", "words"},            // the first word of "UX Designer"
		{"Developpeur Web", "developpeur-web", "title"},   // accents and case never matter
		{"DÉVELOPPEUR MULTIMÉDIA", "developpeur-multimedia", "title"},
		{"développeurs web", "developpeur-web", "title"}, // plurals neither
		{"administrateur de bases de données", "administrateur-base-de-donnees", "title"},
		{"web-designer", "web-designer", "id"},
		{"Web designer", "web-designer", "title"},
		{"webdesigner", "web-designer", "alias"},                    // "Le webdesigner (ou designer d'interfaces web)"
		{"Architecte applicatif", "architecte-logiciel", "synonym"}, // "Synonymes : Architecte applicatif ; Software Design Specialist."
		{"scientifique des données", "data-scientist", "synonym"},   // "Synonymes : Scientifique des données."
		{"community manager", "community-media-manager", "alias"},   // "Le métier de community manager"
		{"chef de projet", "manager-projet", "synonym"},             // MANAGER DE PROJET: "Synonymes : Chef de projet ; ..."
		{"  architecte-logiciel ", "architecte-logiciel", "id"},
		{"urbaniste", "ext-urbaniste", "title"}, // a perspective of ARCHITECTE LOGICIEL, not a job
	} {
		res, err := Resolve(g, tc.text, 10)
		if err != nil {
			t.Errorf("Resolve(%q) error %v", tc.text, err)
			continue
		}
		if len(res.Matches) == 0 || res.Matches[0].ID != tc.id || res.Matches[0].How != tc.how {
			t.Errorf("Resolve(%q) = %+v, want first %s by %s", tc.text, res.Matches, tc.id, tc.how)
		}
		if res.Query != tc.text {
			t.Errorf("Resolve(%q).Query = %q", tc.text, res.Query)
		}
		for i := 1; i < len(res.Matches); i++ {
			if a, b := res.Matches[i-1], res.Matches[i]; compareMatches(g, a, b) > 0 || a.Kind == b.Kind && b.Score > a.Score {
				t.Errorf("Resolve(%q) not best first at %d", tc.text, i)
			}
		}
	}
}

func TestResolveLimit(t *testing.T) {
	g := fixture.Metiers(t)
	res, err := Resolve(g, "ingénieur", 3)
	if err != nil || len(res.Matches) != 3 {
		t.Errorf("Resolve(ingénieur, 3) = %d matches, %v; want 3", len(res.Matches), err)
	}
	for _, limit := range []int{0, -1} {
		_, err := Resolve(g, "ingénieur", limit)
		queryError(t, fmt.Sprintf("Resolve(ingénieur, %d)", limit), err, ErrBadQuery, CodeOutOfRange)
	}
}

func TestFind(t *testing.T) {
	g := fixture.Metiers(t)
	for _, tc := range []struct {
		text string
		want []graph.JobID
	}{
		// Two cards are titled "TECHNICIEN …": RÉSEAUX/CLOUD and DE
		// MAINTENANCE ET SUPPORT CLIENT.
		{"technicien", []graph.JobID{"technicien-maintenance-support", "technicien-reseaux-cloud"}},
		{"Technicien", []graph.JobID{"technicien-maintenance-support", "technicien-reseaux-cloud"}},
		// ARCHITECTE LOGICIEL and ARCHITECTE CLOUD/RÉSEAUX; "Architecte
		// système" (a perspective of ADMINISTRATEUR DE BASE DE DONNÉES) names
		// no job and gives way to them.
		{"architecte", []graph.JobID{"architecte-cloud-reseaux", "architecte-logiciel"}},
		{"archi", []graph.JobID{"architecte-cloud-reseaux", "architecte-logiciel"}},
		// The title of the card-less métier of the commerce family pins
		// it, though it is a synonym of INGÉNIEUR D’AFFAIRES too:
		// "Synonymes : Commercial, Responsable de compte, Chargé
		// d’affaires, Ingénieur commercial."
		{"ingénieur commercial", []graph.JobID{"ingenieur-commercial"}},
		{"ingenieur-commercial", []graph.JobID{"ingenieur-commercial"}},
		// DATA ANALYST, DATA SCIENTIST: titles, before the synonyms "Data
		// stewart ; Data officer" (ADMINISTRATEUR DE BASE DE DONNÉES);
		// "Chief data officer" names no job.
		{"data", []graph.JobID{"data-analyst", "data-scientist"}},
		// COMMUNITY & MEDIA MANAGER, MANAGER D’ÉQUIPE, MANAGER DE PROJET:
		// titles, before the synonyms "Traffic manager" and "Digital
		// marketing manager".
		{"manager", []graph.JobID{"community-media-manager", "manager-equipe", "manager-projet"}},
		// "Développeur mobile" is a synonym on two cards (DÉVELOPPEUR WEB
		// MOBILE, and DIRECTEUR ARTISTIQUE whose synonyms repeat it).
		{"développeur mobile", []graph.JobID{"developpeur-web-mobile", "directeur-artistique"}},
		{"chef de projet", []graph.JobID{"manager-projet"}},
		{"Développeur web", []graph.JobID{"developpeur-web"}}, // an exact title wins over "Développeur web mobile"
		{"DSI", []graph.JobID{"directeur-systemes-information"}},
		{"administrateur de bases de données", []graph.JobID{"administrateur-base-de-donnees"}},
		{"web-designer", []graph.JobID{"web-designer"}},
		{"urbaniste", []graph.JobID{"ext-urbaniste"}}, // exact, though "Urbaniste réseaux" is a synonym of a job
	} {
		nodes, err := Find(g, tc.text)
		if err != nil {
			t.Errorf("Find(%q) error %v", tc.text, err)
			continue
		}
		if got := ids(g, nodes); !slices.Equal(got, tc.want) {
			t.Errorf("Find(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

func TestFindUnknown(t *testing.T) {
	g := fixture.Metiers(t)
	for _, tc := range []struct {
		text string
		want []string // suggestions, in any order
	}{
		{"tecnicien", []string{"technicien-maintenance-support", "technicien-reseaux-cloud"}},
		{"tecnicien reseau", []string{"technicien-reseaux-cloud"}},
		{"architekte logiciel", []string{"architecte-logiciel"}},
		{"xyzzy", nil},
		{"Bac +2", nil}, // a level is not a job
	} {
		_, err := Find(g, tc.text)
		qe := queryError(t, "Find("+tc.text+")", err, ErrUnknownJob, CodeUnknownJob)
		if qe == nil {
			continue
		}
		var got []string
		for _, s := range qe.Suggestions {
			got = append(got, s.ID)
			if s.Title != g.Job(graph.JobID(s.ID)).Title {
				t.Errorf("Find(%q) suggestion %+v: title is not the job's", tc.text, s)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("Find(%q) suggests %v, want %v", tc.text, got, tc.want)
		}
	}
	// Many typo matches: at most MaxCandidates suggestions.
	_, err := Find(g, "developeur")
	if qe := queryError(t, "Find(developeur)", err, ErrUnknownJob, CodeUnknownJob); qe != nil {
		if len(qe.Suggestions) == 0 || len(qe.Suggestions) > MaxCandidates {
			t.Errorf("Find(developeur) suggests %v, want 1 to %d", qe.Suggestions, MaxCandidates)
		}
	}
}

func TestBadText(t *testing.T) {
	g := fixture.Metiers(t)
	for _, tc := range []struct {
		text, code string
	}{
		{"", CodeMissing},
		{" \t ", CodeMissing},
		{strings.Repeat("é", MaxTextLen+1), CodeTooLong},
		{"caf\xe9", CodeInvalid},
	} {
		_, err := Find(g, tc.text)
		queryError(t, "Find", err, ErrBadQuery, tc.code)
		_, err = Resolve(g, tc.text, 5)
		queryError(t, "Resolve", err, ErrBadQuery, tc.code)
		_, err = FindFrom(g, tc.text)
		queryError(t, "FindFrom", err, ErrBadQuery, tc.code)
		_, err = LevelEndpoint(g, tc.text)
		queryError(t, "LevelEndpoint", err, ErrBadQuery, tc.code)
		_, err = Show(g, tc.text)
		queryError(t, "Show", err, ErrBadQuery, tc.code)
	}
	if _, err := Find(g, strings.Repeat("é", MaxTextLen)); errors.Is(err, ErrBadQuery) {
		t.Errorf("Find(%d characters) error %v: the limit is %d", MaxTextLen, err, MaxTextLen)
	}
}

func TestFindFrom(t *testing.T) {
	g := fixture.Metiers(t)
	for _, tc := range []struct {
		text  string
		level graph.Level
		nodes []graph.JobID
	}{
		{"BTS", graph.LevelBac2, []graph.JobID{"level-cap", "level-bac", "level-bac+2"}},
		{"bac+2", graph.LevelBac2, []graph.JobID{"level-cap", "level-bac", "level-bac+2"}},
		{"level-bac+3", graph.LevelBac3, []graph.JobID{"level-cap", "level-bac", "level-bac+2", "level-bac+3"}},
		{"master", graph.LevelBac5, []graph.JobID{"level-cap", "level-bac", "level-bac+2", "level-bac+3", "level-bac+4", "level-bac+5"}},
		{"niveau 4", graph.LevelBac, []graph.JobID{"level-cap", "level-bac"}},
		{"CAP", graph.LevelCAP, []graph.JobID{"level-cap"}},
		{"technicien", graph.LevelNone, []graph.JobID{"technicien-maintenance-support", "technicien-reseaux-cloud"}},
		{"DSI", graph.LevelNone, []graph.JobID{"directeur-systemes-information"}},
	} {
		ep, err := FindFrom(g, tc.text)
		if err != nil || ep.Level != tc.level || !slices.Equal(ids(g, ep.Nodes), tc.nodes) {
			t.Errorf("FindFrom(%q) = %v %v, %v; want %v %v", tc.text, ep.Level, ids(g, ep.Nodes), err, tc.level, tc.nodes)
		}
	}
	_, err := FindFrom(g, "tecnicien")
	queryError(t, "FindFrom(tecnicien)", err, ErrUnknownJob, CodeUnknownJob)

	// An exact job name wins over a diploma word.
	small := loadJSON(t, `{"jobs": [{"id": "master", "title": "Master", "level_text": "bac+5"}, {"id": "b", "title": "Bachelor en poche"}]}`)
	ep, err := FindFrom(small, "Master")
	if err != nil || ep.Level != graph.LevelNone || !slices.Equal(ids(small, ep.Nodes), []graph.JobID{"master"}) {
		t.Errorf("FindFrom(Master) = %v %v, %v; want the job master", ep.Level, ids(small, ep.Nodes), err)
	}
	// A diploma word that only starts a name is the diploma.
	ep, err = FindFrom(small, "bachelor")
	if err != nil || ep.Level != graph.LevelBac3 {
		t.Errorf("FindFrom(bachelor) = %v %v, %v; want level bac+3", ep.Level, ids(small, ep.Nodes), err)
	}
}

func TestLevelEndpoint(t *testing.T) {
	g := fixture.Metiers(t)
	for _, tc := range []struct {
		text string
		want graph.Level
	}{
		{"BTS", graph.LevelBac2}, {"DUT", graph.LevelBac2}, {"licence pro", graph.LevelBac3}, {"BUT", graph.LevelBac3},
		{"Bac +4/5", graph.LevelBac4}, {"niveau 7", graph.LevelBac5}, {"bac pro", graph.LevelBac}, {"level-bac+4", graph.LevelBac4},
	} {
		ep, err := LevelEndpoint(g, tc.text)
		if err != nil || ep.Level != tc.want || len(ep.Nodes) != slices.Index(graph.Levels, tc.want)+1 {
			t.Errorf("LevelEndpoint(%q) = %v %v, %v; want %v and the levels up to it", tc.text, ep.Level, ids(g, ep.Nodes), err, tc.want)
		}
	}
	for _, text := range []string{"technicien", "astronaute", "level-bac+9", "bac+9"} {
		_, err := LevelEndpoint(g, text)
		queryError(t, "LevelEndpoint("+text+")", err, ErrBadQuery, CodeUnknownLevel)
	}
}

// TestSubmitOffersWhatTypingOffered checks issue 11's « dévelopeur »: the
// page's completion (Resolve) offers names for it while typing; a query
// submitted with it is the unknown_job error, whose suggestions are the
// same jobs in the same order, so the page can ask which one was meant.
func TestSubmitOffersWhatTypingOffered(t *testing.T) {
	g := fixture.Metiers(t)
	for _, text := range []string{"dévelopeur", "tecnicien", "technicien-maintenanse-support"} {
		res, err := Resolve(g, text, MaxCandidates)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Matches) == 0 {
			t.Fatalf("Resolve(%q): no match, want typo matches", text)
		}
		_, err = FindFrom(g, text)
		var qe *Error
		if !errors.As(err, &qe) || !errors.Is(err, ErrUnknownJob) {
			t.Fatalf("FindFrom(%q) = %v, want unknown_job", text, err)
		}
		if len(qe.Suggestions) != len(res.Matches) {
			t.Fatalf("FindFrom(%q) suggests %d jobs, Resolve offers %d", text, len(qe.Suggestions), len(res.Matches))
		}
		for i, m := range res.Matches {
			if qe.Suggestions[i].ID != string(m.ID) {
				t.Errorf("FindFrom(%q) suggestion %d = %s, Resolve offers %s", text, i, qe.Suggestions[i].ID, m.ID)
			}
		}
	}
	// A misspelt identifier is shown by its job's title, not the slug.
	res, _ := Resolve(g, "technicien-maintenanse-support", 1)
	if len(res.Matches) != 1 || res.Matches[0].Name != res.Matches[0].Title {
		t.Errorf("Resolve(technicien-maintenanse-support) = %+v, want the title as the name matched", res.Matches)
	}
}

// TestOneWordAppellationOnAll checks issue 12's « architecte » on dataset
// all: F1101's appellation « Architecte DE » reads « architecte », a word
// that begins the titles of two métiers. On all it is no name given whole:
// the métiers are meant, the text is ambiguous between them and lists them
// as candidates. On ROME 4.0 alone the appellation still pins its fiche,
// and on all a title or an ID still pins its job.
func TestOneWordAppellationOnAll(t *testing.T) {
	all := fixture.All(t)
	ep, err := FindTo(all, "architecte")
	if err != nil {
		t.Fatal(err)
	}
	var ids []graph.JobID
	for _, n := range ep.Nodes {
		ids = append(ids, all.Node(n).ID)
	}
	if want := []graph.JobID{"architecte-cloud-reseaux", "architecte-logiciel"}; !slices.Equal(ids, want) {
		t.Errorf("FindTo(all, architecte) = %v, want %v", ids, want)
	}
	if len(ep.Ambiguities) != 1 || len(ep.Ambiguities[0].Candidates) != 2 {
		t.Errorf("FindTo(all, architecte): ambiguities %+v, want the two métiers as candidates", ep.Ambiguities)
	}
	for _, text := range []string{"Architecte du bâtiment", "F1101", "architecte logiciel"} {
		ep, err := FindTo(all, text)
		if err != nil || len(ep.Nodes) != 1 || len(ep.Ambiguities) != 0 {
			t.Errorf("FindTo(all, %q) = %v, %+v, %v; want one job, no question", text, ep.Nodes, ep.Ambiguities, err)
		}
	}
	rome := fixture.ROME4(t)
	ep, err = FindTo(rome, "architecte")
	if err != nil || len(ep.Nodes) != 1 || rome.Node(ep.Nodes[0]).ID != "F1101" {
		t.Errorf("FindTo(rome, architecte) = %v, %v; want F1101 by its appellation", ep.Nodes, err)
	}
}
