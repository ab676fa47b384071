package browser_test

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/pathways-fr/pathways/internal/testtool"
)

// axeScript returns axe-core's script, which .ci/run installs with npm
// (version pinned in .ci/package.json). Without it the browser test
// skips on a workstation and fails on CI, as for Chromium.
func axeScript(t *testing.T) string {
	t.Helper()
	src, err := readAxe()
	if err != nil {
		testtool.Missing(t, "axe-core", "npm ci --prefix .ci puts it in .ci/node_modules")
	}
	return src
}

var readAxe = sync.OnceValues(func() (string, error) {
	b, err := os.ReadFile(filepath.Join("..", "..", ".ci", "node_modules", "axe-core", "axe.min.js"))
	return string(b), err
})

// axeTags are the rules run: WCAG 2.0, 2.1 and 2.2 at levels A and AA,
// which the RGAA follows, and axe's best practices.
const axeTags = `['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']`

// axeViolation is one rule axe-core finds broken, with the elements
// that break it.
type axeViolation struct {
	ID, Impact, Help string
	Targets          []string
}

// checkA11y checks the page as it stands: axe-core's rules, then the
// contrast of every visible text (which axe skips where it cannot tell
// the background).
func (b *browserSession) checkA11y(state string) {
	b.t.Helper()
	b.axe(state)
	b.checkContrast(state)
}

// axe runs axe-core on the page and fails on any violation, naming the
// rule, its impact and the elements.
func (b *browserSession) axe(state string) {
	b.t.Helper()
	// A navigation drops the script: inject it again when it is gone.
	if !eval[bool](b, "look for axe-core", `typeof window.axe === 'object'`) {
		b.do("inject axe-core", chromedp.Evaluate[chromedp.Void](b.axeSrc))
	}
	got, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]axeViolation](`axe.run(document, {
		runOnly: {type: 'tag', values: `+axeTags+`}, resultTypes: ['violations']
	}).then((r) => r.violations.map((v) => ({ID: v.id, Impact: v.impact || '', Help: v.help,
		Targets: v.nodes.map((n) => n.target.join(' '))})))`, chromedp.EvalAwaitPromise))
	if err != nil {
		b.fail("run axe-core", err)
	}
	b.t.Logf("%s: axe-core, %d violations", state, len(got))
	for _, v := range got {
		b.t.Errorf("%s: axe-core %s (%s): %s, on %s", state, v.ID, v.Impact, v.Help, strings.Join(v.Targets, " | "))
	}
}
