package pathways_test

import (
	"bytes"
	"fmt"
	"log"

	"github.com/pathways-fr/pathways/data"
	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/pathways"
)

// The route from a network technician to a software architect, both
// named as a person types them: each step quotes the perspective printed
// on the card it leaves.
func ExampleRoute() {
	g, err := graph.LoadMetiers(bytes.NewReader(data.Metiers()), "metiers.json")
	if err != nil {
		log.Fatal(err)
	}
	doc, err := pathways.Route(g, "technicien réseaux", "architecte logiciel", pathways.Options{K: 1})
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range doc.Paths {
		fmt.Printf("%d étapes\n", p.Hops)
		for i, s := range p.Steps {
			if i == 0 {
				fmt.Println(s.Title)
				continue
			}
			fmt.Printf("→ %s (« %s »)\n", s.Title, s.Evidence)
		}
	}
	// Output:
	// 3 étapes
	// Technicien réseaux/cloud
	// → Administrateur de base de données (« Administrateur base de données »)
	// → Ingénieur études et développement (« Études et développement informatique »)
	// → Architecte logiciel (« Architecte logiciel »)
}

// A diploma as the start: the jobs it opens (up to Bac +3 for a licence
// pro) are at distance 0, and one step leads on to these jobs.
func ExampleReachableFromLevel() {
	g, err := graph.LoadMetiers(bytes.NewReader(data.Metiers()), "metiers.json")
	if err != nil {
		log.Fatal(err)
	}
	doc, err := pathways.ReachableFromLevel(g, "licence pro", 1, 0)
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range doc.Roles {
		if r.Kind == graph.KindJob && r.Distance == 1 {
			fmt.Println(r.Title)
		}
	}
	// Output:
	// Architecte cloud/réseaux
	// Architecte logiciel
	// Directeur des systèmes d’information
	// Ingénieur cloud/réseaux
	// Ingénieur commercial
	// Manager de projet
	// Responsable sécurité des systèmes d'information
}

// Find returns every job a text names: two cards are titled "Technicien".
func ExampleFind() {
	g, err := graph.LoadMetiers(bytes.NewReader(data.Metiers()), "metiers.json")
	if err != nil {
		log.Fatal(err)
	}
	nodes, err := pathways.Find(g, "technicien")
	if err != nil {
		log.Fatal(err)
	}
	for _, n := range nodes {
		fmt.Println(g.Node(n).ID)
	}
	_, err = pathways.Find(g, "tecnicien")
	fmt.Println(err)
	// Output:
	// technicien-maintenance-support
	// technicien-reseaux-cloud
	// aucun métier ne correspond à « tecnicien » ; vouliez-vous dire : Technicien réseaux/cloud ?
}
