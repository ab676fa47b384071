package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pathways-fr/pathways/pathways"
)

func newLevelsCmd(o *options) *cobra.Command {
	c := &cobra.Command{Use: "levels", Short: "liste les niveaux de diplôme et les métiers qu'ils ouvrent"}
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
			ids := make([]string, len(l.EntryJobs))
			for i, id := range l.EntryJobs {
				ids[i] = string(id)
			}
			fmt.Fprintf(o.stdout, "%-8s %-9s %d métier(s) : %s\n", l.ID, l.Label, len(ids), strings.Join(ids, ", "))
		}
		return nil
	}
	return c
}
