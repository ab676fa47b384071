package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/pathways"
)

func newLevelsCmd(o *options) *cobra.Command {
	c := &cobra.Command{Use: "levels", Short: "liste les niveaux de diplôme, les métiers que chacun ouvre et ceux qui s’ouvrent à ce niveau"}
	c.RunE = func(_ *cobra.Command, args []string) error {
		if err := needArgs(args, 0, "aucun argument"); err != nil {
			return err
		}
		g, err := loadGraph(o)
		if err != nil {
			return err
		}
		doc := pathways.Levels(g)
		if o.json {
			return writeJSON(o.stdout, doc)
		}
		for _, l := range doc.Levels {
			fmt.Fprintf(o.stdout, "%-8s %-9s ouvre %s, dont %s à ce niveau : %s\n", l.ID, l.Label,
				plural(len(l.EntryJobs), "métier", "métiers"), plural(len(l.NewJobs), "nouveau", "nouveaux"), joinIDs(l.NewJobs))
		}
		return nil
	}
	return c
}

// joinIDs lists ids, separated by commas; « aucun » for none.
func joinIDs(ids []graph.JobID) string {
	if len(ids) == 0 {
		return "aucun"
	}
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = string(id)
	}
	return strings.Join(s, ", ")
}
