package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/pathways-fr/pathways/pathways"
)

func init() {
	register(command{name: "reachable", args: "--from TEXTE | --level NIVEAU [--depth N]", summary: "métiers accessibles depuis un métier ou un diplôme",
		setup: func(fs *flag.FlagSet, o *options) func(context.Context, *options, []string) error {
			from := fs.String("from", "", "métier de départ")
			level := fs.String("level", "", "diplôme ou niveau de départ (BTS, bac+2, master…)")
			depth := fs.Int("depth", 0, "nombre maximal d'étapes (0 : sans limite)")
			types := fs.String("types", "", "types de mobilité : evolution, proche (les deux par défaut)")
			return func(ctx context.Context, o *options, args []string) error {
				if len(args) > 0 && *from == "" && *level == "" {
					*from = joinArgs(args)
				} else if len(args) > 0 {
					return usagef("argument inattendu %q", args[0])
				}
				if (*from == "") == (*level == "") {
					return usagef("attendu : --from TEXTE ou --level NIVEAU (l'un des deux)")
				}
				t, err := pathways.ParseTypes(*types)
				if err != nil {
					return err
				}
				g, err := loadGraph(o)
				if err != nil {
					return err
				}
				var ep pathways.Endpoint
				if *level != "" {
					ep, err = pathways.LevelEndpoint(g, *level)
				} else {
					ep, err = pathways.FindFrom(g, *from)
				}
				if err != nil {
					return err
				}
				doc, err := pathways.Reachable(g, ep, *depth, t)
				if err != nil {
					return err
				}
				if o.json {
					return writeJSON(o.stdout, doc)
				}
				if doc.Level != nil {
					fmt.Fprintf(o.stdout, "Avec un niveau %s, on peut viser :\n", *doc.Level)
				} else {
					fmt.Fprintf(o.stdout, "Depuis %s, on peut atteindre :\n", titles(doc.Start))
				}
				printRoles(o.stdout, doc, "via")
				return nil
			}
		}})
	register(command{name: "feeders", args: "TEXTE [--depth N]", summary: "métiers qui mènent à un métier",
		setup: func(fs *flag.FlagSet, o *options) func(context.Context, *options, []string) error {
			depth := fs.Int("depth", 0, "nombre maximal d'étapes (0 : sans limite)")
			types := fs.String("types", "", "types de mobilité : evolution, proche (les deux par défaut)")
			return func(ctx context.Context, o *options, args []string) error {
				if len(args) == 0 {
					return usagef("attendu : le métier d'arrivée")
				}
				t, err := pathways.ParseTypes(*types)
				if err != nil {
					return err
				}
				g, err := loadGraph(o)
				if err != nil {
					return err
				}
				to, err := pathways.Find(g, joinArgs(args))
				if err != nil {
					return err
				}
				doc, err := pathways.Feeders(g, to, *depth, t)
				if err != nil {
					return err
				}
				if o.json {
					return writeJSON(o.stdout, doc)
				}
				fmt.Fprintf(o.stdout, "Mènent à %s :\n", titles(doc.Start))
				printRoles(o.stdout, doc, "vers")
				return nil
			}
		}})
}

func printRoles(w io.Writer, doc pathways.Reach, via string) {
	n := 0
	for _, r := range doc.Roles {
		if r.Distance == 0 && doc.Level == nil {
			continue
		}
		n++
		ext := ""
		if r.Kind == "external" {
			ext = " (hors répertoire)"
		}
		v := ""
		if r.Via != nil {
			v = fmt.Sprintf("  (%s %s)", via, *r.Via)
		}
		fmt.Fprintf(w, "  %d  %-8s %s%s%s\n", r.Distance, levelLabel(r.Level), r.Title, ext, v)
	}
	if n == 0 {
		fmt.Fprintln(w, "  (aucun)")
	}
}
