package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The pools below give generated texts the mix of a real briefing: English
// prose with names and terms in Vietnamese, French and Indonesian, numbers
// written several ways, and inline citations.

var english = strings.Fields(`the delegates convention cybercrime signing ceremony ministry
security cooperation international states countries organisations data evidence
online children protection sovereignty ratification treaty framework capacity
building assistance extradition investigation prosecution networks attacks
incidents ransomware fraud platforms providers victims rights privacy law
enforcement agencies regional partners dialogue round table discussion session
conference plenary statement proposal measure roadmap implementation entry force
secretariat united nations office drugs crime interpol artificial intelligence
defence infrastructure digital economy trust technology transfer training experts
judicial mutual legal electronic communications jurisdiction responsibility future
sharing countering looking shared commitment signature accession parliament
national strategy campaign awareness families schools abuse reports hotline
response coordination mechanism annual report financing developing developed
gap resilience critical systems banking telecommunications cloud encryption
access safeguards human oversight accountability transparency consensus
negotiation committee draft articles chapter provisions adopted welcomed urged
stressed called proposed noted recalled announced confirmed estimated reported
recorded signed hosted opened closed chaired attended spoke presented agreed
and of to in for with on by from as at that which while also more than nearly
about over after before during between across its their this these new first`)

var french = strings.Fields(`cybercriminalité sécurité coopération États délégués cérémonie
signature ministère données numériques protection enfants réseaux attaques
victimes souveraineté ratification traité coordination mécanisme prévention
enquête poursuites justice preuves électroniques échange confiance développement
renforcement capacités défi réponse collective responsabilité partagée avenir`)

var vietnamese = strings.Fields(`tội phạm mạng an ninh hợp tác quốc tế công ước ký kết
lễ mở ký Hà Nội Bộ Công an Bộ Ngoại giao đại biểu trẻ em bảo vệ dữ liệu
không gian số chủ quyền phê chuẩn trách nhiệm tương lai chia sẻ chống
điều tra truy tố nạn nhân phòng ngừa thúc đẩy tăng cường hội nghị phiên thảo luận`)

var indonesian = strings.Fields(`kejahatan dunia maya keamanan kerja sama internasional
konvensi penandatanganan delegasi anak perlindungan data kedaulatan ratifikasi
tanggung jawab masa depan berbagi penyelidikan penuntutan korban pencegahan
peningkatan kapasitas diskusi tingkat tinggi sesi pernyataan negara organisasi`)

// glossary terms per language, with an English gloss.
var glossary = map[string][][2]string{
	"fr": {{"cybercriminalité", "cybercrime"}, {"convention des Nations unies", "United Nations convention"}, {"protection de l'enfance en ligne", "child online protection"}, {"preuves électroniques", "electronic evidence"}, {"coopération judiciaire", "judicial cooperation"}, {"cérémonie de signature", "signing ceremony"}},
	"vi": {{"tội phạm mạng", "cybercrime"}, {"Công ước Hà Nội", "Hanoi Convention"}, {"an ninh mạng", "cybersecurity"}, {"Bộ Công an", "Ministry of Public Security"}, {"lễ mở ký", "opening for signature"}, {"chủ quyền số", "digital sovereignty"}},
	"id": {{"kejahatan dunia maya", "cybercrime"}, {"penandatanganan konvensi", "signing of the convention"}, {"kerja sama internasional", "international cooperation"}, {"perlindungan anak", "child protection"}, {"diskusi tingkat tinggi", "high-level discussion"}, {"kedaulatan", "sovereignty"}},
}

var vietFamily = strings.Fields("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý")
var vietMiddle = strings.Fields("Văn Thị Hữu Đức Xuân Thế Minh Quang Hoàng Ngọc Thanh Kim")
var vietGiven = strings.Fields("Giang Minh Tùng Hùng Lan Hương Dũng Thảo Anh Phương Quân Trung Nam Hải Đạt Yến")
var frenchNames = []string{"Hélène Lefèvre", "Jean-Luc Dupré", "Amélie Bérard", "François Lemaître", "Célia Rousseau", "Théo Fournier", "Léa Girard", "Gaël Mercier"}
var indonesianNames = []string{"Budi Santoso", "Siti Rahayu", "Agus Wijaya", "Dewi Lestari", "Rizky Pratama", "Putri Maharani", "Hendra Gunawan", "Wahyu Setiawan"}
var otherNames = []string{"Ghada Waly", "Valdecy Urquiza", "Ana López", "Kwame Mensah", "Sofia Marchetti", "Oleksandr Koval", "Mariam Haddad", "Tomás Reyes"}

var countries = []string{"Vietnam", "France", "Indonesia", "Cuba", "South Africa", "Brazil", "Japan", "Kenya", "Chile", "Norway", "Thailand", "Senegal", "Mexico", "India", "Egypt", "Côte d'Ivoire"}
var organisations = []string{"Ministry of Foreign Affairs", "Ministry of Public Security", "United Nations Office on Drugs and Crime", "Interpol", "Council of Europe", "ASEAN Secretariat", "Bộ Thông tin và Truyền thông", "Kementerian Luar Negeri"}
var ranks = []string{"", "", "Major General", "Deputy Minister", "Ambassador", "Dr", "Senior Lieutenant General", "Professor"}
var roles = []string{"Deputy Minister of Foreign Affairs", "Deputy Minister of Public Security", "Head of delegation", "Executive Director", "Permanent Representative", "Director of the cybersecurity department", "Secretary-General", "Special envoy on digital affairs"}
var outlets = []string{"Dân Trí", "Tiền Phong", "VTV", "Sài Gòn Giải Phóng", "Báo Tin tức", "Le Courrier du Vietnam", "Kompas", "Antara"}
var topics = []string{"electronic evidence", "child online protection", "artificial intelligence and cybercrime", "cyber defence", "capacity building", "mutual legal assistance", "ransomware", "the role of Interpol", "financing implementation", "ratification roadmaps"}
var counts = []string{"delegates attending", "countries that signed on the first day", "cyberattacks and incidents in the past year", "cases of online child abuse recorded", "national delegations", "international organisations confirmed", "statements in the plenary", "increase in reported online fraud"}

// words writes a text of n words drawn mostly from English, with terms in
// the sources' languages, numbers and, every sentence, a citation of one
// of cite's ids.
type words struct {
	r    *rand.Rand
	cite func() string
}

func (w words) pick(pool []string) string { return oneOf(w.r, pool) }

// oneOf returns a random element of pool.
func oneOf[T any](r *rand.Rand, pool []T) T { return pool[r.IntN(len(pool))] }

// number writes a number the way sources do: grouped with commas, points
// or spaces, as a percentage, or plain.
func (w words) number() string {
	n := w.r.IntN(200_000) + 1
	switch w.r.IntN(6) {
	case 0:
		return groupDigits(n, ",")
	case 1:
		return groupDigits(n, ".")
	case 2:
		return groupDigits(n, "\u00a0")
	case 3:
		return groupDigits(n%5000, ",") + "%"
	case 4:
		return fmt.Sprintf("%d.%d", n%100, n%10)
	}
	return fmt.Sprint(n % 500)
}

// groupDigits writes n with its thousands separated by sep.
func groupDigits(n int, sep string) string {
	s := fmt.Sprint(n)
	var sb strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			sb.WriteString(sep)
		}
		sb.WriteRune(c)
	}
	return sb.String()
}

// text writes about n words in sentences of 8 to 20 words.
func (w words) text(n int) string {
	var sb strings.Builder
	for written := 0; written < n; {
		size := min(8+w.r.IntN(13), n-written)
		size = max(size, 3)
		for i := range size {
			word := w.word()
			if i == 0 {
				word = capitalize(word)
			} else {
				sb.WriteByte(' ')
			}
			sb.WriteString(word)
		}
		written += size
		sb.WriteString(" [" + w.cite() + "]. ")
	}
	return strings.TrimSpace(sb.String())
}

func capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

func (w words) word() string {
	switch p := w.r.IntN(100); {
	case p < 6:
		return w.pick(french)
	case p < 12:
		return w.pick(vietnamese)
	case p < 17:
		return w.pick(indonesian)
	case p < 20:
		return w.number()
	case p < 22:
		return w.pick(countries)
	}
	return w.pick(english)
}

// between returns a number in [lo, hi].
func (w words) between(lo, hi int) int { return lo + w.r.IntN(hi-lo+1) }
