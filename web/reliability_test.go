package web

import (
	"bytes"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"weak"

	"github.com/pathways-fr/pathways/data"
	"github.com/pathways-fr/pathways/graph"
)

// TestReloadReleasesGraphs reloads the dataset many times, each time
// asking for drawings: once collected, no replaced graph may be left (the
// caches must not hold the graphs they were filled from). Weak pointers
// say it without measuring memory.
func TestReloadReleasesGraphs(t *testing.T) {
	fresh := func() *graph.Graph {
		g, err := graph.LoadMetiers(bytes.NewReader(data.Metiers()), "metiers.json")
		if err != nil {
			t.Fatalf("LoadMetiers: %v", err)
		}
		return g
	}
	sets := NewDatasets("metiers", fresh())
	h, err := NewServer(Config{Datasets: sets, Renderer: svgRenderer(t, RenderConfig{})})
	if err != nil {
		t.Fatal(err)
	}
	var replaced []weak.Pointer[graph.Graph]
	for range 10 {
		g := fresh()
		replaced = append(replaced, weak.Make(g))
		sets.Swap(g)
		for _, target := range []string{"/svg/jobs/ergonome", "/svg/reachable?from=ergonome&depth=1"} {
			readSVG(t, target, svgGet(h, target))
		}
	}
	replaced = replaced[:len(replaced)-1] // the last one serves
	runtime.GC()
	runtime.GC()
	alive := 0
	for _, p := range replaced {
		if p.Value() != nil {
			alive++
		}
	}
	runtime.KeepAlive(h) // the server and its caches live on
	if alive > 0 {
		t.Errorf("%d of %d replaced graphs still reachable after their drawings were served", alive, len(replaced))
	}
}

// TestWorkerEnvironment checks that a render worker inherits nothing of
// the server's environment, the admin token least of all.
func TestWorkerEnvironment(t *testing.T) {
	if _, err := os.Stat("/proc/self/environ"); err != nil {
		t.Skip("no /proc here")
	}
	const secret = "ne-doit-pas-fuiter-0123456789"
	t.Setenv("PATHWAYS_ADMIN_TOKEN", secret)
	r := svgRenderer(t, RenderConfig{})
	if _, err := r.Render(t.Context(), []byte("digraph { a -> b }")); err != nil {
		t.Fatal(err)
	}
	ws := liveWorkers(r)
	if len(ws) != 1 {
		t.Fatalf("%d live workers after a render, want 1", len(ws))
	}
	env, err := os.ReadFile("/proc/" + strconv.Itoa(ws[0].pid()) + "/environ")
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Split(strings.TrimRight(string(env), "\x00"), "\x00")
	if strings.Contains(string(env), secret) || len(got) != len(workerEnv) {
		t.Errorf("worker environment = %q, want only %q", got, workerEnv)
	}
}
