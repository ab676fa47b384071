package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/web"
)

func newExportCmd(o *options) *cobra.Command {
	c := &cobra.Command{Use: "export --format FORMAT [--out DOSSIER]", Short: "exporte le graphe : graphml, jgf, csv, dot ou cypher"}
	format := c.Flags().String("format", "", "format : graphml, jgf, csv, dot ou cypher")
	out := c.Flags().String("out", "", "écrire dans ce dossier plutôt que sur la sortie standard (obligatoire pour csv)")
	c.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"graphml", "jgf", "csv", "dot", "cypher"}, cobra.ShellCompDirectiveNoFileComp))
	c.MarkFlagDirname("out")
	var name string
	var f web.ExportFormat
	c.RunE = withGraph(o, func() error {
		var ok bool
		name = strings.ToLower(strings.TrimSpace(*format))
		f, ok = web.ExportFormats[name]
		switch {
		case name == "":
			return usagef("indiquez le format : --format graphml, jgf, csv, dot ou cypher")
		case name == "csv" && *out == "":
			return usagef("--format csv écrit deux fichiers, nodes.csv et edges.csv : indiquez leur dossier avec --out DOSSIER")
		case !ok && name != "csv":
			return usagef("format inconnu %q : graphml, jgf, csv, dot ou cypher", *format)
		}
		return nil
	}, func(_ context.Context, g *graph.Graph) (err error) {
		if *out == "" {
			return f.Write(o.stdout, g)
		}
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return err
		}
		var files []string
		if name == "csv" {
			files = []string{filepath.Join(*out, "nodes.csv"), filepath.Join(*out, "edges.csv")}
			err = writeFiles(files, func(ws []io.Writer) error { return graph.WriteCSV(ws[0], ws[1], g) })
		} else {
			base := graph.Slug(g.Dataset)
			if base == "" {
				base = "graphe"
			}
			files = []string{filepath.Join(*out, base+"."+f.Ext)}
			err = writeFiles(files, func(ws []io.Writer) error { return f.Write(ws[0], g) })
		}
		if err != nil {
			return err
		}
		if o.json {
			return writeJSON(o.stdout, map[string]any{"dataset": g.Dataset, "format": name, "files": files,
				"nodes": g.Len(), "edges": len(g.Edges())})
		}
		fmt.Fprintf(o.stdout, "Jeu de données %s : %d nœuds, %d arêtes exportés en %s dans %s\n",
			g.Dataset, g.Len(), len(g.Edges()), name, strings.Join(files, " et "))
		return nil
	})
	return c
}

// writeFiles writes files through temporary files renamed once write has
// succeeded, so that a failed export leaves no half-written file.
func writeFiles(paths []string, write func([]io.Writer) error) (err error) {
	tmps := make([]*os.File, 0, len(paths))
	defer func() {
		for _, t := range tmps {
			t.Close()
			if err != nil {
				os.Remove(t.Name())
			}
		}
	}()
	ws := make([]io.Writer, len(paths))
	for i, p := range paths {
		t, err := os.CreateTemp(filepath.Dir(p), "."+filepath.Base(p)+".*")
		if err != nil {
			return err
		}
		tmps = append(tmps, t)
		ws[i] = t
	}
	if err := write(ws); err != nil {
		return err
	}
	for i, t := range tmps {
		if err := t.Chmod(0o644); err != nil {
			return err
		}
		if err := t.Close(); err != nil {
			return err
		}
		if err := os.Rename(t.Name(), paths[i]); err != nil {
			return err
		}
	}
	return nil
}
