package settings

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"peiyang/models"
)

// FormatSerial renders a certificate serial from a format with these
// placeholders:
//
//	{year}   the issue year, e.g. 2025
//	{seq}    the sequence number within the year, zero-padded to 4 digits
//	         (0012); numbers past 9999 keep all their digits
//	{seq:N}  the same, zero-padded to N digits, N from 1 to 9
//	{org}    the organisation's short name, org (org.short_name)
//
// Everything else is copied as it is. A format must hold {year} and one
// {seq} (or {seq:N}), since serials restart their sequence every year and
// must never repeat; any other "{...}" is refused, and so is {org} while
// org is empty. So is "|", the separator of the certificate's QR code text
// (certsign), and a line break, which that text turns into a space: a
// serial holding either would not read back from the code as it was
// issued, and every genuine certificate would verify as unknown (org, the
// short name, cannot hold them either, see ShortName). The format
// {org}结〔{year}〕{seq:1}号 gives 成基党院结〔2025〕12号, and {year}-{seq}
// 2025-0012.
func FormatSerial(format, org string, year, seq int) (string, error) {
	if i := strings.IndexAny(format, "|\r\n"); i >= 0 {
		char := map[byte]string{'|': "|", '\r': `\r`, '\n': `\n`}[format[i]]
		return "", models.Errorf(models.EINVALID, SerialFormat, MsgSerialUnsafe, "Format", format, "Char", char)
	}
	var b strings.Builder
	years, seqs := 0, 0
	rest := format
	for {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			if strings.IndexByte(rest, '}') >= 0 {
				return "", badFormat(format)
			}
			b.WriteString(rest)
			break
		}
		if strings.IndexByte(rest[:i], '}') >= 0 {
			return "", badFormat(format)
		}
		b.WriteString(rest[:i])
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return "", badFormat(format)
		}
		name := rest[i+1 : i+j]
		rest = rest[i+j+1:]
		switch {
		case name == "year":
			years++
			b.WriteString(strconv.Itoa(year))
		case name == "org":
			if strings.TrimSpace(org) == "" {
				return "", models.Errorf(models.EINVALID, SerialFormat, MsgSerialNeedsOrg, "Format", format)
			}
			b.WriteString(strings.TrimSpace(org))
		case name == "seq":
			seqs++
			fmt.Fprintf(&b, "%04d", seq)
		case strings.HasPrefix(name, "seq:") && len(name) == 5 && name[4] >= '1' && name[4] <= '9':
			seqs++
			fmt.Fprintf(&b, "%0*d", int(name[4]-'0'), seq)
		default:
			return "", badFormat(format)
		}
	}
	if years == 0 || seqs != 1 {
		return "", badFormat(format)
	}
	return b.String(), nil
}

// MsgSerialUnsafe is the error of a serial format holding a character the
// QR code's text cannot carry.
const MsgSerialUnsafe = "The certificate serial format {{.Format}} holds {{.Char}}, which the certificate's QR code cannot carry unchanged: its certificates could never be verified. Leave it out."

// MsgSerialNeedsOrg refuses {org} without a short name.
const MsgSerialNeedsOrg = "The certificate serial format {{.Format}} holds {org}: set the organisation's short name (org.short_name) first."

// SerialFormatFor returns the serial format in force: the setting's value
// when it is set, else DefaultSerialFormatOrg for an organisation with a
// short name and DefaultSerialFormat without.
func SerialFormatFor(setting, shortName string) string {
	switch {
	case strings.TrimSpace(setting) != "":
		return strings.TrimSpace(setting)
	case strings.TrimSpace(shortName) != "":
		return DefaultSerialFormatOrg
	}
	return DefaultSerialFormat
}

// MsgShortName refuses a short name that cannot sit in a serial.
const MsgShortName = "The short name {{.Value}} must be at most 12 characters, without spaces, braces or |."

// ShortName checks an organisation's short name: a few characters that
// can sit in a certificate serial.
func ShortName(v string) error {
	v = strings.TrimSpace(v)
	if utf8.RuneCountInString(v) > 12 || strings.ContainsAny(v, "{}| \t\r\n\u3000") {
		return bad(MsgShortName, v)
	}
	return nil
}

func badFormat(format string) error {
	return models.Errorf(models.EINVALID, SerialFormat, "The certificate serial format {{.Format}} is not valid: it must hold {year} and one {seq} (or {seq:N}) and no other placeholder.", "Format", format)
}
