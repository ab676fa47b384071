package main

import (
	"bytes"
	"os"

	"github.com/pathways-fr/pathways/data"
	"github.com/pathways-fr/pathways/graph"
)

// loadGraph loads the dataset the options name: the embedded repertoire,
// a repertoire file given with --data, or ROME.
func loadGraph(o *options) (*graph.Graph, error) {
	switch o.dataset {
	case "metiers", "":
		if o.data == "" {
			return graph.LoadMetiers(bytes.NewReader(data.Metiers()), "metiers.json")
		}
		f, err := os.Open(o.data)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return graph.LoadMetiers(f, o.data)
	}
	return nil, usagef("jeu de données inconnu %q : metiers ou rome", o.dataset)
}

// loadDatasets loads every dataset the server serves. --data replaces the
// embedded repertoire.
func loadDatasets(o *options) ([]*graph.Graph, error) {
	g, err := loadGraph(&options{data: o.data, dataset: "metiers"})
	if err != nil {
		return nil, err
	}
	return []*graph.Graph{g}, nil
}
