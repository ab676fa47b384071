package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/pathways"
)

func newSuggestCmd(o *options) *cobra.Command {
	var limit int
	c := &cobra.Command{
		Use:     "suggest A [--limit N]",
		Short:   "métiers proches par les compétences : suggestions non officielles (ROME 4.0)",
		Example: "  pathways suggest M1876 --dataset rome\n  pathways suggest technicien-reseaux-cloud --dataset all --limit 5",
	}
	c.RunE = query(o, func(args []string) error {
		if err := needArgs(args, 1, "un métier, par exemple : pathways suggest M1876 --dataset rome"); err != nil {
			return err
		}
		if limit < 1 || limit > pathways.MaxSuggestions {
			return usagef("--limit doit être compris entre 1 et %d", pathways.MaxSuggestions)
		}
		return nil
	}, withSkills(o, func(g *graph.Graph, base pathways.SkillBase, args []string) (pathways.Suggestions, error) {
		return pathways.Suggest(g, base.Skills, base.Bridge, args[0], limit)
	}), func(w io.Writer, _ *graph.Graph, doc pathways.Suggestions) { printSuggestions(w, doc) })
	c.Flags().IntVar(&limit, "limit", pathways.DefaultSuggestions, fmt.Sprintf("nombre de suggestions (1 à %d)", pathways.MaxSuggestions))
	return c
}

func printSuggestions(w io.Writer, d pathways.Suggestions) {
	fmt.Fprintf(w, "Métiers proches de %s (%s) par les compétences — %s\n", d.From.Title, d.From.ID, d.Note)
	fmt.Fprintf(w, "Seuil : %.2f (moyenne %.2f − écart type %.2f, %d groupes parents)\n", d.Calibration.Threshold, d.Calibration.Mean, d.Calibration.SD, d.Calibration.Groups)
	if len(d.Suggestions) == 0 {
		fmt.Fprintln(w, "\n(aucune suggestion au-dessus du seuil)")
	}
	for i, s := range d.Suggestions {
		step := ""
		if s.LevelStep != nil && *s.LevelStep != 0 {
			step = fmt.Sprintf(", niveau %+d", *s.LevelStep)
		}
		fmt.Fprintf(w, "%2d. %s (%s) : similarité %.2f, %d en commun, %d à acquérir dont %d principales%s\n",
			i+1, s.Title, s.ID, s.Score, s.Shared, s.Missing, s.MissingCore, step)
	}
	if len(d.Official) > 0 {
		fmt.Fprintf(w, "\nMobilités officielles, à part (%d) :\n", len(d.Official))
		for _, s := range d.Official {
			fmt.Fprintf(w, "  - %s (%s) : similarité %.2f\n", s.Title, s.ID, s.Score)
		}
	}
	fmt.Fprintf(w, "\nMéthode : %s\n", d.Method)
}
