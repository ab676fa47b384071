package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/pathways"
)

func newFeedersCmd(o *options) *cobra.Command {
	var (
		depth int
		types string
	)
	var t graph.EdgeType
	c := &cobra.Command{
		Use:     "feeders TEXTE [--depth N]",
		Short:   "métiers qui mènent à un métier",
		Example: "  pathways feeders \"Architecte logiciel\" --depth 1",
	}
	c.RunE = query(o, func(args []string) (err error) {
		if len(args) == 0 {
			return usagef("attendu : le métier d’arrivée")
		}
		t, err = pathways.ParseTypes(types)
		return err
	}, withTypes(o, &t, func(g *graph.Graph, args []string) (pathways.Reach, error) {
		return pathways.FeedersOf(g, joinArgs(args), depthArg(c, depth), t)
	}), func(w io.Writer, _ *graph.Graph, doc pathways.Reach) {
		fmt.Fprintf(w, "Mènent à %s :\n", titles(doc.Start))
		printAmbiguities(w, doc.Ambiguities)
		printRoles(w, doc, "vers")
	})
	depthFlag(c, &depth, "l’arrivée seule")
	typesFlag(c, &types)
	return c
}
