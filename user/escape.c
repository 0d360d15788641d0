// SPDX-License-Identifier: GPL-2.0
/*
 * Text (EO_ESC_TEXT, EO_ESC_CSTR) quotes strings as strace does without -x: printable ASCII
 * as is, '\' as \\ (and '"' as \" inside quotes), \t \n \v \f \r, and every other byte below
 * 0x20, DEL and every byte from 0x80 as three octal digits, \033 (strace shortens that to \33
 * before a non-digit; three digits always read alone). Valid UTF-8 is escaped too: the
 * locale is not asked, and UTF-8 also encodes C1 controls (U+009B is CSI) and bidi overrides
 * that rewrite a terminal line. JSON carries the characters.
 *
 * JSON strings are valid UTF-8 and decode to exactly the bytes they came from:
 *  - '"', '\' and the controls (below 0x20, DEL, C1 U+0080-U+009F) are JSON escapes (\n,
 *    \u001b): the same characters, but `watch -j` on a terminal cannot drive it;
 *  - well-formed UTF-8 passes as it is;
 *  - each byte of an ill-formed sequence (a lone continuation byte, an overlong form, a
 *    surrogate, above U+10FFFF, a sequence cut short as comm's 15 bytes cut names) becomes
 *    U+FFFD and the byte's two hex digits ("caf\xe9" decodes as "caf", U+FFFD, "e9"); a
 *    U+FFFD really in the string is doubled. A U+FFFD in the output thus always starts an
 *    escape (reversible), and readers unaware of that see the replacement Unicode
 *    prescribes for a bad byte.
 * Not "\\xHH" with every real backslash doubled: that changes valid strings, and systemd's
 * cgroup names contain backslashes (system-serial\x2dgetty.slice), so `jq -r .cgroup` would
 * name a directory that does not exist. Not "\u00HH": that decodes as another character.
 *
 * Prometheus label values escape \\, \" and \n, the only escapes the exposition format
 * has, and ill-formed UTF-8 as JSON does: the file stays parseable, and a comm has the same
 * value in both.
 */
#include <stdbool.h>
#include <string.h>
#include "escape.h"

#define EO_U_FFFD "\xef\xbf\xbd"

/* The stream and how many bytes went to it (for column widths). */
struct eo_out {
	FILE *f;
	size_t n;
};

static void eo_put(struct eo_out *o, const char *s, size_t n)
{
	fwrite(s, 1, n, o->f);
	o->n += n;
}

size_t eo_utf8_len(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char lo = 0x80, hi = 0xbf;
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] < 0xc2 || s[0] > 0xf4)		/* continuation, overlong lead, > U+10FFFF */
		return 0;
	n = s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
	if (s[0] == 0xe0)
		lo = 0xa0;			/* overlong 3-byte */
	else if (s[0] == 0xed)
		hi = 0x9f;			/* UTF-16 surrogates */
	else if (s[0] == 0xf0)
		lo = 0x90;			/* overlong 4-byte */
	else if (s[0] == 0xf4)
		hi = 0x8f;			/* above U+10FFFF */
	if (s[1] < lo || s[1] > hi)		/* also stops at the NUL */
		return 0;
	for (i = 2; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

/* One byte of a text field: strace's escapes, octal for the rest. */
static void eo_text_byte(struct eo_out *o, unsigned char c, bool quoted)
{
	char e[5] = { '\\', (char)c };

	if (c == '\\' || (c == '"' && quoted))
		eo_put(o, e, 2);
	else if (c >= 0x20 && c < 0x7f)
		eo_put(o, e + 1, 1);
	else if (c >= '\t' && c <= '\r') {
		e[1] = "tnvfr"[c - '\t'];
		eo_put(o, e, 2);
	} else
		eo_put(o, e, snprintf(e, sizeof(e), "\\%03o", c));
}

/* One ASCII byte of a JSON string. */
static void eo_json_byte(struct eo_out *o, unsigned char c)
{
	static const char shorts[] = "btn\0fr";		/* \b \t \n (no \v) \f \r */
	char e[8] = { '\\', (char)c };

	if (c == '"' || c == '\\')
		eo_put(o, e, 2);
	else if (c >= 0x20 && c < 0x7f)
		eo_put(o, e + 1, 1);
	else if (c >= '\b' && c <= '\r' && shorts[c - '\b']) {
		e[1] = shorts[c - '\b'];
		eo_put(o, e, 2);
	} else
		eo_put(o, e, snprintf(e, sizeof(e), "\\u%04x", c));
}

/* Non-ASCII at @s for JSON or Prometheus (see the top); returns the bytes consumed. */
static size_t eo_utf8_char(struct eo_out *o, const char *s, bool json)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = eo_utf8_len(s);
	char e[8];

	if (!n) {
		eo_put(o, EO_U_FFFD, 3);
		eo_put(o, e, snprintf(e, sizeof(e), "%02x", u[0]));
		return 1;
	}
	if (json && u[0] == 0xc2 && u[1] < 0xa0)	/* C1 controls */
		eo_put(o, e, snprintf(e, sizeof(e), "\\u%04x", u[1]));
	else if (n == 3 && !memcmp(s, EO_U_FFFD, 3))
		eo_put(o, EO_U_FFFD EO_U_FFFD, 6);
	else
		eo_put(o, s, n);
	return n;
}

static void eo_prom_byte(struct eo_out *o, unsigned char c)
{
	char e[2] = { '\\', (char)c };

	if (c == '\\' || c == '"')
		eo_put(o, e, 2);
	else if (c == '\n')
		eo_put(o, "\\n", 2);
	else
		eo_put(o, e + 1, 1);
}

static void eo_escape_out(struct eo_out *o, const char *s, enum eo_esc how)
{
	while (*s) {
		unsigned char c = *s;

		if (how == EO_ESC_TEXT || how == EO_ESC_CSTR) {
			eo_text_byte(o, c, how == EO_ESC_CSTR);
			s++;
		} else if (c >= 0x80) {
			s += eo_utf8_char(o, s, how == EO_ESC_JSON);
		} else {
			how == EO_ESC_JSON ? eo_json_byte(o, c) : eo_prom_byte(o, c);
			s++;
		}
	}
}

size_t eo_escape(FILE *f, const char *s, enum eo_esc how)
{
	struct eo_out o = { .f = f };

	eo_escape_out(&o, s, how);
	return o.n;
}
