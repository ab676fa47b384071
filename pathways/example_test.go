package pathways_test

import (
	"bytes"
	"fmt"
	"log"

	"github.com/pathways-fr/pathways/data"
	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/pathways"
)

// The README shows this example as "Use it from Go": keep them the same.
func ExampleShortest() {
	g, err := graph.LoadMetiers(bytes.NewReader(data.Metiers()), "metiers.json")
	if err != nil {
		log.Fatal(err)
	}
	from, err := pathways.Find(g, "technicien de maintenance")
	if err != nil {
		log.Fatal(err)
	}
	to, err := pathways.Find(g, "DSI")
	if err != nil {
		log.Fatal(err)
	}
	doc, err := pathways.Shortest(g, pathways.Endpoint{Nodes: from}, to, pathways.Options{K: 1})
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range doc.Paths {
		for i, s := range p.Steps {
			if i == 0 {
				fmt.Println(s.Title)
				continue
			}
			fmt.Printf("→ %s (%s : « %s »)\n", s.Title, s.Type, s.Evidence)
		}
	}
	// Output:
	// Technicien de maintenance et support client
	// → Technicien réseaux/cloud (evolution : « Technicien télécoms et réseaux »)
	// → Administrateur de base de données (evolution : « Administrateur base de données »)
	// → Directeur des systèmes d’information (evolution : « Directeur des systèmes d’information »)
}
