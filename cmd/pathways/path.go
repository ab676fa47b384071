package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/pathways-fr/pathways/pathways"
)

func init() {
	register(command{name: "path", args: "DE VERS [--k N] [--by steps|effort]", summary: "parcours les plus courts d'un métier ou diplôme à un autre",
		setup: func(fs *flag.FlagSet, o *options) func(context.Context, *options, []string) error {
			k := fs.Int("k", 1, "nombre de parcours (1 à 10)")
			by := fs.String("by", "steps", "minimiser les étapes (steps) ou l'effort (effort)")
			types := fs.String("types", "", "types de mobilité : evolution, proche (les deux par défaut)")
			return func(ctx context.Context, o *options, args []string) error {
				if err := needArgs(args, 2, "un départ et une arrivée, par exemple : pathways path technicien architecte"); err != nil {
					return err
				}
				effort, err := pathways.ParseBy(*by)
				if err != nil {
					return err
				}
				t, err := pathways.ParseTypes(*types)
				if err != nil {
					return err
				}
				g, err := loadGraph(o)
				if err != nil {
					return err
				}
				from, err := pathways.FindFrom(g, args[0])
				if err != nil {
					return err
				}
				to, err := pathways.Find(g, args[1])
				if err != nil {
					return err
				}
				doc, err := pathways.Shortest(g, from, to, pathways.Options{K: *k, Effort: effort, Types: t})
				if err != nil {
					return err
				}
				if o.json {
					return writeJSON(o.stdout, doc)
				}
				printPaths(o.stdout, doc)
				return nil
			}
		}})
}

func titles(js []pathways.JobSummary) string {
	var s []string
	for _, j := range js {
		s = append(s, j.Title)
	}
	if len(s) > 6 {
		s = append(s[:6], fmt.Sprintf("… (%d en tout)", len(js)))
	}
	return strings.Join(s, ", ")
}

func printPaths(w io.Writer, doc pathways.Paths) {
	if doc.Level != nil {
		fmt.Fprintf(w, "Départ : niveau %s\n", *doc.Level)
	} else {
		fmt.Fprintf(w, "Départ : %s\n", titles(doc.From))
	}
	fmt.Fprintf(w, "Arrivée : %s\n", titles(doc.To))
	if len(doc.Paths) == 0 {
		fmt.Fprintf(w, "\n%s.\n", doc.Message)
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
			fmt.Fprintf(w, "  → %s%s%s\n      « %s » (%s)\n", s.Title, lvl, jump, s.Evidence, s.Match)
		}
	}
}
