package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pathways-fr/pathways/cmd/internal/cli"
	"github.com/pathways-fr/pathways/cmd/internal/datasets"
	"github.com/pathways-fr/pathways/pathways"
	"github.com/pathways-fr/pathways/web"
)

// options are the flags shared by every command, and where commands write.
type options struct {
	stdout, stderr io.Writer
	json           bool
	data           string
	dataset        string
	romeDir        string
}

// newRoot returns the command tree, its flags bound to o.
func newRoot(o *options) *cobra.Command {
	root := &cobra.Command{
		Use:  "pathways",
		Long: "pathways — parcours de carrière dans les métiers du numérique",
		Example: "Options communes : --json, --data FICHIER, --dataset " + strings.Join(datasets.Names, "|") + ", --rome-dir DOSSIER\n" +
			"Exemples :\n  pathways path technicien architecte\n  pathways reachable --level BTS\n  pathways feeders \"Architecte logiciel\"",
	}
	cli.Setup(root)
	pf := root.PersistentFlags()
	pf.BoolVar(&o.json, "json", o.json, "sortie JSON")
	pf.StringVar(&o.data, "data", "", "charger ce répertoire (fichier JSON, ou dossier contenant nodes.csv et edges.csv) au lieu des données intégrées")
	pf.StringVar(&o.dataset, "dataset", datasets.Metiers, "jeu de données : metiers (le répertoire), rome (ROME 4.0) ou rome-v3 (ROME v3.47)")
	pf.StringVar(&o.romeDir, "rome-dir", "", "charger ROME depuis ce dossier au lieu des données intégrées : une version 4.x remplace rome, une v3 remplace rome-v3")
	root.RegisterFlagCompletionFunc("dataset", cobra.FixedCompletions(datasets.Names, cobra.ShellCompDirectiveNoFileComp))
	root.MarkPersistentFlagDirname("rome-dir")
	root.AddCommand(
		newCompareCmd(o),
		newCompletionCmd(),
		newExportCmd(o),
		newFeedersCmd(o),
		newJobsCmd(o),
		newLevelsCmd(o),
		newMapCmd(o),
		newPathCmd(o),
		newReachableCmd(o),
		newResolveCmd(o),
		newServeCmd(o),
		newShowCmd(o),
		newSuggestCmd(o),
		newValidateCmd(o),
		newVersionCmd(o),
	)
	return root
}

// typesFlag declares --types, the kinds of moves a query follows.
func typesFlag(c *cobra.Command, p *string) {
	c.Flags().StringVar(p, "types", "", "types de mobilité : evolution, proche, formation (les trois par défaut), suggestion (d’après les compétences, non officielle : rome et all, seulement si demandée)")
	c.RegisterFlagCompletionFunc("types", cobra.FixedCompletions([]string{"evolution", "proche", "evolution,proche", "evolution,proche,formation,suggestion"}, cobra.ShellCompDirectiveNoFileComp))
}

// report writes err for people, or as the JSON error document with
// --json, and returns it for the exit code.
func report(o *options, err error) error {
	if err == nil || errors.Is(err, cli.ErrReported) {
		return err
	}
	if o.json {
		writeJSON(o.stdout, errorDoc(err))
		return err
	}
	var qe *pathways.Error
	if errors.As(err, &qe) {
		fmt.Fprintln(o.stderr, "pathways:", qe.Message)
		for _, s := range qe.Suggestions {
			fmt.Fprintf(o.stderr, "  - %s (%s)\n", s.Title, s.ID)
		}
		return err
	}
	fmt.Fprintln(o.stderr, "pathways:", err)
	return err
}

// errorDoc is the JSON error document of err, written by the server's
// one error writer (web.DescribeError). An error it knows no code of is,
// on the command line, a usage error or a plain error whose cause is
// shown: the one who ran the command is the one who reads it.
func errorDoc(err error) web.ErrorDoc {
	status, doc := web.DescribeError(err)
	var qe *pathways.Error
	if status == http.StatusInternalServerError && !errors.As(err, &qe) {
		doc.Error.Code, doc.Error.Message = "error", err.Error()
		if cli.IsUsage(err) {
			doc.Error.Code = "usage"
		}
	}
	return doc
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// usagef, needArgs: the shared usage errors, under short names.
var (
	usagef   = cli.Usagef
	needArgs = cli.NeedArgs
)

// joinArgs lets a free text be typed without quotes.
func joinArgs(args []string) string { return strings.Join(args, " ") }
