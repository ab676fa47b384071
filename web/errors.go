package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/pathways-fr/pathways/pathways"
)

// Error codes of the HTTP layer; the codes of queries are those of
// package pathways.
const (
	codeUnknownDataset   = "unknown_dataset"
	codeNotFound         = "not_found"
	codeMethodNotAllowed = "method_not_allowed"
	codeInternal         = "internal_error"
)

// Errors of the HTTP layer that are not query errors.
var (
	errNotFound         = errors.New("no such route")
	errMethodNotAllowed = errors.New("method not allowed")
)

// statusOf maps an error to an HTTP status. Unknown errors are 500s.
func statusOf(err error) int {
	switch {
	case errors.Is(err, pathways.ErrUnknownJob), errors.Is(err, errNotFound):
		return http.StatusNotFound
	case errors.Is(err, pathways.ErrBadQuery):
		return http.StatusBadRequest
	case errors.Is(err, errMethodNotAllowed):
		return http.StatusMethodNotAllowed
	}
	return http.StatusInternalServerError
}

// errorDoc is the document of every error answer.
type errorDoc struct {
	Error errorBody `json:"error"`
}

type errorBody struct {
	Code        string                `json:"code"`
	Message     string                `json:"message"`
	Suggestions []pathways.Suggestion `json:"suggestions"` // never null
}

// writeError answers err as the JSON error document and ends the
// request. A 500 shows only "erreur interne": the real error goes to the
// request log, through c.Errors.
func writeError(c *gin.Context, err error) {
	status := statusOf(err)
	body := errorBody{Code: codeInternal, Message: "erreur interne", Suggestions: []pathways.Suggestion{}}
	var qe *pathways.Error
	switch {
	case status == http.StatusInternalServerError:
		_ = c.Error(err)
	case errors.As(err, &qe):
		body.Code, body.Message = qe.Code, qe.Message
		if qe.Suggestions != nil {
			body.Suggestions = qe.Suggestions
		}
	case status == http.StatusNotFound:
		body.Code, body.Message = codeNotFound, "aucune ressource à cette adresse"
	case status == http.StatusMethodNotAllowed:
		body.Code, body.Message = codeMethodNotAllowed, "méthode HTTP non autorisée à cette adresse"
	}
	// An error may stop being one (a dataset is added, a bug fixed).
	c.Header("Cache-Control", "no-store")
	// A handler that failed halfway may have set another type.
	c.Header("Content-Type", jsonType)
	c.AbortWithStatusJSON(status, errorDoc{Error: body})
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
