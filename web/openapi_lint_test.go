package web

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/pathways-fr/pathways/internal/testtool"
)

// lintTool returns the path of an OpenAPI linter that .ci/run installs
// with npm into .ci/node_modules (versions pinned in .ci/package.json).
// Without it the test is skipped, unless CI is set: there it fails.
func lintTool(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", ".ci", "node_modules", ".bin", name))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		testtool.Missing(t, name, "npm ci --prefix .ci puts it in .ci/node_modules")
	}
	return p
}

// lintEnv keeps the linters from calling home.
func lintEnv() []string {
	return append(os.Environ(), "REDOCLY_TELEMETRY=off", "REDOCLY_SUPPRESS_UPDATE_NOTICE=true", "NO_UPDATE_NOTIFIER=1")
}

// TestOpenAPIRedoclyLint runs @redocly/cli lint, recommended rules, on
// openapi.json: 0 errors and 0 warnings.
func TestOpenAPIRedoclyLint(t *testing.T) {
	redocly := lintTool(t, "redocly")
	cmd := exec.Command(redocly, "lint", "openapi.json", "--format=json")
	cmd.Env = lintEnv()
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	runErr := cmd.Run()
	var report struct {
		Totals struct {
			Errors, Warnings int
		} `json:"totals"`
		Problems []struct {
			RuleID   string `json:"ruleId"`
			Severity string `json:"severity"`
			Message  string `json:"message"`
		} `json:"problems"`
	}
	if err := json.Unmarshal(out.Bytes(), &report); err != nil {
		t.Fatalf("redocly lint: %v (run: %v)\n%s", err, runErr, stderr.String())
	}
	if report.Totals.Errors != 0 || report.Totals.Warnings != 0 || runErr != nil {
		t.Errorf("redocly lint openapi.json: %d errors, %d warnings (run: %v)", report.Totals.Errors, report.Totals.Warnings, runErr)
	}
	for _, p := range report.Problems {
		t.Errorf("redocly: %s %s: %s", p.Severity, p.RuleID, p.Message)
	}
}

// TestOpenAPISpectralLint runs @stoplight/spectral-cli lint with the
// spectral:oas ruleset on openapi.json: no result of any severity.
func TestOpenAPISpectralLint(t *testing.T) {
	spectral := lintTool(t, "spectral")
	cmd := exec.Command(spectral, "lint", "openapi.json", "--ruleset", "testdata/spectral.yaml", "--format", "json", "--quiet")
	cmd.Env = lintEnv()
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	runErr := cmd.Run()
	var results []struct {
		Code     string `json:"code"`
		Message  string `json:"message"`
		Severity int    `json:"severity"`
		Path     []any  `json:"path"`
	}
	if err := json.Unmarshal(bytes.TrimSpace(out.Bytes()), &results); err != nil {
		t.Fatalf("spectral lint: %v (run: %v)\n%s%s", err, runErr, out.String(), stderr.String())
	}
	for _, r := range results {
		t.Errorf("spectral: %s at %v: %s (severity %d)", r.Code, r.Path, r.Message, r.Severity)
	}
	if runErr != nil && len(results) == 0 {
		t.Errorf("spectral lint: %v\n%s", runErr, stderr.String())
	}
}
