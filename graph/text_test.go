package graph

import (
	"slices"
	"testing"
)

// TestFoldSlug checks the two text forms a name takes: Fold (what
// resolution compares) and Slug (what an id is made of).
func TestFoldSlug(t *testing.T) {
	for _, form := range []struct {
		name  string
		fn    func(string) string
		cases [][2]string // text, then its form
	}{
		{"Fold", Fold, [][2]string{
			{"Développeur multimédia", "developpeur multimedia"},
			{"DÉVELOPPEUR MULTIMÉDIA", "developpeur multimedia"},
			{"Chef d’équipe", "chef d equipe"},
			{"Consultant/expert métier", "consultant expert metier"},
			{"web-designer", "web designer"},
			{"  Bac +4/5  ", "bac 4 5"},
			{"Œuvre & cœur", "oeuvre coeur"},
			{"ÇA Ê", "ca e"},
			{"caf\xe9 noir", "caf noir"}, // invalid UTF-8 is a separator
			{"---", ""},
			{"", ""},
			{"R&D", "r d"},
			{"Straße", "strasse"},
			{"technicien", "technicien"}, // its own fold
			{"bac 2", "bac 2"},
			{"bac  2", "bac 2"},
			{" bac", "bac"},
			{"bac ", "bac"},
		}},
		{"Slug", Slug, [][2]string{
			{"Architecte logiciel", "architecte-logiciel"},
			{"Chef d’équipe", "chef-d-equipe"},
			{"Technicien réseaux/cloud", "technicien-reseaux-cloud"},
			{"  Urbaniste  ", "urbaniste"},
			{"Directeur général adjoint en charge de l’informatique, la logistique et l’organisation",
				"directeur-general-adjoint-en-charge-de-l-informatique-la-logistique-et-l-organisation"},
		}},
	} {
		for _, c := range form.cases {
			if got := form.fn(c[0]); got != c[1] {
				t.Errorf("%s(%q) = %q, want %q", form.name, c[0], got, c[1])
			}
		}
	}
}

func TestKey(t *testing.T) {
	// Each group names one thing: its keys must be equal.
	for _, group := range [][]string{
		// ADMINISTRATEUR DE BASE DE DONNÉES is printed as "Administrateur de
		// bases de données" in INGÉNIEUR ÉTUDES ET DÉVELOPPEMENT's perspectives
		// and "Administrateur base de données" in TECHNICIEN RÉSEAUX/CLOUD's.
		{"Administrateur de base de données", "Administrateur de bases de données", "Administrateur base de données", "administrateur base de donnee"},
		{"Web designer", "web-designer", "WEB DESIGNER", "Web designers"},
		{"Architecte réseaux", "Architecte réseau", "architecte-reseaux"},
		{"Chef d’équipe", "Chef d'équipe", "chef équipe", "Chefs d’équipes"},
		{"Directeur des systèmes d’information", "directeur systemes information", "Directeur des systèmes d'information."},
		{"Responsable en systèmes d’information", "Responsable des systèmes d’information"},
	} {
		want := Key(group[0])
		for _, s := range group[1:] {
			if got := Key(s); got != want {
				t.Errorf("Key(%q) = %q, want %q as Key(%q)", s, got, want, group[0])
			}
		}
	}
	for _, pair := range [][2]string{
		{"Webdesigner", "Web designer"},
		{"Développeur web", "Développeur web mobile"},
		{"Administrateur des systèmes", "Administrateur des systèmes d’information"},
		{"Ingénieur commercial", "Ingénieur commercial Web"},
	} {
		if Key(pair[0]) == Key(pair[1]) {
			t.Errorf("Key(%q) = Key(%q) = %q, want different keys", pair[0], pair[1], Key(pair[0]))
		}
	}
}

func TestTokens(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"Administrateur de bases de données", []string{"administrateur", "base", "donnee"}},
		{"Chef d’équipe", []string{"chef", "equipe"}},
		{"Architectes réseaux", []string{"architecte", "reseau"}},
		{"Business process", []string{"business", "process"}}, // ss is not a plural
		{"bus gaz pros", []string{"bus", "gaz", "pro"}},       // words of three letters keep their s
		{"de la du des", nil},
		{"", nil},
	} {
		got := Tokens(tc.in)
		if len(got) == 0 && len(tc.want) == 0 {
			continue
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// BenchmarkFold folds names as a load does: titles and synonyms, mostly
// ASCII with a few accents.
func BenchmarkFold(b *testing.B) {
	names := []string{"Développeur web full stack 1234", "Administrateur de bases de données", "Chef de projet maîtrise d’ouvrage", "Data scientist cloud 98765"}
	for b.Loop() {
		for _, s := range names {
			Fold(s)
		}
	}
}
