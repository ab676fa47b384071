package cli

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/spf13/cobra"
)

// testRoot is a tree with a command taking one flag of each kind.
func testRoot(got *[]string) *cobra.Command {
	root := &cobra.Command{Use: "outil", Long: "outil — essai"}
	Setup(root)
	root.PersistentFlags().Bool("json", false, "sortie JSON")
	sub := &cobra.Command{Use: "cmd ARG", Short: "essai", RunE: func(c *cobra.Command, args []string) error {
		depth, _ := c.Flags().GetInt("depth")
		json, _ := c.Flags().GetBool("json")
		*got = append(slices.Clone(args), c.Flag("from").Value.String())
		if json {
			*got = append(*got, "json")
		}
		if depth != 0 {
			*got = append(*got, c.Flag("depth").Value.String())
		}
		return nil
	}}
	sub.Flags().Int("depth", 0, "profondeur")
	sub.Flags().String("from", "", "départ")
	root.AddCommand(sub)
	return root
}

func TestFlagsAnywhere(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want []string
	}{
		{[]string{"cmd", "a", "--from", "x", "b"}, []string{"a", "b", "x"}},
		{[]string{"cmd", "-from", "x", "a", "-json"}, []string{"a", "x", "json"}},
		{[]string{"cmd", "a", "-from=x", "-depth", "-1"}, []string{"a", "x", "-1"}},
		{[]string{"cmd", "--from", "-x", "a"}, []string{"a", "-x"}},
		{[]string{"cmd", "a", "--", "-json", "--from"}, []string{"a", "-json", "--from", ""}},
	} {
		var got []string
		var out, errb bytes.Buffer
		if err := Execute(context.Background(), testRoot(&got), tt.args, &out, &errb); err != nil {
			t.Errorf("Execute(%q) = %v", tt.args, err)
			continue
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Execute(%q): arguments and flags %q, want %q", tt.args, got, tt.want)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"cmd", "--depth", "abc"},
		{"cmd", "--depth"},
		{"cmd", "--nope"},
		{"cmd", "-x"},
		{"cmd", "--json=maybe"},
		{"nope"},
		{"help", "nope"},
	} {
		var got []string
		var out, errb bytes.Buffer
		err := Execute(context.Background(), testRoot(&got), args, &out, &errb)
		if !IsUsage(err) {
			t.Errorf("Execute(%q) = %v, want a usage error", args, err)
		}
	}
	var out, errb bytes.Buffer
	err := Execute(context.Background(), testRoot(new([]string)), []string{"nope"}, &out, &errb)
	if !errors.Is(err, ErrReported) || errb.Len() == 0 {
		t.Errorf("Execute(nope) = %v, stderr %q; want the error written and ErrReported", err, errb.String())
	}
}
