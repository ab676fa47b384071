// Package pathways answers the questions asked of a career graph: which
// jobs a text names, how to get from one job (or diploma) to another, what
// can be reached from a job or a diploma, and who usually becomes a job.
// Every function reads an immutable *graph.Graph and is safe for
// concurrent use.
package pathways

import (
	"errors"
	"fmt"
)

// Sentinel errors. Callers match them with errors.Is; the *Error that
// wraps them carries a stable code and a message in French for people.
var (
	ErrUnknownJob = errors.New("unknown job")
	ErrBadQuery   = errors.New("bad query")
)

// Stable error codes, shared by the CLI and the HTTP API.
const (
	CodeMissing      = "missing_parameter"
	CodeInvalid      = "invalid_parameter"
	CodeTooLong      = "parameter_too_long"
	CodeOutOfRange   = "out_of_range"
	CodeUnknownLevel = "unknown_level"
	CodeUnknownJob   = "unknown_job"
)

// Suggestion is a job that a misspelt or unknown text may have meant.
type Suggestion struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// Error is a query error: a stable code, a message in French, and for an
// unknown job the jobs the text may have meant.
type Error struct {
	Code        string
	Message     string
	Suggestions []Suggestion
	Err         error // ErrUnknownJob or ErrBadQuery
}

func (e *Error) Error() string { return e.Message }

func (e *Error) Unwrap() error { return e.Err }

func badQuery(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Err: ErrBadQuery}
}
