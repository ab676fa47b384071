package web

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/pathways-fr/pathways/data"
	"github.com/pathways-fr/pathways/graph"
)

// chromiumPath returns Debian's Chromium. Without it the browser test is
// skipped on a workstation, and fails on CI, where it must be installed.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "/usr/bin/chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed: .ci/run installs it before the tests")
	}
	t.Skip("chromium is not installed (apt-get install chromium)")
	return ""
}

// browserSession drives one Chromium tab against the real server.
type browserSession struct {
	t    *testing.T
	ctx  context.Context
	base string // server URL
	dir  string // where screenshots go

	mu      sync.Mutex
	console []chromedp.ConsoleMessage
}

// do runs actions; on failure it keeps a screenshot and the console.
func (b *browserSession) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.fail(what, err)
	}
}

// eval returns the value of a JavaScript expression in the page.
func eval[T any](b *browserSession, what, expr string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.fail(what, err)
	}
	return v
}

// waitFor waits until a JavaScript expression is truthy.
func (b *browserSession) waitFor(what, expr string) {
	b.t.Helper()
	b.do(what, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingInterval(50*time.Millisecond),
		chromedp.WithPollingTimeout(15*time.Second)))
}

func (b *browserSession) fail(what string, err error) {
	b.t.Helper()
	if b.ctx.Err() == nil {
		b.shot("failure")
	}
	b.mu.Lock()
	for _, m := range b.console {
		b.t.Logf("console: %s", m)
	}
	b.mu.Unlock()
	b.t.Fatalf("%s: %v", what, err)
}

// shot saves a full-page screenshot and logs its path.
func (b *browserSession) shot(name string) {
	b.t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Errorf("screenshot %s: %v", name, err)
		return
	}
	p := filepath.Join(b.dir, name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		b.t.Errorf("screenshot %s: %v", name, err)
		return
	}
	b.t.Logf("screenshot: %s", p)
}

// TestBrowser drives Chromium through the counsellors' page: the path
// finder with its suggestions, the route and its map, a node of the map
// to a job page, the back button, and the level explorer, at a desktop
// and a phone size.
func TestBrowser(t *testing.T) {
	exe := chromiumPath(t)

	g, err := graph.LoadMetiers(bytes.NewReader(data.Metiers()), "metiers.json")
	if err != nil {
		t.Fatal(err)
	}
	h, err := NewServer(Config{Datasets: NewDatasets("metiers", g)})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	defer ts.Close()

	dir := os.Getenv("PATHWAYS_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 800),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()

	b := &browserSession{t: t, ctx: bctx, base: ts.URL, dir: dir}
	messages := chromedp.Console(bctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.console = append(b.console, m)
			b.mu.Unlock()
		}
	}()

	for _, size := range []struct {
		name string
		w, h int64
	}{{"desktop", 1280, 800}, {"phone", 375, 740}} {
		b.do("set the viewport", chromedp.EmulateViewport(size.w, size.h))
		if size.name == "desktop" {
			b.pathScenario()
		} else {
			// The phone opens the same views from shared links.
			b.do("open a shared route", chromedp.Navigate(ts.URL+"/?from=technicien&to=architecte"))
			b.waitFor("the route", `document.querySelector('#path-out .route .step .evidence blockquote')`)
			b.waitFor("the map of the route", `document.querySelector('#path-map svg a')`)
		}
		b.shot(size.name + "-path")

		b.do("open the job page", chromedp.Navigate(ts.URL+"/?job=architecte-logiciel"))
		b.waitFor("the job card", `document.querySelector('#job-h') && document.querySelector('#job-out .card-part')`)
		b.shot(size.name + "-job")

		b.levelScenario()
		b.shot(size.name + "-level")
	}

	b.mu.Lock()
	defer b.mu.Unlock()
	for _, m := range b.console {
		switch {
		case m.IsException():
			t.Errorf("JavaScript exception: %s", m)
		case strings.Contains(m.Text, "Content Security Policy"):
			t.Errorf("CSP violation: %s", m)
		default:
			t.Logf("console: %s", m)
		}
	}
}

// pathScenario types a route, picks a suggestion with the keyboard,
// reads the route, clicks a job on the map and comes back.
func (b *browserSession) pathScenario() {
	t := b.t
	t.Helper()
	b.do("open the page",
		chromedp.Navigate(b.base+"/"),
		chromedp.WaitVisible(chromedp.ID("from")),
		chromedp.SendKeys(chromedp.ID("from"), "technicien"),
		chromedp.WaitVisible(chromedp.CSS("#from-list [role=option]")),
		chromedp.KeyEvent(kb.Escape),
		chromedp.SendKeys(chromedp.ID("to"), "architecte"),
		chromedp.WaitVisible(chromedp.CSS("#to-list [role=option]")),
		chromedp.KeyEvent(kb.ArrowDown),
		chromedp.KeyEvent(kb.Enter),
	)
	type field struct {
		Value, ID, Selected string
	}
	to := eval[field](b, "read the to field",
		`({Value: document.querySelector('#to').value, ID: document.querySelector('#to').dataset.id || '',
		  Selected: document.querySelector('#to').getAttribute('aria-expanded')})`)
	if to.ID == "" || to.Value == "architecte" || to.Selected != "false" {
		t.Fatalf("after choosing a suggestion, #to = %+v, want a chosen job and the list closed", to)
	}

	b.do("submit", chromedp.Click(chromedp.CSS("#path-form button[type=submit]")))
	b.waitFor("a step with evidence", `document.querySelector('#path-out .route .step .evidence blockquote')`)
	loc := eval[string](b, "read the URL", `location.search`)
	q, _ := url.ParseQuery(strings.TrimPrefix(loc, "?"))
	if q.Get("from") != "technicien" || q.Get("to") != to.ID {
		t.Errorf("URL after the search = %q, want from=technicien&to=%s", loc, to.ID)
	}
	// The page shows what the API says: every step, every quote, every
	// level jump.
	var doc struct {
		Paths []struct {
			Steps []struct {
				Evidence    string
				RaisesLevel bool `json:"raises_level"`
			}
		}
	}
	b.getJSON("/api/path?"+url.Values{"from": {"technicien"}, "to": {to.ID}, "k": {"3"}}.Encode(), &doc)
	var want struct{ Routes, Steps, Evidence, Jumps int }
	for _, p := range doc.Paths {
		want.Routes++
		for _, s := range p.Steps {
			want.Steps++
			if s.Evidence != "" {
				want.Evidence++
			}
			if s.RaisesLevel {
				want.Jumps++
			}
		}
	}
	got := eval[struct{ Routes, Steps, Evidence, Jumps int }](b, "count the steps", `({
		Routes: document.querySelectorAll('#path-out .route').length,
		Steps: document.querySelectorAll('#path-out .route .step').length,
		Evidence: document.querySelectorAll('#path-out .route .step .evidence blockquote').length,
		Jumps: Array.from(document.querySelectorAll('#path-out .route .step .badge-warn'))
			.filter(e => e.textContent === 'niveau requis plus élevé').length})`)
	if got != want || want.Routes == 0 {
		t.Errorf("the page shows %+v, want %+v as /api/path says (and at least one route)", got, want)
	}
	b.waitFor("the map of the route", `document.querySelector('#path-map svg a')`)

	// A job of the map: an <a> of the SVG whose link names a job.
	const node = `Array.from(document.querySelectorAll('#path-map svg a')).find(a =>
		/[?&]job=/.test(a.getAttribute('href') || a.getAttribute('xlink:href') || ''))`
	href := eval[string](b, "find a node of the map", `(`+node+`).getAttribute('href') || (`+node+`).getAttribute('xlink:href')`)
	u, err := url.Parse(href)
	if err != nil || u.Query().Get("job") == "" {
		t.Fatalf("map node link = %q, want /?job=ID", href)
	}
	job := u.Query().Get("job")
	title := b.jobTitle(job)
	b.do("click the node", chromedp.Click(chromedp.JSPath(node)))
	b.waitFor("the job page", `new URLSearchParams(location.search).get('job') === `+jsString(job)+
		` && document.querySelector('#job-h') && document.querySelector('#job-h').textContent === `+jsString(title))
	b.shot("desktop-job-from-map")
	if n := eval[int](b, "history", `history.length`); n < 3 {
		t.Errorf("history.length = %d after two searches, want at least 3 (pushState)", n)
	}

	b.do("go back", chromedp.Evaluate[chromedp.Void](`history.back()`))
	b.waitFor("the route again", `!document.querySelector('#view-path').hidden &&
		new URLSearchParams(location.search).get('from') === 'technicien' &&
		document.querySelector('#path-out .route .step .evidence blockquote')`)
}

// levelScenario opens the level explorer from a shared link.
func (b *browserSession) levelScenario() {
	b.t.Helper()
	b.do("open the level explorer", chromedp.Navigate(b.base+"/?level=BTS"))
	b.waitFor("roles reachable with a BTS", `document.querySelectorAll('#level-out .role-list li').length > 0`)
	b.waitFor("the map of the level", `document.querySelector('#level-map svg a')`)
}

// getJSON decodes an API document.
func (b *browserSession) getJSON(path string, v any) {
	b.t.Helper()
	res, err := http.Get(b.base + path)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	if err := json.NewDecoder(res.Body).Decode(v); err != nil || res.StatusCode != http.StatusOK {
		b.t.Fatalf("GET %s: %d %v", path, res.StatusCode, err)
	}
}

// jobTitle asks the API for the title of a job.
func (b *browserSession) jobTitle(id string) string {
	b.t.Helper()
	var doc struct{ Title string }
	b.getJSON("/api/jobs/"+url.PathEscape(id), &doc)
	return doc.Title
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
