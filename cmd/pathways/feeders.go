package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/pathways-fr/pathways/pathways"
)

func newFeedersCmd(o *options) *cobra.Command {
	var (
		depth int
		types string
	)
	c := &cobra.Command{
		Use:     "feeders TEXTE [--depth N]",
		Short:   "métiers qui mènent à un métier",
		Example: "  pathways feeders \"Architecte logiciel\" --depth 1",
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("attendu : le métier d'arrivée")
			}
			t, err := pathways.ParseTypes(types)
			if err != nil {
				return err
			}
			g, err := loadGraph(o)
			if err != nil {
				return err
			}
			to, err := pathways.FindTo(g, joinArgs(args))
			if err != nil {
				return err
			}
			if err := suggestionSkills(o, g, t); err != nil {
				return err
			}
			doc, err := pathways.Feeders(g, to.Nodes, depthArg(c, depth), t)
			if err != nil {
				return err
			}
			doc.Ambiguities = to.Ambiguities
			if o.json {
				return writeJSON(o.stdout, doc)
			}
			fmt.Fprintf(o.stdout, "Mènent à %s :\n", titles(doc.Start))
			printAmbiguities(o.stdout, doc.Ambiguities)
			printRoles(o.stdout, doc, "vers")
			return nil
		},
	}
	depthFlag(c, &depth, "l’arrivée seule")
	typesFlag(c, &types)
	return c
}
