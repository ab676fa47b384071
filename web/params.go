package web

import (
	"errors"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/pathways-fr/pathways/pathways"
)

// maxParamBytes bounds every parameter of a request, whatever it is.
const maxParamBytes = 1000

// maxLimit bounds the number of answers of /api/resolve.
const maxLimit = 50

// params is the query string of a request, read strictly: every value is
// checked once, so that a handler only reads well-formed text.
type params url.Values

// parseParams reads and checks the query string of c. A malformed query
// string, a value too long, not UTF-8 or holding a control character, and
// a parameter given twice with different values are query errors.
func parseParams(c *gin.Context) (params, error) {
	vals, err := url.ParseQuery(c.Request.URL.RawQuery)
	if err != nil {
		return nil, badRequest(pathways.CodeInvalid, "la chaîne de requête est mal formée")
	}
	// Sorted, so that the error reported for a request with several
	// faults is always the same.
	for _, name := range slices.Sorted(maps.Keys(vals)) {
		if err := checkName(name); err != nil {
			return nil, err
		}
		vs := vals[name]
		for _, v := range vs {
			if err := checkValue(name, v); err != nil {
				return nil, err
			}
			if v != vs[0] {
				return nil, badRequest(pathways.CodeInvalid, "le paramètre « %s » est donné plusieurs fois avec des valeurs différentes", name)
			}
		}
	}
	return params(vals), nil
}

// checkName checks the name of a parameter; a bad name is not echoed.
func checkName(name string) error {
	switch {
	case len(name) > maxParamBytes:
		return badRequest(pathways.CodeTooLong, "un nom de paramètre dépasse %d octets", maxParamBytes)
	case !utf8.ValidString(name) || strings.ContainsFunc(name, unicode.IsControl):
		return badRequest(pathways.CodeInvalid, "un nom de paramètre contient des caractères invalides")
	}
	return nil
}

// checkValue checks a value of any parameter (or of a path segment).
func checkValue(name, v string) error {
	switch {
	case len(v) > maxParamBytes:
		return badRequest(pathways.CodeTooLong, "le paramètre « %s » dépasse %d octets", name, maxParamBytes)
	case !utf8.ValidString(v):
		return badRequest(pathways.CodeInvalid, "le paramètre « %s » n’est pas du texte UTF-8 valide", name)
	case strings.ContainsFunc(v, unicode.IsControl):
		return badRequest(pathways.CodeInvalid, "le paramètre « %s » contient un caractère de contrôle", name)
	}
	return nil
}

// checkText checks a free text (a job, a diploma, a search): present and
// at most pathways.MaxTextLen characters.
func checkText(name, v string) error {
	if err := checkValue(name, v); err != nil {
		return err
	}
	switch {
	case strings.TrimSpace(v) == "":
		return badRequest(pathways.CodeMissing, "paramètre manquant : « %s »", name)
	case utf8.RuneCountInString(v) > pathways.MaxTextLen:
		return badRequest(pathways.CodeTooLong, "le paramètre « %s » dépasse %d caractères", name, pathways.MaxTextLen)
	}
	return nil
}

// has reports whether the parameter is given with a value other than
// blanks.
func (p params) has(name string) bool {
	return strings.TrimSpace(url.Values(p).Get(name)) != ""
}

// str returns the value of an optional parameter, "" if absent.
func (p params) str(name string) string { return url.Values(p).Get(name) }

// text returns a required free text.
func (p params) text(name string) (string, error) {
	v := p.str(name)
	return v, checkText(name, v)
}

// intIn returns an optional integer parameter in [lo, hi], def if it is
// absent or empty.
func (p params) intIn(name string, def, lo, hi int) (int, error) {
	v := p.str(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, badRequest(pathways.CodeInvalid, "le paramètre « %s » doit être un nombre entier", name)
	}
	if err != nil || n < lo || n > hi {
		return 0, badRequest(pathways.CodeOutOfRange, "%s doit être compris entre %d et %d", name, lo, hi)
	}
	return n, nil
}
