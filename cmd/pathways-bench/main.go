// Command pathways-bench is the developer's tooling of pathways, kept out
// of the product binary: it measures the engine and the server on this
// machine (bench), saturates a local server and checks it holds
// (loadtest), and writes synthetic repertoires for both (gen).
//
// Usage:
//
//	pathways-bench bench [--quick] [--http] [--runs N] [--server BINAIRE]
//	pathways-bench loadtest [--duration 60s] [--clients 16] [--api-clients 0]
//	pathways-bench scenarios [--only reloads|connections|exports|bystander]
//	pathways-bench gen --jobs N --edges M [--seed S] [--families F]
package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/pathways-fr/pathways/cmd/internal/cli"
)

func main() { cli.Main(run, cli.ExitCode) }

// run runs the command args name and writes its error to stderr.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	root := &cobra.Command{
		Use:     "pathways-bench",
		Long:    "pathways-bench — mesures et essais de charge de pathways (outils de développement)",
		Example: "Exemples :\n  pathways-bench bench --quick\n  pathways-bench loadtest --duration 10s\n  pathways-bench gen --jobs 10000 --edges 100000 > synthetique.json",
	}
	cli.Setup(root)
	root.AddCommand(newBenchCmd(), newGenCmd(), newLoadtestCmd(), newScenariosCmd())
	err := cli.Execute(ctx, root, args, stdout, stderr)
	if err != nil && !errors.Is(err, cli.ErrReported) {
		fmt.Fprintln(stderr, "pathways-bench:", err)
	}
	return err
}
