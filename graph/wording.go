package graph

import (
	"encoding"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strings"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// countOf returns n and the noun, in the plural when n is 2 or more: in
// French, 0 and 1 take the singular («0 erreur», «1 ligne», «2 lignes»).
func countOf(n int, one, many string) string {
	return fmt.Sprintf("%d %s", n, agree(n, one, many))
}

// agree returns the form of a word that agrees with a count of n.
func agree(n int, one, many string) string {
	if n <= 1 {
		return one
	}
	return many
}

// reworded gives an error of a library (encoding/csv, encoding/json) a
// French message, keeping it for errors.Is and errors.As.
type reworded struct {
	msg string
	err error
}

func (e *reworded) Error() string { return e.msg }

func (e *reworded) Unwrap() error { return e.err }

// csvReason words a reason of encoding/csv in French.
func csvReason(err error) error {
	switch {
	case errors.Is(err, csv.ErrBareQuote):
		return &reworded{"guillemet \" dans un champ qui n’est pas entre guillemets (doublez-le\u202f: \"\")", err}
	case errors.Is(err, csv.ErrQuote):
		return &reworded{"guillemet \" en trop ou manquant dans un champ entre guillemets", err}
	case errors.Is(err, csv.ErrFieldCount):
		return &reworded{"nombre de champs différent de celui de l’en-tête", err}
	}
	return err
}

// jsonWhere words in French where jsontext found an invalid character.
var jsonWhere = []struct{ en, fr string }{
	{"at start of value", "au début d’une valeur"},
	{"after object name", "après un nom de champ («\u202f:\u202f» attendu)"},
	{"after object value", "après une valeur («\u202f,\u202f» ou «\u202f}\u202f» attendu)"},
	{"after array element", "après un élément de liste («\u202f,\u202f» ou «\u202f]\u202f» attendu)"},
	{"after top-level value", "après la fin du document"},
	{"after string value", "après une chaîne"},
	{"at start of string", "au début d’un nom de champ (« \" » attendu)"},
	{"in string", "dans une chaîne (caractère de contrôle interdit)"},
	{"in number", "dans un nombre (chiffre attendu)"},
	{"in literal", "dans true, false ou null"},
}

var invalidCharRE = regexp.MustCompile(`^invalid character (.+?) ((?:at|after|in) .*)$`)

// jsonReason words a syntax error of jsontext in French; a reason it does
// not know is kept as the library gives it.
func jsonReason(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return &reworded{"le fichier s’arrête avant la fin du document JSON", err}
	}
	if m := invalidCharRE.FindStringSubmatch(err.Error()); m != nil {
		for _, w := range jsonWhere {
			if strings.HasPrefix(m[2], w.en) {
				return &reworded{"JSON mal formé\u202f: caractère " + m[1] + " inattendu " + w.fr, err}
			}
		}
	}
	return &reworded{"JSON mal formé\u202f: " + err.Error(), err}
}

// jsonKindName names a kind of JSON value in French.
func jsonKindName(k jsontext.Kind) string {
	switch k {
	case '"':
		return "une chaîne"
	case '0':
		return "un nombre"
	case 't', 'f':
		return "un booléen"
	case 'n':
		return "null"
	case '{':
		return "un objet"
	case '[':
		return "une liste"
	}
	return "une valeur"
}

// goTypeName names in French the JSON value a Go type reads.
func goTypeName(e *json.SemanticError) string {
	t := e.GoType
	if t == nil {
		return "une valeur"
	}
	if t.Implements(textUnmarshaler) || reflect.PointerTo(t).Implements(textUnmarshaler) {
		return "une chaîne"
	}
	switch t.Kind() {
	case reflect.String:
		return "une chaîne"
	case reflect.Bool:
		return "un booléen"
	case reflect.Slice, reflect.Array:
		return "une liste"
	case reflect.Struct, reflect.Map:
		return "un objet"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "un nombre entier"
	case reflect.Float32, reflect.Float64:
		return "un nombre"
	}
	return t.String()
}

var textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
