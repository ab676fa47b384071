package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/pathways"
)

func newReachableCmd(o *options) *cobra.Command {
	var (
		from, level, types string
		depth              int
	)
	c := &cobra.Command{
		Use:     "reachable --from TEXTE | --level NIVEAU [--depth N]",
		Short:   "métiers accessibles depuis un métier ou un diplôme",
		Example: "  pathways reachable --level BTS --depth 2\n  pathways reachable \"Manager d’équipe\"",
	}
	var t graph.EdgeType
	c.RunE = query(o, func(args []string) (err error) {
		if len(args) > 0 && from == "" && level == "" {
			from = joinArgs(args)
		} else if len(args) > 0 {
			return usagef("argument inattendu %q", args[0])
		}
		if (from == "") == (level == "") {
			return usagef("attendu : --from TEXTE ou --level NIVEAU (l’un des deux)")
		}
		t, err = pathways.ParseTypes(types)
		return err
	}, withTypes(o, &t, func(g *graph.Graph, _ []string) (pathways.Reach, error) {
		if level != "" {
			return pathways.ReachableFromLevel(g, level, depthArg(c, depth), t)
		}
		return pathways.ReachableFrom(g, from, depthArg(c, depth), t)
	}), printReach)
	c.Flags().StringVar(&from, "from", "", "métier de départ")
	c.Flags().StringVar(&level, "level", "", "diplôme ou niveau de départ (BTS, bac+2, master…)")
	depthFlag(c, &depth, "le départ seul")
	typesFlag(c, &types)
	return c
}

// printReach writes what a start reaches, each role with the job it is
// reached via.
func printReach(w io.Writer, _ *graph.Graph, doc pathways.Reach) {
	if doc.Level != nil {
		fmt.Fprintf(w, "Avec un niveau %s, on peut viser :\n", *doc.Level)
	} else {
		fmt.Fprintf(w, "Depuis %s, on peut atteindre :\n", titles(doc.Start))
	}
	printAmbiguities(w, doc.Ambiguities)
	printRoles(w, doc, "via")
}

// depthFlag declares --depth, the most steps a query takes; zero is
// what a query of depth 0 answers.
func depthFlag(c *cobra.Command, p *int, zero string) {
	c.Flags().IntVar(p, "depth", 0, "nombre maximal d’étapes (sans limite si l’option est absente ; 0 : "+zero+")")
}

// depthArg returns the depth a query takes: no limit without --depth,
// the value given otherwise. A negative value typed is out of range for
// pathways, never "no limit".
func depthArg(c *cobra.Command, depth int) int {
	switch {
	case !c.Flags().Changed("depth"):
		return pathways.NoLimit
	case depth < 0:
		return min(depth, pathways.NoLimit-1)
	}
	return depth
}
