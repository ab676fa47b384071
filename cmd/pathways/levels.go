package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/pathways"
)

func newLevelsCmd(o *options) *cobra.Command {
	return &cobra.Command{Use: "levels", Short: "liste les niveaux de diplôme, les métiers que chacun ouvre et ceux qui s’ouvrent à ce niveau",
		RunE: list(o, pathways.Levels, printLevels)}
}

// printLevels writes a line per level: the jobs it opens, and those that
// open at it.
func printLevels(w io.Writer, _ *graph.Graph, doc pathways.LevelList) {
	for _, l := range doc.Levels {
		fmt.Fprintf(w, "%-8s %-9s ouvre %s, dont %s à ce niveau : %s\n", l.ID, l.Label,
			plural(len(l.EntryJobs), "métier", "métiers"), plural(len(l.NewJobs), "nouveau", "nouveaux"), joinIDs(l.NewJobs))
	}
}
