package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/pathways"
)

func newCompareCmd(o *options) *cobra.Command {
	var all bool
	c := &cobra.Command{
		Use:     "compare A B [C]",
		Short:   "compare les compétences de deux ou trois métiers (ROME 4.0)",
		Example: "  pathways compare M1876 M1860 --dataset rome\n  pathways compare technicien-reseaux-cloud M1860 --dataset all",
	}
	c.RunE = query(o, func(args []string) error {
		if len(args) < 2 || len(args) > 3 {
			return usagef("compare demande deux ou trois métiers, par exemple : pathways compare M1876 M1860 --dataset rome")
		}
		return nil
	}, withSkills(o, func(g *graph.Graph, base pathways.SkillBase, args []string) (pathways.Comparison, error) {
		return pathways.Compare(g, base.Skills, base.Bridge, args)
	}), func(w io.Writer, _ *graph.Graph, doc pathways.Comparison) { printComparison(w, doc, all) })
	c.Flags().BoolVar(&all, "all", false, "lister toutes les compétences (sinon les 15 premières de chaque liste)")
	return c
}

// compareShown is how many skills each list prints without --all.
const compareShown = 15

func printComparison(w io.Writer, d pathways.Comparison, all bool) {
	for k, j := range d.Jobs {
		fmt.Fprintf(w, "%c. %s (%s), niveau %s : %d compétences, dont %d principales\n",
			'A'+k, j.Title, j.ID, orDash(deref(j.Level)), j.Counts.Total, j.Counts.Principal)
	}
	for _, p := range d.Pairs {
		fmt.Fprintf(w, "\n%s ↔ %s : similarité %.2f (seuil des suggestions %.2f), %d en commun, %d propres à %s, %d propres à %s\n",
			p.A, p.B, p.Score, p.Threshold, p.Shared, p.OnlyA, p.A, p.OnlyB, p.B)
		if p.LevelStep != nil {
			fmt.Fprintf(w, "  écart de niveau : %+d\n", *p.LevelStep)
		}
		if len(p.Links) == 0 {
			fmt.Fprintln(w, "  aucune mobilité officielle entre eux")
		}
		for _, l := range p.Links {
			fmt.Fprintf(w, "  mobilité officielle %s → %s (%s)\n", l.From, l.To, l.Type)
		}
	}
	fmt.Fprintf(w, "\nEn commun (%d) :\n", len(d.Shared))
	for i, s := range d.Shared {
		if !all && i == compareShown {
			fmt.Fprintf(w, "  … %d de plus (--all)\n", len(d.Shared)-i)
			break
		}
		fmt.Fprintf(w, "  - %s\n", skillLine(*s.SkillDoc))
	}
	for k, only := range d.Only {
		fmt.Fprintf(w, "\nSeulement %s (%d) :\n", d.Jobs[k].ID, len(only))
		for i, s := range only {
			if !all && i == compareShown {
				fmt.Fprintf(w, "  … %d de plus (--all)\n", len(only)-i)
				break
			}
			fmt.Fprintf(w, "  - %s\n", skillLine(*s))
		}
	}
	fmt.Fprintf(w, "\nMéthode : %s\nSource : %s\n", d.Method, d.Source)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return strings.TrimSpace(*s)
}
