package main

import (
	"bytes"
	"context"

	"github.com/spf13/cobra"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/web"
)

func newMapCmd(o *options) *cobra.Command {
	c := &cobra.Command{Use: "map [--family FAMILLE] [--svg]", Short: "écrit la carte des métiers en DOT (Graphviz) ou en SVG"}
	family := c.Flags().String("family", "", "ne dessiner que cette famille (ou ce domaine ROME) et ses voisins")
	svg := c.Flags().Bool("svg", false, "écrire le SVG dessiné par Graphviz plutôt que le DOT")
	c.RunE = withGraph(o, nil, func(ctx context.Context, g *graph.Graph) error {
		var dot bytes.Buffer
		if err := web.WriteMapDOT(&dot, g, *family); err != nil {
			return err
		}
		if !*svg {
			_, err := o.stdout.Write(dot.Bytes())
			return err
		}
		// The drawing is made in a child process, as the server does.
		r := web.NewRenderer(web.RenderConfig{CacheBytes: -1, MaxDOT: 64 << 20, MaxSVG: 256 << 20})
		defer r.Close()
		out, err := r.Render(ctx, dot.Bytes())
		if err != nil {
			return err
		}
		_, err = o.stdout.Write(out)
		return err
	})
	return c
}
