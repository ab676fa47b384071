package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pathways-fr/pathways/cmd/internal/cli"
)

// cli runs the command as the shell would and returns what it wrote and
// its exit code.
func runCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), exitCode(err)
}

// decodeStrict decodes a --json document into the documented shape:
// every field it holds must be one the shape declares.
func decodeStrict(t *testing.T, s string, v any) {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("the output is not the documented document: %v\n%s", err, s)
	}
	if dec.More() {
		t.Fatalf("the output holds more than one document:\n%s", s)
	}
}

// The documents of --json, as documented, written independently of the
// pathways package.
type (
	docSummary struct {
		ID      string  `json:"id"`
		Title   string  `json:"title"`
		Kind    string  `json:"kind"`
		Family  string  `json:"family"`
		Level   *string `json:"level"`
		HasCard bool    `json:"has_card"`
	}
	docStep struct {
		ID          string  `json:"id"`
		Title       string  `json:"title"`
		Kind        string  `json:"kind"`
		Level       *string `json:"level"`
		Family      string  `json:"family"`
		Type        string  `json:"type"`
		Evidence    string  `json:"evidence"`
		Match       string  `json:"match"`
		RaisesLevel bool    `json:"raises_level"`
	}
	docEdge struct {
		From     string `json:"from"`
		To       string `json:"to"`
		Type     string `json:"type"`
		Evidence string `json:"evidence"`
		Match    string `json:"match"`
		More     []struct {
			Text  string `json:"text"`
			Match string `json:"match"`
		} `json:"more_evidence"`
	}
	docPaths struct {
		From  []docSummary `json:"from"`
		To    []docSummary `json:"to"`
		Level *string      `json:"level"`
		By    string       `json:"by"`
		K     int          `json:"k"`
		Paths []struct {
			Hops  int       `json:"hops"`
			Cost  int       `json:"cost"`
			Steps []docStep `json:"steps"`
			Edges []docEdge `json:"edges"`
		} `json:"paths"`
		Message string `json:"message"`
	}
	docReach struct {
		Start []docSummary `json:"start"`
		Level *string      `json:"level"`
		Depth *int         `json:"depth"`
		Roles []struct {
			ID       string  `json:"id"`
			Title    string  `json:"title"`
			Kind     string  `json:"kind"`
			Family   string  `json:"family"`
			Level    *string `json:"level"`
			Distance int     `json:"distance"`
			Via      *string `json:"via"`
		} `json:"roles"`
	}
	docError struct {
		Error *struct {
			Code        string `json:"code"`
			Message     string `json:"message"`
			Suggestions []struct {
				ID    string `json:"id"`
				Title string `json:"title"`
			} `json:"suggestions"`
		} `json:"error"`
	}
	docValidate struct {
		Dataset  string `json:"dataset"`
		Nodes    int    `json:"nodes"`
		Edges    int    `json:"edges"`
		Problems []struct {
			Severity string `json:"severity"`
			Code     string `json:"code"`
			Job      string `json:"job"`
			Field    string `json:"field"`
			Message  string `json:"message"`
			Quote    string `json:"quote"`
		} `json:"problems"`
	}
)

func stepIDs(steps []docStep) []string {
	var out []string
	for _, s := range steps {
		out = append(out, s.ID)
	}
	return out
}

func TestCLIPath(t *testing.T) {
	out, errs, code := runCLI(t, "path", "technicien", "architecte")
	if code != 0 || errs != "" {
		t.Fatalf("path technicien architecte: exit %d, stderr %q", code, errs)
	}
	// The first route, checked against the cards in pathways/path_test.go.
	for _, want := range []string{
		"Départ : Technicien de maintenance et support client, Technicien réseaux/cloud",
		"Arrivée : Architecte cloud/réseaux, Architecte logiciel",
		"Parcours 1 — 3 étapes",
		"  Technicien réseaux/cloud [bac+2]\n",
		"  → Administrateur de base de données [bac+2]\n      « Administrateur base de données » (title)\n",
		"  → Ingénieur études et développement [bac+2]\n      « Études et développement informatique » (domain)\n",
		"  → Architecte cloud/réseaux [bac+4]  ⚠ niveau requis plus élevé\n      « Architecte technique » (synonym)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("path technicien architecte: output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Parcours 2") {
		t.Errorf("path technicien architecte: more than one route without --k:\n%s", out)
	}
}

func TestCLIPathJSON(t *testing.T) {
	// Flags after the arguments.
	out, errs, code := runCLI(t, "path", "technicien", "architecte", "--json", "--k", "2")
	if code != 0 || errs != "" {
		t.Fatalf("path --json --k 2: exit %d, stderr %q", code, errs)
	}
	var doc docPaths
	decodeStrict(t, out, &doc)
	if doc.K != 2 || doc.By != "steps" || len(doc.Paths) != 2 || len(doc.From) != 2 || len(doc.To) != 2 {
		t.Fatalf("path --json --k 2 = k %d, by %q, %d routes, %d starts, %d ends", doc.K, doc.By, len(doc.Paths), len(doc.From), len(doc.To))
	}
	want := [][]string{
		{"technicien-reseaux-cloud", "administrateur-base-de-donnees", "ingenieur-etudes-developpement", "architecte-cloud-reseaux"},
		{"technicien-reseaux-cloud", "administrateur-base-de-donnees", "ingenieur-etudes-developpement", "architecte-logiciel"},
	}
	for i, p := range doc.Paths {
		if got := stepIDs(p.Steps); !slices.Equal(got, want[i]) || p.Hops != 3 || len(p.Edges) != 3 {
			t.Errorf("route %d = %v, %d hops, %d edges; want %v", i+1, got, p.Hops, len(p.Edges), want[i])
		}
		for k, e := range p.Edges {
			if e.Evidence == "" || e.Type != "evolution" || e.From != p.Steps[k].ID || e.To != p.Steps[k+1].ID {
				t.Errorf("route %d edge %d = %+v", i+1, k, e)
			}
		}
	}
	// The same, flags first, options spelt with one dash.
	out2, _, _ := runCLI(t, "path", "-json", "-k=2", "technicien", "architecte")
	if out2 != out {
		t.Errorf("path with flags first differs from flags last")
	}

	out, _, code = runCLI(t, "path", "BTS", "architecte logiciel", "--json", "--by", "effort")
	var lvl docPaths
	decodeStrict(t, out, &lvl)
	if code != 0 || lvl.Level == nil || *lvl.Level != "bac+2" || lvl.By != "effort" || len(lvl.Paths) != 1 || lvl.Paths[0].Edges[0].Type != "access" {
		t.Errorf("path BTS \"architecte logiciel\" --by effort = exit %d, %+v", code, lvl)
	}
}

func TestCLIPathNone(t *testing.T) {
	// DIRECTEUR DES SI leads only outside the repertoire: no route, and
	// that is an answer, not an error.
	out, errs, code := runCLI(t, "path", "DSI", "technicien")
	if code != 0 || errs != "" || !strings.Contains(out, "aucun parcours") {
		t.Errorf("path DSI technicien: exit %d, stderr %q, output:\n%s", code, errs, out)
	}
	out, _, code = runCLI(t, "path", "DSI", "technicien", "--json")
	var doc docPaths
	decodeStrict(t, out, &doc)
	if code != 0 || doc.Paths == nil || len(doc.Paths) != 0 || doc.Message == "" || !strings.Contains(out, `"paths": []`) {
		t.Errorf("path DSI technicien --json: exit %d, %s", code, out)
	}
}

func TestCLIReachable(t *testing.T) {
	out, errs, code := runCLI(t, "reachable", "--level", "BTS")
	if code != 0 || errs != "" {
		t.Fatalf("reachable --level BTS: exit %d, stderr %q", code, errs)
	}
	// Checked against the cards in pathways/reach_test.go.
	for _, want := range []string{
		"Avec un niveau bac+2, on peut viser :",
		"  0  bac+2    Développeur web  (via level-bac+2)\n",
		"  0  bac      Technicien de maintenance et support client  (via level-bac)\n",
		"  1  bac+5    Architecte logiciel  (via ingenieur-etudes-developpement)\n",
		"  2  bac+5    Manager d’équipe  (via architecte-logiciel)\n",
		"  3  bac+4    Ingénieur d’affaires  (via ingenieur-avant-vente)\n",
		"Urbaniste (hors répertoire)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("reachable --level BTS: output lacks %q:\n%s", want, out)
		}
	}
	out, _, code = runCLI(t, "reachable", "--level", "BTS", "--depth", "1", "--json")
	var doc docReach
	decodeStrict(t, out, &doc)
	if code != 0 || doc.Level == nil || *doc.Level != "bac+2" || doc.Depth == nil || *doc.Depth != 1 || len(doc.Start) != 3 {
		t.Fatalf("reachable --level BTS --depth 1 --json: exit %d, %+v", code, doc)
	}
	for _, r := range doc.Roles {
		if r.Distance > 1 {
			t.Errorf("reachable --depth 1 lists %s at distance %d", r.ID, r.Distance)
		}
	}
	// A job typed as free text, without --from.
	out, _, code = runCLI(t, "reachable", "Manager", "d’équipe")
	if code != 0 || !strings.Contains(out, "Depuis Manager d’équipe") || !strings.Contains(out, "Directeur des systèmes d’information") {
		t.Errorf("reachable Manager d’équipe: exit %d\n%s", code, out)
	}
}

func TestCLIFeeders(t *testing.T) {
	out, _, code := runCLI(t, "feeders", "Architecte logiciel", "--depth", "1")
	// The three cards whose perspectives print "Architecte logiciel".
	want := "Mènent à Architecte logiciel :\n" +
		"  1  bac+4    Architecte cloud/réseaux  (vers architecte-logiciel)\n" +
		"  1  bac+5    Ergonome  (vers architecte-logiciel)\n" +
		"  1  bac+2    Ingénieur études et développement  (vers architecte-logiciel)\n"
	if code != 0 || out != want {
		t.Errorf("feeders \"Architecte logiciel\" --depth 1: exit %d\n%s\nwant\n%s", code, out, want)
	}
}

func TestCLIValidate(t *testing.T) {
	out, _, code := runCLI(t, "validate")
	// 35 jobs, 30 external roles, 6 levels; 81 perspectives and 31 access edges.
	for _, want := range []string{"Jeu de données metiers : 71 nœuds, 112 arêtes", "0 erreur(s)", "copied-perspectives", "source-note"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("validate: exit %d, output lacks %q", code, want)
		}
	}
	out, _, code = runCLI(t, "validate", "--json")
	var doc docValidate
	decodeStrict(t, out, &doc)
	if code != 0 || doc.Dataset != "metiers" || doc.Nodes != 71 || doc.Edges != 112 || len(doc.Problems) == 0 {
		t.Errorf("validate --json: exit %d, dataset %q, %d nodes, %d edges, %d problems", code, doc.Dataset, doc.Nodes, doc.Edges, len(doc.Problems))
	}

	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte("{\"jobs\": [\n  {\"id\": \"a\", \"title\": \"A\"},\n  {\"id\": \"a\", \"title\": \"B\", \"level_text\": \"bac+9\"}\n]}\n"), 0o644)
	out, _, code = runCLI(t, "validate", "--data", bad)
	if code != cli.ExitError || !strings.Contains(out, "Données refusées") || !strings.Contains(out, "bad.json:3: jobs[1].id") || !strings.Contains(out, "bad.json:3: jobs[1].level_text") {
		t.Errorf("validate --data bad.json: exit %d\n%s", code, out)
	}
}

func TestCLIShow(t *testing.T) {
	out, _, code := runCLI(t, "show", "architecte-logiciel")
	// ARCHITECTE LOGICIEL as printed, and the cards that print it.
	for _, want := range []string{
		"Architecte logiciel (architecte-logiciel)\n",
		"Famille : Programmation et développement\n",
		"Niveau minimum d'accès : Bac +5\n",
		"Synonymes : Architecte applicatif ; Software Design Specialist\n",
		"  → Manager d’équipe (manager-equipe)  « Chef d’équipe »\n",
		"  → Urbaniste (ext-urbaniste)  « Urbaniste »\n",
		"  ← Ergonome (ergonome)  « Architecte logiciel »\n",
		"  ← Ingénieur études et développement (ingenieur-etudes-developpement)  « Architecte logiciel »\n",
	} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("show architecte-logiciel: exit %d, output lacks %q:\n%s", code, want, out)
		}
	}
	out, _, code = runCLI(t, "show", "architecte-logiciel", "--json")
	var doc struct {
		ID         string   `json:"id"`
		Title      string   `json:"title"`
		Synonyms   []string `json:"synonyms"`
		LevelText  string   `json:"level_text"`
		Evolutions []struct {
			To       string `json:"to"`
			Evidence string `json:"evidence"`
		} `json:"evolutions"`
		Feeders []struct {
			From string `json:"from"`
		} `json:"feeders"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || code != 0 {
		t.Fatalf("show --json: exit %d, %v", code, err)
	}
	if doc.ID != "architecte-logiciel" || doc.LevelText != "Bac +5" || len(doc.Synonyms) != 2 || len(doc.Evolutions) != 3 || len(doc.Feeders) != 4 {
		t.Errorf("show architecte-logiciel --json = %+v", doc)
	}
}

func TestCLIOtherCommands(t *testing.T) {
	out, _, code := runCLI(t, "resolve", "dsi")
	if code != 0 || !strings.Contains(out, "directeur-systemes-information") || !strings.Contains(out, "[acronym : DSI]") {
		t.Errorf("resolve dsi: exit %d\n%s", code, out)
	}
	out, _, code = runCLI(t, "jobs", "--json")
	var jobs struct {
		Jobs []docSummary `json:"jobs"`
	}
	decodeStrict(t, out, &jobs)
	if code != 0 || len(jobs.Jobs) != 35 {
		t.Errorf("jobs --json: exit %d, %d jobs, want 35", code, len(jobs.Jobs))
	}
	out, _, code = runCLI(t, "levels")
	if code != 0 || !strings.Contains(out, "bac      Bac       1 métier(s) : technicien-maintenance-support") {
		t.Errorf("levels: exit %d\n%s", code, out)
	}
	out, _, code = runCLI(t)
	if code != 0 || !strings.Contains(out, "Commandes :") || strings.Contains(out, "\n  gen ") {
		t.Errorf("pathways with no argument: exit %d\n%s", code, out)
	}
}

func TestCLIUnknownJob(t *testing.T) {
	out, errs, code := runCLI(t, "path", "tecnicien", "architecte")
	if code != cli.ExitUsage || out != "" {
		t.Errorf("path tecnicien architecte: exit %d, stdout %q; want %d and nothing", code, out, cli.ExitUsage)
	}
	for _, want := range []string{"« tecnicien »", "  - Technicien réseaux/cloud (technicien-reseaux-cloud)\n", "  - Technicien de maintenance et support client (technicien-maintenance-support)\n"} {
		if !strings.Contains(errs, want) {
			t.Errorf("path tecnicien architecte: stderr lacks %q:\n%s", want, errs)
		}
	}

	out, errs, code = runCLI(t, "path", "tecnicien", "architecte", "--json")
	var doc docError
	decodeStrict(t, out, &doc)
	if code != cli.ExitUsage || errs != "" || doc.Error == nil || doc.Error.Code != "unknown_job" || doc.Error.Message == "" || len(doc.Error.Suggestions) != 2 {
		t.Fatalf("path tecnicien architecte --json: exit %d, stderr %q, %s", code, errs, out)
	}
	if s := doc.Error.Suggestions; s[0].ID != "technicien-reseaux-cloud" || s[0].Title != "Technicien réseaux/cloud" {
		t.Errorf("path tecnicien architecte --json: suggestions %+v", s)
	}

	out, _, code = runCLI(t, "show", "nope", "--json")
	doc = docError{}
	decodeStrict(t, out, &doc)
	if code != cli.ExitUsage || doc.Error == nil || doc.Error.Code != "unknown_job" || doc.Error.Suggestions == nil {
		t.Errorf("show nope --json: exit %d, %s", code, out)
	}
}

func TestCLIBadUsage(t *testing.T) {
	absent := filepath.Join(t.TempDir(), "absent.json")
	for _, tc := range []struct {
		args     []string
		code     string // of the --json error document
		says     string // on stderr
		exitWant int
	}{
		{[]string{"path", "technicien", "architecte", "--k", "0"}, "out_of_range", "k doit être compris entre 1 et 10", cli.ExitUsage},
		{[]string{"path", "technicien", "architecte", "--k", "11"}, "out_of_range", "k doit être compris entre 1 et 10", cli.ExitUsage},
		{[]string{"path", "technicien", "architecte", "--k", "abc"}, "usage", "valeur invalide « abc » pour --k", cli.ExitUsage},
		{[]string{"path", "technicien", "architecte", "--by", "fast"}, "invalid_parameter", "by doit valoir steps ou effort", cli.ExitUsage},
		{[]string{"path", "technicien", "architecte", "--types", "promotion"}, "invalid_parameter", "promotion", cli.ExitUsage},
		{[]string{"path", "technicien"}, "usage", "un départ et une arrivée", cli.ExitUsage},
		{[]string{"path", "technicien", "architecte", "--nope"}, "usage", "option inconnue --nope", cli.ExitUsage},
		{[]string{"reachable", "--level", "astronaute"}, "unknown_level", "niveau inconnu « astronaute »", cli.ExitUsage},
		{[]string{"reachable", "--level", "BTS", "--depth", "-1"}, "out_of_range", "depth doit être compris entre 1 et 50", cli.ExitUsage},
		{[]string{"reachable", "--from", "technicien", "--level", "BTS"}, "usage", "l'un des deux", cli.ExitUsage},
		{[]string{"resolve", "dsi", "--limit", "0"}, "usage", "--limit doit être compris entre 1 et 50", cli.ExitUsage},
		{[]string{"show"}, "usage", "l'identifiant d'un métier", cli.ExitUsage},
		{[]string{"path", "a", "b", "--data", absent}, "error", absent, cli.ExitError},
	} {
		out, errs, code := runCLI(t, tc.args...)
		if code != tc.exitWant || out != "" || !strings.Contains(errs, tc.says) {
			t.Errorf("pathways %s: exit %d, stdout %q, stderr %q; want exit %d and %q on stderr", strings.Join(tc.args, " "), code, out, errs, tc.exitWant, tc.says)
		}
		// --json, first or last, gives the error document even after a
		// bad flag.
		out, errs, code = runCLI(t, slices.Concat(tc.args, []string{"--json"})...)
		var doc docError
		decodeStrict(t, out, &doc)
		if code != tc.exitWant || errs != "" || doc.Error == nil || doc.Error.Code != tc.code || !strings.Contains(doc.Error.Message, tc.says) || doc.Error.Suggestions == nil {
			t.Errorf("pathways %s --json: exit %d, stderr %q, %s; want exit %d and code %q", strings.Join(tc.args, " "), code, errs, out, tc.exitWant, tc.code)
		}
	}
	_, errs, code := runCLI(t, "nope")
	if code != cli.ExitUsage || !strings.Contains(errs, `commande inconnue "nope"`) {
		t.Errorf("pathways nope: exit %d, stderr %q", code, errs)
	}
}
