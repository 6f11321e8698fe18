package validate

import (
	"fmt"
	"net"
	"strings"
)

// What a believable fake looks like: a link to a bare IP address, an e-mail
// at one, a premium-rate number, a domain one confusable character away
// from a real one. The first three are errors; a look-alike domain is a
// warning, because a person must compare the two.

// premiumRatePrefix starts Norway's premium-rate ("teletorg", jointly
// billed) numbers. Nkom, the numbering authority, allocates the 820 series
// (practical services) and the 829 series (entertainment) to premium-rate
// services ("Number for premium rate services and SMS-based services",
// https://eng.nkom.no/market/numbering/e.164-numbering-plan/number-for-premium-rate-services-and-sms-based-services;
// Norwegian: https://www.nkom.no/marked/nummerforvaltning/e.164-nummerplan/nummer-for-fellesfakturerte-tjenester-teletorg-og-sms-baserte-tjenester),
// and operators price the whole 820–829 range as such (Talkmore's price list:
// "Underholdningstjenester / givernummer (820 - 829 xx xxx)", billed through
// Strex, https://talkmore.no/priser/spesialnummer). No help line or contact
// point has a reason to use one: a caller in distress would pay by the minute.
const premiumRatePrefix = "82"

// norwegianNumberDigits is the length of an ordinary Norwegian number.
const norwegianNumberDigits = 8

// phoneDigits returns a number's digits without spaces and without +47.
func phoneDigits(s string) string {
	return strings.TrimPrefix(strings.ReplaceAll(s, " ", ""), "+47")
}

// premiumRate reports whether an 8-digit number is in the 82x series.
func premiumRate(digits string) bool {
	return len(digits) == norwegianNumberDigits && strings.HasPrefix(digits, premiumRatePrefix)
}

// premiumRateMessage says why a premium-rate number is refused.
func premiumRateMessage(s string) string {
	return fmt.Sprintf("%q er et overtaksert nummer (82x, teletorg: Nkom tildeler 820 og 829 til tjenester med tillegg i prisen); en hjelpetjeneste har ikke et slikt nummer", s)
}

// ipHost reports whether a URL or e-mail host is an IP address rather than
// a domain name: an IPv4 or IPv6 literal (with or without brackets), or a
// name whose last label is not letters, which browsers read as a number
// ("0x7f.1", "127.1"). A real organisation links to its domain.
func ipHost(host string) bool {
	h := strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	if net.ParseIP(h) != nil {
		return true
	}
	last := h[strings.LastIndexByte(h, '.')+1:]
	if last == "" || strings.HasPrefix(last, "xn--") {
		return false
	}
	return strings.IndexFunc(last, func(r rune) bool { return (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') }) >= 0
}

func ipHostMessage(s, host string) string {
	return fmt.Sprintf("%q peker til IP-adressen %s, ikke til et domenenavn; en ekte organisasjon lenker til sitt eget domene", s, host)
}

// CheckEmail returns "" for an e-mail address at a domain, or what is wrong with it.
func CheckEmail(s string) string {
	at := strings.LastIndexByte(s, '@')
	if at >= 0 && ipHost(s[at+1:]) {
		return ipHostMessage(s, s[at+1:])
	}
	if !emailRe.MatchString(s) {
		return fmt.Sprintf("%q er ikke en gyldig e-postadresse", s)
	}
	return ""
}

// emailDomain is the domain of an e-mail address, in lower case.
func emailDomain(s string) string {
	return strings.ToLower(s[strings.LastIndexByte(s, '@')+1:])
}
