package main

import (
	"github.com/pathways-fr/pathways/cmd/internal/datasets"
	"github.com/pathways-fr/pathways/graph"
)

// loadGraph loads the dataset the options name (package datasets).
func loadGraph(o *options) (*graph.Graph, error) {
	return datasets.Load(o.sources(), o.dataset)
}

// loadDatasets loads every dataset the server serves, the repertoire
// (its default) first.
func loadDatasets(o *options) ([]*graph.Graph, error) {
	return datasets.LoadAll(o.sources())
}

// sources are the --data and --rome-dir flags.
func (o *options) sources() datasets.Options {
	return datasets.Options{Data: o.data, ROMEDir: o.romeDir}
}
