package main

import (
	"github.com/spf13/cobra"

	"github.com/pathways-fr/pathways/cmd/internal/cli"
)

func newCompletionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "completion bash|zsh|fish",
		Short: "écrit le script de complétion des commandes pour ce shell",
		Long: "Pour l’essayer dans le shell courant :\n  source <(pathways completion bash)\n" +
			"Pour l’installer, écrivez-le là où votre shell lit ses complétions, par exemple :\n" +
			"  pathways completion bash > ~/.local/share/bash-completion/completions/pathways\n" +
			"  pathways completion zsh > \"${fpath[1]}/_pathways\"\n" +
			"  pathways completion fish > ~/.config/fish/completions/pathways.fish",
		ValidArgs: []string{"bash", "zsh", "fish"},
		RunE: func(c *cobra.Command, args []string) error {
			if err := cli.NeedArgs(args, 1, "le nom du shell : bash, zsh ou fish"); err != nil {
				return err
			}
			root, w := c.Root(), c.OutOrStdout()
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(w, true)
			case "zsh":
				return root.GenZshCompletion(w)
			case "fish":
				return root.GenFishCompletion(w, true)
			}
			return cli.Usagef("shell inconnu %q : bash, zsh ou fish", args[0])
		},
	}
}
