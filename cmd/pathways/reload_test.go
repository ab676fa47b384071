package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"time"

	"github.com/pathways-fr/pathways/data"
)

const reloadToken = "jeton-de-test-0123456789abcdef"

// titledMetiers returns the embedded repertoire with the title of
// architecte-logiciel changed to title.
func titledMetiers(t *testing.T, title string) []byte {
	t.Helper()
	const old = `"title": "Architecte logiciel"`
	b := data.Metiers()
	if bytes.Count(b, []byte(old)) != 1 {
		t.Fatalf("data/metiers.json does not hold %s once", old)
	}
	return bytes.Replace(b, []byte(old), []byte(`"title": "`+title+`"`), 1)
}

// renamed returns the repertoire b under dataset name.
func renamed(t *testing.T, b []byte, name string) []byte {
	t.Helper()
	const old = `"dataset": "metiers"`
	if bytes.Count(b, []byte(old)) != 1 {
		t.Fatalf("the repertoire does not hold %s once", old)
	}
	return bytes.Replace(b, []byte(old), []byte(`"dataset": "`+name+`"`), 1)
}

// brokenMetiers is a repertoire with a duplicate ID on line 4.
const brokenMetiers = "{\n  \"jobs\": [\n    {\"id\": \"a\", \"title\": \"A\"},\n    {\"id\": \"a\", \"title\": \"B\"}\n  ]\n}\n"

// writeFile replaces the file at path, as an editor would: a new file
// renamed over the old one.
func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// jobTitle returns the title GET /api/jobs/architecte-logiciel answers.
func jobTitle(t *testing.T, base string) string {
	t.Helper()
	status, body := getStatus(t, base+"/api/jobs/architecte-logiciel")
	var doc struct {
		Title string `json:"title"`
	}
	if err := json.Unmarshal(body, &doc); status != http.StatusOK || err != nil {
		t.Fatalf("GET /api/jobs/architecte-logiciel: %d %.200s (%v)", status, body, err)
	}
	return doc.Title
}

// postReload posts to /admin/reload with the token and returns the
// status and the error code, if any.
func postReload(t *testing.T, base, token string) (int, string, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, base+"/admin/reload", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST /admin/reload: %v", err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	var doc struct {
		Error struct{ Code, Message string }
	}
	json.Unmarshal(body, &doc)
	return res.StatusCode, doc.Error.Code, doc.Error.Message
}

// waitFor polls cond until it holds. It sets no deadline of its own: how
// long a reload takes depends on the machine, and a server that never
// reloads is caught by go test -timeout, with every goroutine's stack.
func waitFor(cond func() bool) {
	for !cond() {
		time.Sleep(10 * time.Millisecond)
	}
}

// TestServeReload starts serve on a copy of the repertoire, then breaks
// and mends the file, reloading it through POST /admin/reload and through
// SIGHUP: bad data is refused with its file and line, and the old data
// keeps serving; good data is served as soon as the reload answers.
//
// The test sends SIGHUP to its own process. That is safe because the test
// listens for SIGHUP itself from start to end: while any channel is
// notified, the signal never takes its default action (ending the
// process), even before serve starts listening or after it stops.
func TestServeReload(t *testing.T) {
	guard := make(chan os.Signal, 16)
	signal.Notify(guard, syscall.SIGHUP)
	defer signal.Stop(guard)

	path := filepath.Join(t.TempDir(), "metiers.json")
	writeFile(t, path, titledMetiers(t, "Architecte logiciel v1"))
	t.Setenv(adminTokenEnv, reloadToken)

	srv := startServe(t, "serve", "--addr", "127.0.0.1:0", "--data", path)
	base := readAddress(t, srv.out)
	if got := jobTitle(t, base); got != "Architecte logiciel v1" {
		t.Fatalf("title = %q, want the one of the file", got)
	}

	// Bad data through POST: refused, named, logged; v1 keeps serving.
	writeFile(t, path, []byte(brokenMetiers))
	status, code, msg := postReload(t, base, reloadToken)
	if status != http.StatusUnprocessableEntity || code != "invalid_dataset" || !strings.Contains(msg, path+":4") {
		t.Errorf("POST /admin/reload of a broken file: %d %s %q, want 422 invalid_dataset naming %s:4", status, code, msg, path)
	}
	if got := jobTitle(t, base); got != "Architecte logiciel v1" {
		t.Errorf("after a refused reload, title = %q, want the old one", got)
	}
	if !strings.Contains(srv.stderr.String(), "rechargement refusé") {
		t.Errorf("the refused reload is not logged:\n%s", srv.stderr.String())
	}
	// A file that takes the name of ROME, or changes its own: refused,
	// ROME and v1 keep serving.
	for _, name := range []string{"rome", "rome-v3", "autre", "<script>"} {
		writeFile(t, path, renamed(t, titledMetiers(t, "Architecte logiciel renommé"), name))
		if status, code, _ := postReload(t, base, reloadToken); status != http.StatusUnprocessableEntity || code != "invalid_dataset" {
			t.Errorf("POST /admin/reload of a repertoire named %q: %d %s, want 422 invalid_dataset", name, status, code)
		}
		if got := jobTitle(t, base); got != "Architecte logiciel v1" {
			t.Errorf("after a reload refused for the name %q, title = %q, want the old one", name, got)
		}
	}
	if status, _ := getStatus(t, base+"/api/jobs/M1860?dataset=rome"); status != http.StatusOK {
		t.Errorf("after the refused reloads, GET /api/jobs/M1860?dataset=rome = %d, want 200", status)
	}
	if status, _, _ := postReload(t, base, reloadToken+"x"); status != http.StatusUnauthorized {
		t.Errorf("POST /admin/reload with a wrong token: %d, want 401", status)
	}

	// Good data through POST: served once the answer is in.
	writeFile(t, path, titledMetiers(t, "Architecte logiciel v2"))
	if status, code, msg := postReload(t, base, reloadToken); status != http.StatusOK {
		t.Fatalf("POST /admin/reload of a good file: %d %s %q, want 200", status, code, msg)
	}
	if got := jobTitle(t, base); got != "Architecte logiciel v2" {
		t.Errorf("after a reload, title = %q, want v2", got)
	}

	// Good data through SIGHUP.
	writeFile(t, path, titledMetiers(t, "Architecte logiciel v3"))
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	waitFor(func() bool { // after SIGHUP, the title is v3
		return jobTitle(t, base) == "Architecte logiciel v3"
	})

	// Bad data through SIGHUP: logged, v3 keeps serving.
	writeFile(t, path, []byte(brokenMetiers))
	refused := strings.Count(srv.stderr.String(), "rechargement refusé")
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	waitFor(func() bool { // after SIGHUP on a broken file, the refusal is logged
		return strings.Count(srv.stderr.String(), "rechargement refusé") > refused
	})
	if log := srv.stderr.String(); !strings.Contains(log, "par=SIGHUP") || !strings.Contains(log, path+":4") {
		t.Errorf("the refused SIGHUP reload does not log its cause and file:\n%s", log)
	}
	if got := jobTitle(t, base); got != "Architecte logiciel v3" {
		t.Errorf("after a refused SIGHUP reload, title = %q, want v3", got)
	}

	srv.cancel()
	if err := <-srv.done; err != nil {
		t.Errorf("run(serve) after cancel = %v, want nil", err)
	}
}
