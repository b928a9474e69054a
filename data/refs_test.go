package data_test

import (
	"slices"
	"testing"

	"github.com/brief-reader/brief/data"
)

func TestSourcesOfEveryKind(t *testing.T) {
	b := embedded(t)
	cases := []struct {
		ref  data.Ref
		want []string
	}{
		{data.Ref{Kind: data.KindOverview}, []string{"sggp", "tienphong", "baotintuc", "dantri", "vtv"}},
		{data.Ref{Kind: data.KindSource, ID: "vtv"}, []string{"vtv"}},
		{data.Ref{Kind: data.KindSession, ID: "signing-ceremony"}, []string{"dantri", "vtv"}},
		{data.Ref{Kind: data.KindSpeaker, ID: "le-xuan-minh"}, []string{"tienphong", "baotintuc"}},
		{data.StatementRef("le-xuan-minh", 3), []string{"baotintuc"}},
		{data.Ref{Kind: data.KindMeasure, ID: "public-private"}, []string{"sggp"}},
		{data.Ref{Kind: data.KindFigure, ID: "signatories-afternoon"}, []string{"vtv"}},
		{data.Ref{Kind: data.KindTerm, ID: "id-upacara"}, []string{"vtv", "dantri"}},
		{data.Ref{Kind: data.KindEvent, ID: "press-conference"}, []string{"tienphong"}},
		// What does not exist cites nothing.
		{data.Ref{Kind: data.KindSession, ID: "no-such-session"}, nil},
		{data.StatementRef("le-xuan-minh", 99), nil},
	}
	for _, c := range cases {
		if got := b.SourcesOf(c.ref); !slices.Equal(got, c.want) {
			t.Errorf("SourcesOf(%s) = %v, want %v", c.ref, got, c.want)
		}
	}
}
