package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/pathways-fr/pathways/data"
	"github.com/pathways-fr/pathways/graph"
)

// loadGraph loads the dataset the options name: the embedded repertoire,
// a repertoire file given with --data, or ROME, embedded or read from the
// folder given with --rome-dir.
func loadGraph(o *options) (*graph.Graph, error) {
	switch o.dataset {
	case "metiers", "":
		if o.romeDir != "" {
			return nil, usagef("--rome-dir s'utilise avec --dataset rome")
		}
		if o.data == "" {
			return graph.LoadMetiers(bytes.NewReader(data.Metiers()), "metiers.json")
		}
		if fi, err := os.Stat(o.data); err == nil && fi.IsDir() {
			// A folder holds nodes.csv and edges.csv, as `export --format csv` writes them.
			return graph.LoadCSVFS(os.DirFS(o.data), o.data)
		}
		f, err := os.Open(o.data)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return graph.LoadMetiers(f, o.data)
	case "rome":
		if o.data != "" {
			return nil, usagef("--data charge un répertoire au format de metiers.json ; pour ROME, utilisez --rome-dir DOSSIER")
		}
		if o.romeDir == "" {
			return graph.LoadROME(data.ROME())
		}
		if fi, err := os.Stat(o.romeDir); err != nil {
			return nil, err
		} else if !fi.IsDir() {
			return nil, fmt.Errorf("--rome-dir %s : ce n'est pas un dossier", o.romeDir)
		}
		return graph.LoadROME(os.DirFS(o.romeDir))
	}
	return nil, usagef("jeu de données inconnu %q : metiers ou rome", o.dataset)
}

// loadDatasets loads every dataset the server serves: the repertoire
// (--data replaces the embedded one) and ROME (--rome-dir replaces the
// embedded release).
func loadDatasets(o *options) ([]*graph.Graph, error) {
	metiers, err := loadGraph(&options{data: o.data, dataset: "metiers"})
	if err != nil {
		return nil, err
	}
	rome, err := loadGraph(&options{romeDir: o.romeDir, dataset: "rome"})
	if err != nil {
		return nil, err
	}
	return []*graph.Graph{metiers, rome}, nil
}
