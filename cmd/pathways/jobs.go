package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/pathways-fr/pathways/pathways"
)

func newJobsCmd(o *options) *cobra.Command {
	c := &cobra.Command{Use: "jobs", Short: "liste les métiers du répertoire"}
	c.RunE = func(_ *cobra.Command, args []string) error {
		if err := needArgs(args, 0, "aucun argument"); err != nil {
			return err
		}
		g, err := loadGraph(o)
		if err != nil {
			return err
		}
		doc := pathways.Jobs(g)
		if o.json {
			return writeJSON(o.stdout, doc)
		}
		family := ""
		for _, j := range doc.Jobs {
			if j.Family != family {
				family = j.Family
				title := family
				if f, ok := g.Family(family); ok {
					title = f.Title
				}
				fmt.Fprintf(o.stdout, "\n%s\n", title)
			}
			card := ""
			if !j.HasCard {
				card = "  (sans fiche)"
			}
			fmt.Fprintf(o.stdout, "  %-34s %-8s %s%s\n", j.ID, levelLabel(j.Level), j.Title, card)
		}
		return nil
	}
	return c
}

func levelLabel(l *string) string {
	if l == nil {
		return "—"
	}
	return *l
}
