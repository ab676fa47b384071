package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/pathways-fr/pathways/pathways"
)

// Error codes of the HTTP layer; the codes of queries are those of
// package pathways, and view_too_large is codeViewTooLarge (dot.go).
const (
	codeUnknownDataset   = "unknown_dataset"
	codeNotFound         = "not_found"
	codeMethodNotAllowed = "method_not_allowed"
	codeRateLimited      = "rate_limited"
	codeUnauthorized     = "unauthorized"
	codeInvalidDataset   = "invalid_dataset"
	codeReloadFailed     = "reload_failed"
	codeRenderBusy       = "render_busy"
	codeRenderTimeout    = "render_timeout"
	codeRenderTooLarge   = "render_too_large"
	codeRenderFailed     = "render_failed"
	codeShuttingDown     = "shutting_down"
	codeExportBusy       = "export_busy"
	codeBadRequest       = "bad_request"
	codeInternal         = "internal_error"
)

// statusOfCode is the one table of error codes: each code with the HTTP
// status it is answered with.
var statusOfCode = map[string]int{
	pathways.CodeMissing:      http.StatusBadRequest,
	pathways.CodeInvalid:      http.StatusBadRequest,
	pathways.CodeTooLong:      http.StatusBadRequest,
	pathways.CodeOutOfRange:   http.StatusBadRequest,
	pathways.CodeUnknownLevel: http.StatusBadRequest,
	pathways.CodeUnknownJob:   http.StatusNotFound,
	pathways.CodeNoSkills:     http.StatusUnprocessableEntity,
	codeUnknownDataset:        http.StatusBadRequest,
	codeBadRequest:            http.StatusBadRequest,
	codeNotFound:              http.StatusNotFound,
	codeMethodNotAllowed:      http.StatusMethodNotAllowed,
	codeViewTooLarge:          http.StatusUnprocessableEntity,
	codeInvalidDataset:        http.StatusUnprocessableEntity,
	codeUnauthorized:          http.StatusUnauthorized,
	codeRateLimited:           http.StatusTooManyRequests,
	codeRenderBusy:            http.StatusServiceUnavailable,
	codeRenderTimeout:         http.StatusServiceUnavailable,
	codeRenderTooLarge:        http.StatusServiceUnavailable,
	codeRenderFailed:          http.StatusServiceUnavailable,
	codeShuttingDown:          http.StatusServiceUnavailable,
	codeExportBusy:            http.StatusServiceUnavailable,
	codeReloadFailed:          http.StatusInternalServerError,
	codeInternal:              http.StatusInternalServerError,
}

// ErrorDoc is the document of every error answer of the server, and of
// the CLI's --json.
type ErrorDoc struct {
	Error ErrorBody `json:"error"`
}

// ErrorBody is a stable code, a message in French, and for an unknown
// job the jobs the text may have meant.
type ErrorBody struct {
	Code        string                `json:"code"`
	Message     string                `json:"message"`
	Suggestions []pathways.Suggestion `json:"suggestions"` // never null
}

// httpError is an error of the HTTP layer: a code of statusOfCode, the
// message shown to the client, the cause (logged, never shown), and for
// a 429 or 503 the seconds to wait.
type httpError struct {
	code       string
	msg        string
	err        error
	retryAfter int
}

func (e *httpError) Error() string {
	if e.err != nil {
		return e.code + ": " + e.err.Error()
	}
	return e.code + ": " + e.msg
}

func (e *httpError) Unwrap() error { return e.err }

// Errors of the HTTP layer that are not query errors.
var (
	errNotFound         = &httpError{code: codeNotFound, msg: "aucune ressource à cette adresse"}
	errMethodNotAllowed = &httpError{code: codeMethodNotAllowed, msg: "méthode HTTP non autorisée à cette adresse"}
)

// renderErrors maps the errors of a render to their code and message.
var renderErrors = []struct {
	err       error
	code, msg string
}{
	{errRenderBusy, codeRenderBusy, "trop de cartes sont en cours de dessin : réessayez dans quelques secondes"},
	{errRenderShutdown, codeShuttingDown, "le serveur redémarre : réessayez dans quelques secondes"},
	{errRenderTimeout, codeRenderTimeout, "le dessin de cette carte a pris trop de temps : réduisez la vue (profondeur, famille, nombre de parcours) ou réessayez"},
	{errRenderTooLarge, codeRenderTooLarge, "cette carte est trop grande pour être dessinée : réduisez la vue (profondeur, famille, nombre de parcours)"},
	{errRenderFailed, codeRenderFailed, "le dessin de la carte a échoué : réessayez dans un instant"},
	{errRenderClosed, codeRenderFailed, "le dessin de la carte a échoué : réessayez dans un instant"},
	{context.Canceled, codeRenderBusy, "la requête a été abandonnée avant la fin du dessin"},
	{context.DeadlineExceeded, codeRenderBusy, "la requête a été abandonnée avant la fin du dessin"},
}

// errorAnswer is what an error is answered with.
type errorAnswer struct {
	status int
	body   ErrorBody
	retry  int // seconds for Retry-After; 0: none
}

// describe returns the answer to err. An error that carries no code is
// an internal error whose message is never shown.
func describe(err error) errorAnswer {
	a := errorAnswer{body: ErrorBody{Code: codeInternal, Message: "erreur interne"}}
	var qe *pathways.Error
	var he *httpError
	switch {
	case errors.As(err, &he):
		a.body.Code, a.body.Message, a.retry = he.code, he.msg, he.retryAfter
	case errors.As(err, &qe):
		a.body.Code, a.body.Message, a.body.Suggestions = qe.Code, qe.Message, qe.Suggestions
	default:
		for _, re := range renderErrors {
			if errors.Is(err, re.err) {
				a.body.Code, a.body.Message, a.retry = re.code, re.msg, 5
				break
			}
		}
	}
	a.status = statusOfCode[a.body.Code]
	switch {
	case a.status != 0:
	case errors.Is(err, pathways.ErrUnknownJob): // a code of package pathways not in the table
		a.status = http.StatusNotFound
	case errors.Is(err, pathways.ErrBadQuery):
		a.status = http.StatusBadRequest
	default:
		a.status = http.StatusInternalServerError
	}
	if a.body.Suggestions == nil {
		a.body.Suggestions = []pathways.Suggestion{}
	}
	return a
}

// DescribeError returns the HTTP status and the error document of err:
// the one mapping from errors to answers, used by every route and by the
// CLI's --json. An error that carries no code (neither a *pathways.Error
// nor an error of this package) is a 500 that shows only "erreur
// interne": a caller that may show the cause, like the CLI, replaces the
// message.
func DescribeError(err error) (status int, doc ErrorDoc) {
	a := describe(err)
	return a.status, ErrorDoc{Error: a.body}
}

// writeError answers err as the JSON error document and ends the
// request. The cause of a 5xx goes to the request log, through c.Errors.
func writeError(c *gin.Context, err error) {
	a := describe(err)
	if a.status >= http.StatusInternalServerError {
		_ = c.Error(err)
	}
	if a.retry > 0 {
		c.Header("Retry-After", strconv.Itoa(a.retry))
	}
	// An error may stop being one (a dataset is added, a bug fixed).
	c.Header("Cache-Control", "no-store")
	// A handler that failed halfway may have set another type.
	c.Header("Content-Type", jsonType)
	c.Abort()
	writeJSON(c, a.status, ErrorDoc{Error: a.body})
}

// badRequest returns a query error with a code of package pathways (or
// of this package) and a message in French.
func badRequest(code, format string, args ...any) error {
	return &pathways.Error{Code: code, Message: fmt.Sprintf(format, args...), Err: pathways.ErrBadQuery}
}

// unknownDataset is the error for a dataset name that is not loaded;
// known are the loaded ones.
func unknownDataset(name string, known []string) error {
	return badRequest(codeUnknownDataset, "jeu de données inconnu « %s » : %s", name, strings.Join(known, ", "))
}

// notFound answers routes that do not exist.
func notFound(c *gin.Context) { writeError(c, errNotFound) }

// methodNotAllowed answers a known route asked with another method than
// the ones it serves (gin sets the Allow header).
func methodNotAllowed(c *gin.Context) { writeError(c, errMethodNotAllowed) }
