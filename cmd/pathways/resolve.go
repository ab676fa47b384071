package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/pathways-fr/pathways/pathways"
)

func newResolveCmd(o *options) *cobra.Command {
	c := &cobra.Command{Use: "resolve TEXTE [--limit N]", Short: "trouve les métiers qu’un texte désigne"}
	limit := c.Flags().Int("limit", 10, "nombre maximal de réponses (1 à 50)")
	c.RunE = func(_ *cobra.Command, args []string) error {
		if len(args) == 0 {
			return usagef("attendu : un texte à rechercher")
		}
		if *limit < 1 || *limit > 50 {
			return usagef("--limit doit être compris entre 1 et 50")
		}
		g, err := loadGraph(o)
		if err != nil {
			return err
		}
		doc, err := pathways.Resolve(g, joinArgs(args), *limit)
		if err != nil {
			return err
		}
		if o.json {
			return writeJSON(o.stdout, doc)
		}
		if len(doc.Matches) == 0 {
			fmt.Fprintf(o.stdout, "Aucun métier ne correspond à « %s ».\n", doc.Query)
		}
		for _, m := range doc.Matches {
			fmt.Fprintf(o.stdout, "%.2f  %-34s %s  [%s : %s]\n", m.Score, m.ID, m.Title, m.How, m.Name)
		}
		return nil
	}
	return c
}
