// Command pathways answers career-pathway questions on the repertoire of
// the 35 digital métiers and on ROME, from a terminal or over HTTP.
//
// Usage:
//
//	pathways <command> [arguments] [flags]
//
// Run "pathways help" for the commands.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"syscall"

	"github.com/pathways-fr/pathways/pathways"
	"github.com/pathways-fr/pathways/web"
)

func main() {
	// The server renders SVG in child processes of this same binary.
	if web.IsRenderWorker() {
		os.Exit(web.ServeRenderWorker(os.Stdin, os.Stdout))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err))
}

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // the command failed
	exitUsage = 2 // bad command, flag or argument, unknown job or level
)

// errReported is returned by a command that already wrote its error.
var errReported = errors.New("reported")

// usageError is a mistake in how the command was called.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

func exitCode(err error) int {
	var ue *usageError
	var qe *pathways.Error
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue), errors.As(err, &qe):
		return exitUsage
	case errors.Is(err, errReported):
		return exitError
	}
	return exitError
}

// command is one subcommand: its flags are declared by setup, and run
// does the work once flags and arguments are parsed.
type command struct {
	name, args, summary string
	setup               func(fs *flag.FlagSet, o *options) func(ctx context.Context, o *options, args []string) error
}

// options are the flags shared by every command.
type options struct {
	stdout, stderr io.Writer
	json           bool
	data           string
	dataset        string
	romeDir        string
}

var commands []command

func register(c command) { commands = append(commands, c) }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printHelp(stdout)
		return nil
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		o := &options{stdout: stdout, stderr: stderr}
		fs := flag.NewFlagSet("pathways "+c.name, flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		fs.BoolVar(&o.json, "json", false, "sortie JSON")
		fs.StringVar(&o.data, "data", "", "charger ce répertoire (fichier JSON, ou dossier contenant nodes.csv et edges.csv) au lieu des données intégrées")
		fs.StringVar(&o.dataset, "dataset", "metiers", "jeu de données : metiers ou rome")
		fs.StringVar(&o.romeDir, "rome-dir", "", "charger ROME depuis ce dossier (v3 ou 4.0) au lieu des données intégrées")
		do := c.setup(fs, o)
		// --json decides how errors are written, even an error in an
		// earlier flag: look for it first.
		for _, a := range args[1:] {
			if a == "--" {
				break
			}
			if a == "--json" || a == "-json" || a == "--json=true" || a == "-json=true" {
				o.json = true
			}
		}
		pos, err := parseInterleaved(fs, args[1:])
		if err != nil {
			return report(o, usagef("%s : %s\nusage : pathways %s %s", c.name, flagError(err), c.name, c.args))
		}
		return report(o, do(ctx, o, pos))
	}
	fmt.Fprintf(stderr, "pathways: commande inconnue %q\n\n", args[0])
	printHelp(stderr)
	return &usageError{"unknown command"}
}

// parseInterleaved parses flags wherever they stand among the arguments,
// as people type them: "pathways path technicien architecte --json".
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > 0 && len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// report writes err for people, or as the JSON error document with
// --json, and returns it for the exit code.
func report(o *options, err error) error {
	if err == nil || errors.Is(err, errReported) {
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

type errorBody struct {
	Code        string                `json:"code"`
	Message     string                `json:"message"`
	Suggestions []pathways.Suggestion `json:"suggestions"`
}

func errorDoc(err error) map[string]errorBody {
	b := errorBody{Code: "error", Message: err.Error(), Suggestions: []pathways.Suggestion{}}
	var qe *pathways.Error
	var ue *usageError
	switch {
	case errors.As(err, &qe):
		b.Code, b.Message = qe.Code, qe.Message
		if qe.Suggestions != nil {
			b.Suggestions = qe.Suggestions
		}
	case errors.As(err, &ue):
		b.Code = "usage"
	}
	return map[string]errorBody{"error": b}
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "pathways — parcours de carrière dans les métiers du numérique")
	fmt.Fprintln(w, "\nUsage : pathways <commande> [arguments] [options]\n\nCommandes :")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %-42s %s\n", c.name, c.args, c.summary)
	}
	fmt.Fprintln(w, "\nOptions communes : --json, --data FICHIER, --dataset metiers|rome, --rome-dir DOSSIER")
	fmt.Fprintln(w, "Exemples :\n  pathways path technicien architecte\n  pathways reachable --level BTS\n  pathways feeders \"Architecte logiciel\"")
}

// needArgs checks the number of positional arguments.
func needArgs(args []string, n int, what string) error {
	if len(args) != n {
		return usagef("attendu : %s (reçu %d argument(s))", what, len(args))
	}
	return nil
}

// joinArgs lets a free text be typed without quotes.
func joinArgs(args []string) string { return strings.Join(args, " ") }

// flagErrorRE matches the messages of package flag, to say them in French.
var flagErrorRE = []struct {
	re     *regexp.Regexp
	format string
}{
	{regexp.MustCompile(`^invalid value "(.*)" for flag -(\S+): .*$`), "valeur invalide « $1 » pour --$2"},
	{regexp.MustCompile(`^invalid boolean value "(.*)" for -(\S+): .*$`), "valeur invalide « $1 » pour --$2 (true ou false)"},
	{regexp.MustCompile(`^flag provided but not defined: -+(\S+)$`), "option inconnue --$1"},
	{regexp.MustCompile(`^flag needs an argument: -+(\S+)$`), "l'option --$1 attend une valeur"},
}

func flagError(err error) string {
	msg := err.Error()
	for _, f := range flagErrorRE {
		if f.re.MatchString(msg) {
			return f.re.ReplaceAllString(msg, f.format)
		}
	}
	return msg
}
