package data

import (
	"os"
	"reflect"
	"testing"
)

// The snapshot the reader starts from is the embedded bundle exactly as
// the loader reads and validates it today.
func TestEmbeddedSnapshot(t *testing.T) {
	want, err := loadEmbedded()
	if err != nil {
		t.Fatalf("the embedded bundle does not load: %v", err)
	}
	hash := embeddedHash()
	if *update {
		raw, err := EncodeSnapshot(want, hash)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("bundle.snapshot.json", raw, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	const fix = "data/bundle.snapshot.json is out of date: run `go test ./data/ -run TestEmbeddedSnapshot -update` and commit it"
	got, ok := DecodeSnapshot(snapshot, hash)
	if !ok {
		t.Fatal("the snapshot was made from other files: " + fix)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatal("the snapshot differs from what the loader reads: " + fix)
	}
	if b, err := Embedded(); err != nil || !reflect.DeepEqual(b, want) {
		t.Fatalf("Embedded() should give the loaded briefing: %v", err)
	}
}

// A snapshot of other files, or one that does not decode, is not used:
// Embedded falls back on loading the files.
func TestStaleSnapshotIsNotUsed(t *testing.T) {
	if _, ok := DecodeSnapshot(snapshot, "another bundle"); ok {
		t.Error("a snapshot made from other files was used")
	}
	if _, ok := DecodeSnapshot([]byte("not JSON"), embeddedHash()); ok {
		t.Error("a snapshot that does not decode was used")
	}
	b, err := Embedded()
	if err != nil || b.Overview.Title == "" {
		t.Fatalf("Embedded: %v", err)
	}
	// Each call gives a briefing of its own, which the caller may change.
	b.Overview.Title = "changed"
	again, _ := Embedded()
	if again.Overview.Title == "changed" {
		t.Error("two calls of Embedded share one briefing")
	}
}

// Word counts counted before a snapshot is made come back with it, so a
// briefing opened from its snapshot does not count them again; a
// snapshot made before they were counted leaves them to be counted.
func TestSnapshotKeepsWordCounts(t *testing.T) {
	b, err := loadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	uncounted, err := EncodeSnapshot(b, "h")
	if err != nil {
		t.Fatal(err)
	}
	want := WordCounts{Overview: 123, Whole: 4567}
	if got := b.Words(func(*Briefing) WordCounts { return want }); got != want {
		t.Fatalf("Words = %v, want %v", got, want)
	}
	if got := b.Words(func(*Briefing) WordCounts { t.Error("counted twice"); return want }); got != want {
		t.Fatalf("Words the second time = %v, want %v", got, want)
	}
	counted, err := EncodeSnapshot(b, "h")
	if err != nil {
		t.Fatal(err)
	}
	back, ok := DecodeSnapshot(counted, "h")
	if !ok {
		t.Fatal("the snapshot does not decode")
	}
	if got := back.Words(func(*Briefing) WordCounts { t.Error("a snapshot with counts was counted again"); return WordCounts{} }); got != want {
		t.Errorf("counts from the snapshot = %v, want %v", got, want)
	}
	back, _ = DecodeSnapshot(uncounted, "h")
	if got := back.Words(func(*Briefing) WordCounts { return WordCounts{Whole: 1} }); got.Whole != 1 {
		t.Errorf("a snapshot without counts should count them: %v", got)
	}
}
