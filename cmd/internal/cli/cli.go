// Package cli holds what the commands of this module share on top of
// cobra: help and flag errors written in French, usage errors and their
// exit code, and flags spelt with one dash as well as two.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitError = 1 // the command failed
	ExitUsage = 2 // bad command, flag or argument
)

// ErrReported is returned by a command that already wrote its error.
var ErrReported = errors.New("reported")

// UsageError is a mistake in how the command was called.
type UsageError struct {
	msg string
	err error // ErrReported when the message is already written
}

func (e *UsageError) Error() string { return e.msg }
func (e *UsageError) Unwrap() error { return e.err }

// Usagef returns a UsageError.
func Usagef(format string, args ...any) error {
	return &UsageError{msg: fmt.Sprintf(format, args...)}
}

// IsUsage reports whether err is a mistake in how the command was called.
func IsUsage(err error) bool {
	var ue *UsageError
	return errors.As(err, &ue)
}

// ExitCode returns the exit code of a command's error: ExitOK for none,
// ExitUsage for a usage error, ExitError for any other.
func ExitCode(err error) int {
	switch {
	case err == nil:
		return ExitOK
	case IsUsage(err):
		return ExitUsage
	}
	return ExitError
}

// NeedArgs checks the number of positional arguments.
func NeedArgs(args []string, n int, what string) error {
	if len(args) != n {
		return Usagef("attendu : %s (arguments reçus : %d)", what, len(args))
	}
	return nil
}

// Setup prepares root for Execute: help in French (root.Long is the
// first line of the general help, root.Example what follows the list of
// commands), flag errors as usage errors, an unknown command as a usage
// error, and no message written by cobra itself.
func Setup(root *cobra.Command) {
	root.SilenceErrors, root.SilenceUsage = true, true
	root.CompletionOptions.DisableDefaultCmd = true
	root.Args = cobra.ArbitraryArgs
	root.RunE = func(c *cobra.Command, args []string) error {
		if len(args) == 0 {
			printRootHelp(c.OutOrStdout(), c)
			return nil
		}
		fmt.Fprintf(c.ErrOrStderr(), "%s: commande inconnue %q\n\n", c.Name(), args[0])
		printRootHelp(c.ErrOrStderr(), c)
		return &UsageError{msg: "unknown command", err: ErrReported}
	}
	root.PersistentFlags().BoolP("help", "h", false, "affiche l'aide")
	root.SetHelpFunc(func(c *cobra.Command, _ []string) { printHelp(c.OutOrStdout(), c) })
	root.SetHelpCommand(&cobra.Command{
		Use:   "help [COMMANDE]",
		Short: "affiche l’aide générale, ou celle d’une commande",
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				printRootHelp(c.OutOrStdout(), c.Root())
				return nil
			}
			sub, rest, err := c.Root().Find(args)
			if err != nil || sub == c.Root() || len(rest) > 0 {
				return Usagef("commande inconnue %q", strings.Join(args, " "))
			}
			printHelp(c.OutOrStdout(), sub)
			return nil
		},
	})
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return Usagef("%s : %s\nusage : %s %s", c.Name(), describeFlagError(err), c.Root().Name(), c.Use)
	})
}

// Execute runs the command args name, writing to stdout and stderr.
func Execute(ctx context.Context, root *cobra.Command, args []string, stdout, stderr io.Writer) error {
	root.SetOut(stdout)
	root.SetErr(stderr)
	if len(args) == 0 || !strings.HasPrefix(args[0], cobra.ShellCompRequestCmd) {
		args = doubleDash(root, args)
	}
	root.SetArgs(args)
	return root.ExecuteContext(ctx)
}

// Args is the part of c.Use after the command's name: its arguments.
func Args(c *cobra.Command) string {
	_, args, _ := strings.Cut(c.Use, " ")
	return args
}

// describeFlagError says in French what pflag found wrong.
func describeFlagError(err error) string {
	var (
		invalid  *pflag.InvalidValueError
		required *pflag.ValueRequiredError
		unknown  *pflag.NotExistError
		syntax   *pflag.InvalidSyntaxError
	)
	switch {
	case errors.As(err, &invalid):
		f := invalid.GetFlag()
		if f.Value.Type() == "bool" {
			return fmt.Sprintf("valeur invalide « %s » pour --%s (true ou false)", invalid.GetValue(), f.Name)
		}
		return fmt.Sprintf("valeur invalide « %s » pour --%s", invalid.GetValue(), f.Name)
	case errors.As(err, &required):
		return fmt.Sprintf("l’option --%s attend une valeur", required.GetSpecifiedName())
	case errors.As(err, &unknown):
		if unknown.GetSpecifiedShortnames() != "" {
			return fmt.Sprintf("option inconnue -%s", unknown.GetSpecifiedName())
		}
		return fmt.Sprintf("option inconnue --%s", unknown.GetSpecifiedName())
	case errors.As(err, &syntax):
		return fmt.Sprintf("option mal écrite « %s »", syntax.GetSpecifiedFlag())
	}
	return err.Error()
}

// doubleDash rewrites the flags spelt with one dash ("-json", "-k=2"),
// as the flag package of the standard library accepted them, with two.
// The value of a flag that takes one is left as it is, even when it
// starts with a dash ("--depth -1"), and so is everything after "--".
func doubleDash(root *cobra.Command, args []string) []string {
	valued := map[string]bool{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, fs := range []*pflag.FlagSet{c.Flags(), c.PersistentFlags()} {
			fs.VisitAll(func(f *pflag.Flag) { valued[f.Name] = f.NoOptDefVal == "" })
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	out := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(out, args[i:]...)
		}
		if len(a) > 1 && a[0] == '-' && a[1] != '-' && a != "-h" {
			a = "-" + a
		}
		out = append(out, a)
		if name, ok := strings.CutPrefix(a, "--"); ok && valued[name] && i+1 < len(args) {
			i++
			out = append(out, args[i])
		}
	}
	return out
}
