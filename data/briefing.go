// Package data holds the briefing model, its loader and validator, the search
// index and the embedded Hanoi Convention briefing. It knows nothing about the
// terminal: the reader in ui/ and the exports consume what it returns.
package data

// Briefing is one event, pre-processed from its source articles. Each slice
// comes from one file of the bundle (see docs/FORMAT.md); order in the file is
// document order, which the reader and search keep.
type Briefing struct {
	Overview Overview        `json:"overview"`
	Sources  []Source        `json:"sources"`
	Timeline []Event         `json:"timeline"`
	Sessions []Session       `json:"sessions"`
	Speakers []Speaker       `json:"speakers"`
	Measures []Measure       `json:"measures"`
	Figures  []Figure        `json:"figures"`
	Glossary []GlossaryEntry `json:"glossary"`

	// byID maps kind and id to the position of the item in its slice: the
	// id lookup, built by Finish (not the search index, see Index).
	byID map[Ref]int
	// words are its word counts, counted once (Words), made by Finish.
	words *wordsOnce
}

// Overview is the event as a whole (briefing.yaml).
type Overview struct {
	Title string `yaml:"title" json:"title"`
	Place string `yaml:"place" json:"place"`
	// Start and End are the event's first and last day, YYYY-MM-DD; every
	// session and timeline event outside the lead-up falls between them.
	Start string `yaml:"start" json:"start"`
	End   string `yaml:"end" json:"end"`
	Theme Theme  `yaml:"theme" json:"theme"`
	// Synthesis is Markdown; [source-id] markers cite sources inline.
	Synthesis string `yaml:"synthesis" json:"synthesis"`
	// Background says what the event is about and Outlook what comes next:
	// each entry is one or more whole sentences with inline citations.
	Background []string `yaml:"background,omitempty" json:"background,omitempty"`
	Outlook    []string `yaml:"outlook,omitempty" json:"outlook,omitempty"`
	// Parties are the countries and organisations a source names as having
	// signed, joined or taken part, each with who acted for it;
	// PartiesLabel names the list ("Signatories"), PartiesNote relates it to
	// the counts.
	PartiesLabel string  `yaml:"partiesLabel,omitempty" json:"partiesLabel,omitempty"`
	PartiesNote  string  `yaml:"partiesNote,omitempty" json:"partiesNote,omitempty"`
	Parties      []Party `yaml:"parties,omitempty" json:"parties,omitempty"`
	// AboutSources says, once for the whole briefing, how the sources were
	// used and where they are weak (dates read from URLs, facts known only
	// from captions, counts taken at different times), so the items
	// themselves need not repeat it. Each entry is whole sentences with
	// inline citations.
	AboutSources []string `yaml:"aboutSources,omitempty" json:"aboutSources,omitempty"`
}

// Party is a country or organisation that a source names as a signatory,
// party or participant, and the person who acted for it where named.
type Party struct {
	ID string `yaml:"id" json:"id"`
	// Kind is country or organisation.
	Kind SpeakerKind `yaml:"kind" json:"kind"`
	Name string      `yaml:"name" json:"name"`
	// Action is what the party did, in a few words: "signed".
	Action string `yaml:"action" json:"action"`
	// Signer is the person who acted for the party, empty when the source
	// names none; Rank and Post are theirs.
	Signer string `yaml:"signer,omitempty" json:"signer,omitempty"`
	Rank   string `yaml:"rank,omitempty" json:"rank,omitempty"`
	Post   string `yaml:"post,omitempty" json:"post,omitempty"`
	// Speaker is the signer's id in speakers.yaml, Session the session
	// where it happened, when the bundle has them.
	Speaker string   `yaml:"speaker,omitempty" json:"speaker,omitempty"`
	Session string   `yaml:"session,omitempty" json:"session,omitempty"`
	Sources []string `yaml:"sources" json:"sources"`
	Note    string   `yaml:"note,omitempty" json:"note,omitempty"`
}

// Theme is the event's motto in English and as each source writes it.
type Theme struct {
	English  string     `yaml:"english" json:"english"`
	Original []Original `yaml:"original,omitempty" json:"original,omitempty"`
}

// Original is a text as a source writes it, in the source's language.
type Original struct {
	Lang   string `yaml:"lang" json:"lang"`
	Text   string `yaml:"text" json:"text"`
	Source string `yaml:"source" json:"source"`
}

// Source is one article the briefing is built from (sources.yaml).
type Source struct {
	ID     string `yaml:"id" json:"id"`
	Outlet string `yaml:"outlet" json:"outlet"`
	// Republisher is the site the copy was taken from, when not the outlet.
	Republisher string `yaml:"republisher,omitempty" json:"republisher,omitempty"`
	// Headline is exactly as in the copy; empty when the copy has none.
	Headline string `yaml:"headline,omitempty" json:"headline,omitempty"`
	// Language is the ISO 639-1 code of the copy.
	Language string `yaml:"language" json:"language"`
	// Published is YYYY-MM-DD; PublishedNote says where the date comes from
	// when the copy does not print it (for example, only in the URL).
	Published     string `yaml:"published" json:"published"`
	PublishedNote string `yaml:"publishedNote,omitempty" json:"publishedNote,omitempty"`
	// URL is exactly as the copy gives it; empty when it gives none.
	URL       string   `yaml:"url,omitempty" json:"url,omitempty"`
	Authors   []string `yaml:"authors,omitempty" json:"authors,omitempty"`
	Summary   string   `yaml:"summary" json:"summary"`
	KeyPoints []string `yaml:"keyPoints" json:"keyPoints"`
	// Note records what the copy lacks or how it was read.
	Note string `yaml:"note,omitempty" json:"note,omitempty"`
}

// Event is one dated entry of the timeline (timeline.yaml).
type Event struct {
	ID   string `yaml:"id" json:"id"`
	Date string `yaml:"date" json:"date"`
	// PartOfDay is set only where a source says so.
	PartOfDay PartOfDay `yaml:"partOfDay,omitempty" json:"partOfDay,omitempty"`
	// LeadUp marks events before the briefing's first day.
	LeadUp bool `yaml:"leadUp,omitempty" json:"leadUp,omitempty"`
	// DateNote explains a date the sources imply rather than state.
	DateNote string   `yaml:"dateNote,omitempty" json:"dateNote,omitempty"`
	Title    string   `yaml:"title" json:"title"`
	Text     string   `yaml:"text" json:"text"`
	Session  string   `yaml:"session,omitempty" json:"session,omitempty"`
	Sources  []string `yaml:"sources" json:"sources"`
}

// Session is a ceremony, discussion, side event or campaign event
// (sessions.yaml).
type Session struct {
	ID        string      `yaml:"id" json:"id"`
	Kind      SessionKind `yaml:"kind" json:"kind"`
	Date      string      `yaml:"date" json:"date"`
	PartOfDay PartOfDay   `yaml:"partOfDay,omitempty" json:"partOfDay,omitempty"`
	LeadUp    bool        `yaml:"leadUp,omitempty" json:"leadUp,omitempty"`
	DateNote  string      `yaml:"dateNote,omitempty" json:"dateNote,omitempty"`
	Title     string      `yaml:"title" json:"title"`
	// OverlapsWith names sessions the sources may be describing twice
	// under other names; no source settles whether they are one.
	OverlapsWith []string `yaml:"overlapsWith,omitempty" json:"overlapsWith,omitempty"`
	// OriginalTitles are the titles as sources write them; a source may
	// word one title two ways.
	OriginalTitles []Original `yaml:"originalTitles,omitempty" json:"originalTitles,omitempty"`
	// Chairs are speaker ids; ChairNote says what the sources say when they
	// name no chair.
	Chairs    []string `yaml:"chairs,omitempty" json:"chairs,omitempty"`
	ChairNote string   `yaml:"chairNote,omitempty" json:"chairNote,omitempty"`
	Speakers  []string `yaml:"speakers,omitempty" json:"speakers,omitempty"`
	Summary   string   `yaml:"summary" json:"summary"`
	Sources   []string `yaml:"sources" json:"sources"`
}

// Speaker is a named person, or a country or organisation that spoke
// through an unnamed representative (speakers.yaml).
type Speaker struct {
	ID   string      `yaml:"id" json:"id"`
	Kind SpeakerKind `yaml:"kind" json:"kind"`
	// Name is spelled as the sources spell it, with diacritics where any
	// source has them; Aliases hold every other spelling the sources use.
	Name         string      `yaml:"name" json:"name"`
	Aliases      []string    `yaml:"aliases,omitempty" json:"aliases,omitempty"`
	Rank         string      `yaml:"rank,omitempty" json:"rank,omitempty"`
	Role         string      `yaml:"role,omitempty" json:"role,omitempty"`
	Organisation string      `yaml:"organisation,omitempty" json:"organisation,omitempty"`
	Country      string      `yaml:"country,omitempty" json:"country,omitempty"`
	Statements   []Statement `yaml:"statements,omitempty" json:"statements,omitempty"`
	Sources      []string    `yaml:"sources" json:"sources"`
	Note         string      `yaml:"note,omitempty" json:"note,omitempty"`
}

// Statement is what a speaker said in one session, paraphrased; Quote is
// the one short passage a source gives word for word, when it does.
type Statement struct {
	Session string   `yaml:"session" json:"session"`
	Text    string   `yaml:"text" json:"text"`
	Quote   Quote    `yaml:"quote,omitempty" json:"quote,omitzero"`
	Sources []string `yaml:"sources" json:"sources"`
}

// Quote is a speaker's own words as a source quotes them, in English:
// Text is our translation, Lang the language of the source we translated
// from (ISO 639-1). The zero Quote means the source gives no direct quote.
type Quote struct {
	Text string `yaml:"text" json:"text"`
	Lang string `yaml:"lang" json:"lang"`
}

// Quoted reports whether the statement carries a direct quotation.
func (st *Statement) Quoted() bool { return st.Quote.Text != "" }

// Measure is one of the numbered measures proposed at the event
// (measures.yaml).
type Measure struct {
	ID         string   `yaml:"id" json:"id"`
	Number     int      `yaml:"number" json:"number"`
	Title      string   `yaml:"title" json:"title"`
	Text       string   `yaml:"text" json:"text"`
	ProposedBy []string `yaml:"proposedBy" json:"proposedBy"`
	Session    string   `yaml:"session" json:"session"`
	Sources    []string `yaml:"sources" json:"sources"`
}

// Figure is a number a source gives (figures.yaml). Value is written as the
// sources write it in English ("more than 1,000"); figures that disagree on
// the same quantity name each other in ConflictsWith.
type Figure struct {
	ID            string   `yaml:"id" json:"id"`
	Value         string   `yaml:"value" json:"value"`
	Counts        string   `yaml:"counts" json:"counts"`
	AsOf          string   `yaml:"asOf" json:"asOf"`
	Sources       []string `yaml:"sources" json:"sources"`
	ConflictsWith []string `yaml:"conflictsWith,omitempty" json:"conflictsWith,omitempty"`
	// CompareWith names figures of the same quantity taken at another time
	// or with another precision: shown side by side, not as a conflict.
	CompareWith []string `yaml:"compareWith,omitempty" json:"compareWith,omitempty"`
	Note        string   `yaml:"note,omitempty" json:"note,omitempty"`
}

// GlossaryEntry is a key term as a source language writes it, with its
// English gloss, so a reader can search in the source's language
// (glossary.yaml).
type GlossaryEntry struct {
	ID      string   `yaml:"id" json:"id"`
	Lang    string   `yaml:"lang" json:"lang"`
	Term    string   `yaml:"term" json:"term"`
	English string   `yaml:"english" json:"english"`
	Note    string   `yaml:"note,omitempty" json:"note,omitempty"`
	Sources []string `yaml:"sources" json:"sources"`
}

// PartOfDay is when in the day something happened, as a source says.
type PartOfDay string

// The parts of day a source can give.
const (
	Morning   PartOfDay = "morning"
	Afternoon PartOfDay = "afternoon"
	Evening   PartOfDay = "evening"
	AllDay    PartOfDay = "all-day"
)

// PartsOfDay lists the valid values in the order of the day.
var PartsOfDay = []PartOfDay{Morning, Afternoon, Evening, AllDay}

// SessionKind classifies sessions for the reader's list.
type SessionKind string

// The kinds of session.
const (
	PressConference SessionKind = "press-conference"
	Ceremony        SessionKind = "ceremony"
	Plenary         SessionKind = "plenary"
	HighLevel       SessionKind = "high-level"
	Policy          SessionKind = "policy"
	SideEvent       SessionKind = "side-event"
	Campaign        SessionKind = "campaign"
)

// SessionKinds lists the valid kinds.
var SessionKinds = []SessionKind{PressConference, Ceremony, Plenary, HighLevel, Policy, SideEvent, Campaign}

// SpeakerKind says whether a speaker is a named person or a body that spoke
// through an unnamed representative.
type SpeakerKind string

// The kinds of speaker.
const (
	Person       SpeakerKind = "person"
	Country      SpeakerKind = "country"
	Organisation SpeakerKind = "organisation"
)

// SpeakerKinds lists the valid kinds.
var SpeakerKinds = []SpeakerKind{Person, Country, Organisation}
