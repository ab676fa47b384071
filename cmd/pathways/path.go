package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/pathways"
)

func newPathCmd(o *options) *cobra.Command {
	var (
		k         int
		by, types string
		gapLimit  int
	)
	var (
		effort bool
		t      graph.EdgeType
	)
	c := &cobra.Command{
		Use:     "path DE VERS [--k N] [--by steps|effort]",
		Short:   "parcours les plus courts d’un métier ou diplôme à un autre",
		Example: "  pathways path technicien architecte\n  pathways path BTS \"architecte logiciel\" --by effort --k 3",
	}
	c.RunE = query(o, func(args []string) (err error) {
		if err := needArgs(args, 2, "un départ et une arrivée, par exemple : pathways path technicien architecte"); err != nil {
			return err
		}
		if gapLimit < 0 {
			return usagef("--gap-limit doit être positif ou nul")
		}
		if effort, err = pathways.ParseBy(by); err != nil {
			return err
		}
		t, err = pathways.ParseTypes(types)
		return err
	}, withTypes(o, &t, func(g *graph.Graph, args []string) (pathways.Paths, error) {
		doc, err := pathways.Route(g, args[0], args[1], pathways.Options{K: k, Effort: effort, Types: t})
		if err != nil {
			return doc, err
		}
		return doc, addGaps(o, g, &doc, gapLimit)
	}), func(w io.Writer, _ *graph.Graph, doc pathways.Paths) { printPaths(w, doc) })
	c.Flags().IntVar(&k, "k", 1, "nombre de parcours (1 à 10)")
	c.Flags().StringVar(&by, "by", "steps", "minimiser les étapes (steps) ou l’effort (effort)")
	c.Flags().IntVar(&gapLimit, "gap-limit", pathways.DefaultGapSkills, "sur ROME 4.0 : compétences listées par étape (0 : toutes)")
	c.RegisterFlagCompletionFunc("by", cobra.FixedCompletions([]string{"steps", "effort"}, cobra.ShellCompDirectiveNoFileComp))
	typesFlag(c, &types)
	return c
}

func printPaths(w io.Writer, doc pathways.Paths) {
	if doc.Level != nil {
		fmt.Fprintf(w, "Départ : niveau %s\n", *doc.Level)
	} else {
		fmt.Fprintf(w, "Départ : %s\n", titles(doc.From))
	}
	fmt.Fprintf(w, "Arrivée : %s\n", titles(doc.To))
	printAmbiguities(w, doc.Ambiguities)
	if len(doc.Paths) == 0 {
		fmt.Fprintf(w, "\n%s\n", doc.Message)
		return
	}
	for n, p := range doc.Paths {
		unit := "étape"
		if p.Hops > 1 {
			unit = "étapes"
		}
		fmt.Fprintf(w, "\nParcours %d — %d %s", n+1, p.Hops, unit)
		if doc.By == "effort" {
			fmt.Fprintf(w, ", effort %d", p.Cost)
		}
		fmt.Fprintln(w)
		for i, s := range p.Steps {
			lvl := ""
			if s.Level != nil && s.Kind != "level" {
				lvl = " [" + *s.Level + "]"
			}
			if i == 0 {
				fmt.Fprintf(w, "  %s%s\n", s.Title, lvl)
				continue
			}
			jump := ""
			if s.RaisesLevel {
				jump = "  ⚠ niveau requis plus élevé"
			}
			if s.Kind == "external" {
				lvl = " (hors répertoire)"
			}
			if st := s.StudyFirst; st != nil {
				label := st.ToLevel
				if l, ok := graph.LevelByID(st.ToLevel); ok {
					label = l.Label()
				}
				fmt.Fprintf(w, "  → Études jusqu’à %s (étape calculée, pas un métier)\n      %s\n", label, st.Says)
			}
			title := s.Title
			if s.Suggestion != nil {
				jump += "  ⚑ suggestion"
			}
			if s.Study != nil {
				title = "Études jusqu’à " + s.Title + " (étape calculée)"
			}
			fmt.Fprintf(w, "  → %s%s%s\n      %s\n", title, lvl, jump, s.Says)
		}
		printGaps(w, p)
	}
}
