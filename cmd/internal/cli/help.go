package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// printRootHelp writes the general help: root.Long, the commands, then
// root.Example.
func printRootHelp(w io.Writer, root *cobra.Command) {
	fmt.Fprintln(w, root.Long)
	fmt.Fprintf(w, "\nUsage : %s <commande> [arguments] [options]\n\nCommandes :\n", root.Name())
	for _, c := range root.Commands() {
		if c.IsAvailableCommand() || c.Name() == "help" {
			fmt.Fprintf(w, "  %-10s %-42s %s\n", c.Name(), Args(c), c.Short)
		}
	}
	if root.Example != "" {
		fmt.Fprintf(w, "\n%s\n", root.Example)
	}
}

// printHelp writes the help of one command: what it does, how to call
// it, its options and those every command shares.
func printHelp(w io.Writer, c *cobra.Command) {
	if !c.HasParent() {
		printRootHelp(w, c)
		return
	}
	fmt.Fprintf(w, "%s — %s\n\nUsage : %s %s\n", c.CommandPath(), c.Short, c.Root().Name(), c.Use)
	if c.Long != "" {
		fmt.Fprintf(w, "\n%s\n", c.Long)
	}
	printFlags(w, "Options", c.LocalNonPersistentFlags())
	printFlags(w, "Options communes", c.InheritedFlags())
	if c.Example != "" {
		fmt.Fprintf(w, "\nExemples :\n%s\n", c.Example)
	}
}

// printFlags writes a section of flags, in our words: pflag's own usage
// lines are in English.
func printFlags(w io.Writer, title string, fs *pflag.FlagSet) {
	var names, usages []string
	width := 0
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden || f.Name == "help" {
			return
		}
		name := "--" + f.Name
		if v := valueName(f); v != "" {
			name += " " + v
		}
		usage := f.Usage
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			usage += fmt.Sprintf(" (par défaut : %s)", f.DefValue)
		}
		names, usages = append(names, name), append(usages, usage)
		width = max(width, len([]rune(name)))
	})
	if len(names) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s :\n", title)
	for i, n := range names {
		fmt.Fprintf(w, "  %s%s  %s\n", n, strings.Repeat(" ", width-len([]rune(n))), usages[i])
	}
}

// valueName names what a flag's value is, as the help writes it.
func valueName(f *pflag.Flag) string {
	switch f.Value.Type() {
	case "bool":
		return ""
	case "int", "uint64", "int64":
		return "N"
	case "float64":
		return "X"
	case "duration":
		return "DURÉE"
	}
	return "TEXTE"
}
