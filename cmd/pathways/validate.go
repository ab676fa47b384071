package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/pathways-fr/pathways/cmd/internal/cli"
	"github.com/pathways-fr/pathways/graph"
)

func newValidateCmd(o *options) *cobra.Command {
	c := &cobra.Command{Use: "validate", Short: "rapport de qualité des données"}
	c.RunE = func(_ *cobra.Command, args []string) error {
		if err := needArgs(args, 0, "aucun argument"); err != nil {
			return err
		}
		g, err := loadGraph(o)
		if err != nil {
			if o.json {
				return err
			}
			fmt.Fprintln(o.stdout, "Données refusées :")
			fmt.Fprintln(o.stdout, err)
			return cli.ErrReported
		}
		probs := g.Problems()
		if o.json {
			return writeJSON(o.stdout, map[string]any{"dataset": g.Dataset, "nodes": g.Len(), "edges": len(g.Edges()), "problems": probs})
		}
		counts := map[graph.Severity]int{}
		for _, p := range probs {
			counts[p.Severity]++
		}
		fmt.Fprintf(o.stdout, "Jeu de données %s : %d nœuds, %d arêtes\n", g.Dataset, g.Len(), len(g.Edges()))
		fmt.Fprintf(o.stdout, "%d erreur(s), %d défaut(s) de la source, %d remarque(s)\n\n",
			counts[graph.SeverityError], counts[graph.SeverityWarning], counts[graph.SeverityInfo])
		for _, p := range probs {
			where := string(p.Job)
			if p.Field != "" {
				where += "." + p.Field
			}
			fmt.Fprintf(o.stdout, "%-7s %-22s %-45s %s\n", p.Severity, p.Code, where, p.Message)
			if p.Quote != "" {
				fmt.Fprintf(o.stdout, "        « %s »\n", p.Quote)
			}
		}
		return nil
	}
	return c
}
