package graph_test

import (
	"bytes"
	"fmt"

	"github.com/pathways-fr/pathways/data"
	"github.com/pathways-fr/pathways/graph"
)

// Load the embedded repertoire and walk the evolutions of one card, with
// the phrase of the card behind each.
func ExampleLoadMetiers() {
	g, err := graph.LoadMetiers(bytes.NewReader(data.Metiers()), "metiers.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	i, _ := g.Index("architecte-logiciel")
	for _, a := range g.Out(i) {
		e := g.Edge(a.Edge)
		fmt.Printf("%s → %s « %s » (%s)\n", g.Node(i).Title, g.Node(a.Node).Title, e.Evidence[0].Text, e.Evidence[0].Match)
	}
	// Output:
	// Architecte logiciel → Directeur de projet développement logiciels « Directeur de projet développement logiciels » (external)
	// Architecte logiciel → Urbaniste « Urbaniste » (external)
	// Architecte logiciel → Manager d’équipe « Chef d’équipe » (alias)
}

// Diplomas as people type them map to levels; "Bac +4/5" accepts either,
// so its minimum is Bac +4.
func ExampleParseLevel() {
	for _, s := range []string{"BTS", "licence pro", "Bac +4/5", "diplôme d'ingénieur", "niveau 4"} {
		l, _ := graph.ParseLevel(s)
		fmt.Printf("%s → %s\n", s, l)
	}
	// Output:
	// BTS → bac+2
	// licence pro → bac+3
	// Bac +4/5 → bac+4
	// diplôme d'ingénieur → bac+5
	// niveau 4 → bac
}
