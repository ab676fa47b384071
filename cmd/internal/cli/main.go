package cli

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/pathways-fr/pathways/web"
)

// Main is the main function of both binaries. Started as a render worker
// (the server draws SVG in child processes of its own binary), it serves
// renders; otherwise it calls run with the command line until SIGINT or
// SIGTERM, and exits with the code exitCode gives run's error.
func Main(run func(ctx context.Context, args []string, stdout, stderr io.Writer) error, exitCode func(error) int) {
	web.ServeIfRenderWorker()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err))
}
