package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// versionDoc is what `pathways version` prints.
type versionDoc struct {
	Module   string           `json:"module"`
	Version  string           `json:"version"`
	Go       string           `json:"go"`
	Revision string           `json:"revision,omitempty"`
	Modified bool             `json:"modified,omitempty"`
	Datasets []datasetVersion `json:"datasets"`
}

type datasetVersion struct {
	Name    string `json:"name"`
	Title   string `json:"title"`
	Version string `json:"version"`
	Nodes   int    `json:"nodes"`
	Edges   int    `json:"edges"`
}

func newVersionCmd(o *options) *cobra.Command {
	c := &cobra.Command{Use: "version", Short: "version du programme et des jeux de données"}
	c.RunE = func(_ *cobra.Command, args []string) error {
		if err := needArgs(args, 0, "aucun argument"); err != nil {
			return err
		}
		doc := buildVersion()
		// The program's own version is printed even when a
		// dataset does not load.
		graphs, err := loadDatasets(o)
		for _, g := range graphs {
			doc.Datasets = append(doc.Datasets, datasetVersion{Name: g.Dataset, Title: g.Title, Version: g.Version,
				Nodes: g.Len(), Edges: len(g.Edges())})
		}
		if o.json {
			if err != nil {
				return err
			}
			return writeJSON(o.stdout, doc)
		}
		fmt.Fprintf(o.stdout, "pathways %s\n", doc.Version)
		if doc.Module != "" {
			fmt.Fprintf(o.stdout, "module    %s\n", doc.Module)
		}
		fmt.Fprintf(o.stdout, "go        %s\n", doc.Go)
		if doc.Revision != "" {
			mod := ""
			if doc.Modified {
				mod = " (modifiée)"
			}
			fmt.Fprintf(o.stdout, "révision  %s%s\n", doc.Revision, mod)
		}
		if err != nil {
			return err
		}
		fmt.Fprintln(o.stdout, "\nJeux de données :")
		for _, d := range doc.Datasets {
			v := "version " + d.Version
			if d.Version == "" {
				v = "sans version"
			}
			fmt.Fprintf(o.stdout, "  %-8s %-16s %5d nœuds %6d arêtes  %s\n", d.Name, v, d.Nodes, d.Edges, d.Title)
		}
		return nil
	}
	return c
}

// buildVersion reads the module version the binary was built with:
// "(devel)" for a build from a source tree, the tag for `go install
// …@version`.
func buildVersion() versionDoc {
	doc := versionDoc{Version: "(devel)", Go: runtime.Version()}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return doc
	}
	doc.Module = bi.Main.Path
	if bi.Main.Version != "" {
		doc.Version = bi.Main.Version
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			doc.Revision = s.Value
		case "vcs.modified":
			doc.Modified = s.Value == "true"
		}
	}
	return doc
}
