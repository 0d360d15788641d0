// SPDX-License-Identifier: GPL-2.0
/*
 * Escaping of names other users choose: strace-like text, valid and reversible JSON,
 * Prometheus label values; and the event, top, hint and metric lines that use it.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include "escape.h"
#include "event.h"
#include "format.h"
#include "hints.h"
#include "json.h"
#include "tap.h"

#define FFFD "\xef\xbf\xbd"

static char out[2048];

/* @s escaped for @how; NULL when eo_escape's count is not what it wrote. */
static const char *esc(const char *s, enum eo_esc how)
{
	FILE *f;
	size_t n;

	memset(out, 0, sizeof(out));
	f = fmemopen(out, sizeof(out) - 1, "w");
	n = eo_escape(f, s, how);
	fclose(f);
	return n == strlen(out) ? out : NULL;
}

static int is(const char *s, enum eo_esc how, const char *want)
{
	const char *got = esc(s, how);

	return got && !strcmp(got, want);
}

static void test_escape_text(void)
{
	ok(is("a\tb\nc\rd\ve\ff", EO_ESC_TEXT, "a\\tb\\nc\\rd\\ve\\ff") &&
	   is("\x01" "7\x1f\b", EO_ESC_TEXT, "\\0017\\037\\010"),
	   "escape: text controls as strace's \\t \\n \\r \\v \\f, the others as 3-digit octal");
	ok(is("\x1b[2J\x1b]0;x\x07", EO_ESC_TEXT, "\\033[2J\\033]0;x\\007"),
	   "escape: text ESC and BEL cannot reach the terminal");
	ok(is("a\x7f", EO_ESC_TEXT, "a\\177"), "escape: text DEL as \\177");
	ok(is("a\\b\"c", EO_ESC_TEXT, "a\\\\b\"c") && is("a\\b\"c", EO_ESC_CSTR, "a\\\\b\\\"c"),
	   "escape: text backslash doubled, quote escaped only inside quotes");
	ok(is("caf\xc3\xa9 \xff", EO_ESC_CSTR, "caf\\303\\251 \\377") &&
	   is(" ~azAZ09/[]", EO_ESC_TEXT, " ~azAZ09/[]"),
	   "escape: text bytes from 0x80 in octal, printable ASCII as is");
}

static void test_escape_json(void)
{
	ok(is("\b\f\n\r\t\x01\x1f\v", EO_ESC_JSON, "\\b\\f\\n\\r\\t\\u0001\\u001f\\u000b"),
	   "escape: JSON controls as short escapes or \\u00XX");
	ok(is("\x1b[2J\x7f", EO_ESC_JSON, "\\u001b[2J\\u007f") &&
	   is("\xc2\x9b" "2J\xc2\xa0", EO_ESC_JSON, "\\u009b2J\xc2\xa0"),
	   "escape: JSON ESC, DEL and C1 CSI as \\u escapes (the same characters), NBSP as is");
	ok(is("a\"b\\c/", EO_ESC_JSON, "a\\\"b\\\\c/"), "escape: JSON quote and backslash");
	ok(is("\xc3\xa9\xe2\x82\xac\xe4\xb8\xad\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf\xed\x9f\xbf",
	      EO_ESC_JSON, "\xc3\xa9\xe2\x82\xac\xe4\xb8\xad\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf\xed\x9f\xbf"),
	   "escape: JSON valid 2-, 3- and 4-byte UTF-8 as is, up to U+10FFFF and U+D7FF");
	ok(is("\xc0\xaf|\xc1\xbf|\xe0\x80\xaf|\xf0\x80\x80\xaf", EO_ESC_JSON,
	      FFFD "c0" FFFD "af|" FFFD "c1" FFFD "bf|" FFFD "e0" FFFD "80" FFFD "af|"
	      FFFD "f0" FFFD "80" FFFD "80" FFFD "af"),
	   "escape: JSON overlong encodings, each byte as U+FFFD and its hex");
	ok(is("\xed\xa0\x80\xed\xbf\xbf", EO_ESC_JSON,
	      FFFD "ed" FFFD "a0" FFFD "80" FFFD "ed" FFFD "bf" FFFD "bf"),
	   "escape: JSON UTF-16 surrogates are not UTF-8");
	ok(is("ab\xe4\xb8", EO_ESC_JSON, "ab" FFFD "e4" FFFD "b8") &&
	   is("\xf0\x9f\x98", EO_ESC_JSON, FFFD "f0" FFFD "9f" FFFD "98") &&
	   is("\xc3", EO_ESC_JSON, FFFD "c3") &&
	   is("\xe4\xb8x", EO_ESC_JSON, FFFD "e4" FFFD "b8x"),
	   "escape: JSON sequences cut at the end or by ASCII");
	ok(is("\xf4\x90\x80\x80\xf5\x80\xff", EO_ESC_JSON,
	      FFFD "f4" FFFD "90" FFFD "80" FFFD "80" FFFD "f5" FFFD "80" FFFD "ff"),
	   "escape: JSON above U+10FFFF and bytes UTF-8 never uses");
	ok(is("\x80x\xbf", EO_ESC_JSON, FFFD "80x" FFFD "bf"),
	   "escape: JSON lone continuation bytes");
	ok(is("a" FFFD "b", EO_ESC_JSON, "a" FFFD FFFD "b"),
	   "escape: JSON a real U+FFFD is doubled, so U+FFFD always starts an escape");
}

static void test_escape_prom(void)
{
	ok(is("a\"b\\c\nd\te", EO_ESC_PROM, "a\\\"b\\\\c\\nd\te"),
	   "escape: Prometheus \\\\, \\\" and \\n, the format's only escapes");
	ok(is("\xd0\xbf\xd0", EO_ESC_PROM, "\xd0\xbf" FFFD "d0") &&
	   is("\xc2\x9b\xed\xa0\x80", EO_ESC_PROM, "\xc2\x9b" FFFD "ed" FFFD "a0" FFFD "80"),
	   "escape: Prometheus ill-formed UTF-8 as in JSON, valid UTF-8 as is");
}

/* One UTF-8 character, decoded by value rather than by escape.c's table; 0 if ill-formed. */
static size_t utf8_char(const unsigned char *s)
{
	static const uint32_t min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t len, i;
	uint32_t cp;

	if (s[0] < 0x80)
		return 1;
	len = (s[0] & 0xe0) == 0xc0 ? 2 : (s[0] & 0xf0) == 0xe0 ? 3 : (s[0] & 0xf8) == 0xf0 ? 4 : 0;
	if (!len)
		return 0;
	cp = s[0] & (0x7f >> len);
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	return cp < min[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? 0 : len;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/*
 * A reader of the JSON scheme: the JSON string body @in (no raw controls or quotes, valid
 * UTF-8) decoded, then U+FFFD HH as the byte 0xHH and U+FFFD U+FFFD as U+FFFD. -1 if @in is
 * not valid or not what the scheme writes.
 */
static int json_decode(const char *in, char *dst, size_t len)
{
	const unsigned char *p = (const unsigned char *)in;
	char *o = dst, *end = dst + len - 8;
	unsigned int cp;
	size_t n;

	for (; *p && o < end; p += n) {
		n = utf8_char(p);
		if (!n || *p < 0x20 || *p == '"')
			return -1;
		if (!memcmp(p, FFFD, 3)) {
			if (!memcmp(p + 3, FFFD, 3)) {
				memcpy(o, FFFD, 3);
				o += 3;
				n = 6;
			} else if (hexval(p[3]) >= 0 && hexval(p[4]) >= 0) {
				*o++ = (char)(hexval(p[3]) << 4 | hexval(p[4]));
				n = 5;
			} else {
				return -1;
			}
		} else if (*p != '\\') {
			memcpy(o, p, n);
			o += n;
		} else if (p[1] == 'u' && sscanf((const char *)p + 2, "%4x", &cp) == 1 && cp &&
			   cp < 0x800) {
			if (cp >= 0x80)
				*o++ = (char)(0xc0 | cp >> 6);
			*o++ = (char)(cp < 0x80 ? cp : 0x80 | (cp & 0x3f));
			n = 6;
		} else if (p[1] && strchr("\"\\/bfnrt", p[1])) {
			*o++ = p[1] == 'b' ? '\b' : p[1] == 'f' ? '\f' : p[1] == 'n' ? '\n' :
			       p[1] == 'r' ? '\r' : p[1] == 't' ? '\t' : (char)p[1];
			n = 2;
		} else {
			return -1;
		}
	}
	*o = '\0';
	return 0;
}

/* Every 1- and 2-byte string, then pseudo-random ones of up to 6 bytes mostly above 0x7f. */
static void next_string(unsigned int i, unsigned char *s)
{
	static uint32_t seed = 1;
	unsigned int k, n;

	memset(s, 0, 8);
	if (i < 0x10000) {
		s[0] = i >> 8 ? i >> 8 : i;
		s[1] = i >> 8 ? i & 0xff : 0;
		if (!s[0])
			s[0] = 'x';
		return;
	}
	seed = seed * 1103515245 + 12345;
	n = 3 + (seed >> 16) % 4;
	for (k = 0; k < n; k++) {
		seed = seed * 1103515245 + 12345;
		s[k] = (seed >> 16) & 1 ? 0x80 | (seed >> 17) : 1 + (seed >> 17) % 0xff;
	}
}

/* What a parser needs and the promise of reversibility, over many byte strings. */
static void test_escape_all_strings(void)
{
	unsigned int i, bad_text = 0, bad_json = 0, bad_prom = 0;
	unsigned char s[8];
	char back[64];
	const char *e;

	for (i = 0; i < 0x10000 + 100000; i++) {
		next_string(i, s);
		e = esc((const char *)s, EO_ESC_TEXT);
		for (; e && *e >= 0x20 && *e < 0x7f; e++)
			;
		bad_text += !e || *e;
		e = esc((const char *)s, EO_ESC_JSON);
		bad_json += !e || json_decode(e, back, sizeof(back)) || strcmp(back, (char *)s);
		e = esc((const char *)s, EO_ESC_PROM);
		for (; e && *e && *e != '\n' && utf8_char((const unsigned char *)e); )
			e += utf8_char((const unsigned char *)e);
		bad_prom += !e || *e;
	}
	ok(!bad_text, "escape: text is printable ASCII for every string tried");
	ok(!bad_json, "escape: JSON is valid UTF-8 and decodes to the same bytes, for every string");
	ok(!bad_prom, "escape: Prometheus values are valid UTF-8 without a newline, for every string");
	ok(eo_utf8_len("\xf4\x8f\xbf\xbf") == 4 && eo_utf8_len("\xe0\xa0\x80") == 3 &&
	   !eo_utf8_len("\xe0\x9f\xbf") && !eo_utf8_len("\xf4\x90\x80\x80") && eo_utf8_len("a") == 1,
	   "escape: UTF-8 sequence lengths at the range edges");
}

static char line[2048];

static FILE *line_open(void)
{
	memset(line, 0, sizeof(line));
	return fmemopen(line, sizeof(line) - 1, "w");
}

/* The mount of test_args(), by a task and with paths no one should be able to print raw. */
static void hostile_mount(struct eo_event *ev)
{
	static const uint64_t args[EO_NR_ARGS] = { 1, 2, 3, 0x8000, 0, 0 };

	memset(ev, 0, sizeof(*ev));
	ev->syscall_nr = 165;
	ev->ret = -28;
	memcpy(ev->args, args, sizeof(args));
	ev->nstrings = 3;
	snprintf(ev->comm, sizeof(ev->comm), "a\nb\x1b[2J");
	snprintf(ev->cgroup, sizeof(ev->cgroup), "/system.slice/system-serial\\x2dgetty.slice");
	snprintf(ev->strings[0].value, sizeof(ev->strings[0].value), "none");
	ev->strings[1].index = 1;
	snprintf(ev->strings[1].value, sizeof(ev->strings[1].value),
		 "/mnt/\x1b]0;x\x07\"\\caf\xc3\xa9\xff");
	ev->strings[2].index = 2;
	ev->strings[2].flags = EO_ARGSTR_F_FAULT;
}

static void test_escape_event(void)
{
	struct eo_event ev;
	const char *t;

	hostile_mount(&ev);
	t = event_text(&ev);
	/* after the local "HH:MM:SS.uuuuuu " stamp */
	ok(strlen(t) > 16 && t[15] == ' ' &&
	   !strcmp(t + 16, "a\\nb\\033[2J[0/0] mount(\"none\", "
		   "\"/mnt/\\033]0;x\\007\\\"\\\\caf\\303\\251\\377\", 0x3, 0x8000, NULL) = "
		   "-ENOSPC (No space left on device) "
		   "[cgroup /system.slice/system-serial\\\\x2dgetty.slice]\n"),
	   "escape: event text line, comm, path and cgroup escaped, one line");
	ok(!strcmp(event_json(&ev), "{\"seq\":0,\"time_ns\":0,\"pid\":0,\"tid\":0,"
		   "\"comm\":\"a\\nb\\u001b[2J\",\"uid\":0,\"cgroup_id\":0,"
		   "\"cgroup\":\"/system.slice/system-serial\\\\x2dgetty.slice\",\"syscall\":\"mount\","
		   "\"syscall_nr\":165,\"abi\":\"x86_64\",\"errno\":\"ENOSPC\",\"ret\":-28,"
		   "\"args\":[1,2,3,32768,0,0],\"args_decoded\":[\"none\","
		   "\"/mnt/\\u001b]0;x\\u0007\\\"\\\\caf\xc3\xa9" FFFD "ff\",3,32768,null],\"cpu\":0}\n"),
	   "escape: event JSON, the systemd cgroup name and é kept, the bad byte reversible");
}

/* A Cyrillic name cut by TASK_COMM_LEN in its 8th letter: exactly 15 bytes, via netlink. */
static void test_escape_comm15(void)
{
	static const char comm[] = "\xd0\xbf\xd1\x80\xd0\xb8\xd0\xbb\xd0\xbe\xd0\xb6\xd0\xb5\xd0";
	struct nl_msg *msg = nlmsg_alloc();
	struct nlattr *tb[EO_A_MAX + 1], *nest;
	struct eo_count c = { .syscall_nr = 165, .err = 28, .count = 3 };
	struct eo_event ev;
	const char *t, *want;
	FILE *f;

	nest = nla_nest_start(msg, EO_A_EVENT);
	nla_put_u32(msg, EO_EVENT_A_PID, 9);
	nla_put_u32(msg, EO_EVENT_A_TID, 9);
	nla_put_string(msg, EO_EVENT_A_COMM, comm);
	nla_put_u32(msg, EO_EVENT_A_SYSCALL_NR, 165);
	nla_put_u64(msg, EO_EVENT_A_RET, (uint64_t)-28);
	nla_nest_end(msg, nest);
	nlmsg_parse(nlmsg_hdr(msg), 0, tb, EO_A_MAX, NULL);
	ok(sizeof(comm) == 16 && !eo_event_parse(tb[EO_A_EVENT], &ev) && !strcmp(ev.comm, comm),
	   "escape: a 15-byte comm decodes whole");
	nlmsg_free(msg);
	t = event_text(&ev);
	want = "\\320\\277\\321\\200\\320\\270\\320\\273\\320\\276\\320\\266\\320\\265\\320"
	       "[9/9] mount(";
	ok(strlen(t) > 16 && !strncmp(t + 16, want, strlen(want)),
	   "escape: the 15-byte comm in octal in the text line");
	ok(strstr(event_json(&ev), ",\"comm\":\"\xd0\xbf\xd1\x80\xd0\xb8\xd0\xbb\xd0\xbe\xd0\xb6"
		  "\xd0\xb5" FFFD "d0\",") != NULL,
	   "escape: the 15-byte comm in JSON: its 7 letters, then the cut byte escaped");
	memcpy(c.comm, comm, sizeof(comm));
	f = line_open();
	eo_format_prom_count(f, &c);
	fclose(f);
	ok(!strcmp(line, "errorigin_syscall_failures_total{syscall=\"mount\",errno=\"ENOSPC\","
		   "comm=\"\xd0\xbf\xd1\x80\xd0\xb8\xd0\xbb\xd0\xbe\xd0\xb6\xd0\xb5" FFFD "d0\","
		   "origin=\"\"} 3\n"),
	   "escape: the 15-byte comm as a Prometheus label, valid UTF-8, as in JSON");
}

static void test_escape_top_hint_chain(void)
{
	struct eo_count c = { .syscall_nr = 165, .err = 28, .pid = 7, .count = 3 };
	struct eo_hint h = { .cause = "c", .fix = "f" };
	struct eo_hint_values v;
	struct eo_event ev = { .nframes = 1, .origin_status = EO_ORIGIN_OK, .ret = -28 };
	FILE *f;

	snprintf(c.comm, sizeof(c.comm), "a\tb");
	snprintf(c.origin, sizeof(c.origin), "x\x1b");
	f = line_open();
	eo_format_count_text(f, &c);
	fclose(f);
	ok(!strcmp(line, "         3  mount                ENOSPC                  7  a\\tb"
		   "             x\\033\n"),
	   "escape: top line, the escaped comm still padded to its column");
	snprintf(v.value, sizeof(v.value), "fs.mount-max = 7\x1b[2J");
	snprintf(v.usage, sizeof(v.usage), "/a\nb");
	f = line_open();
	eo_format_hint_text(f, &h, &v);
	fclose(f);
	ok(!strcmp(line, "    hint: fs.mount-max = 7\\033[2J (in use: /a\\nb): c; f\n"),
	   "escape: hint values read from /proc escaped");
	snprintf(ev.frames[0].func, sizeof(ev.frames[0].func), "count_mounts");
	snprintf(ev.frames[0].src, sizeof(ev.frames[0].src), "fs/a\nb.c:1");
	ev.frames[0].ret = -28;
	ok(strstr(event_text(&ev), "\n    ! count_mounts                             -ENOSPC   "
		  "fs/a\\nb.c:1   <- origin\n") != NULL,
	   "escape: a frame's source file escaped in the chain");
}

void test_escape(void)
{
	test_escape_text();
	test_escape_json();
	test_escape_prom();
	test_escape_all_strings();
	test_escape_event();
	test_escape_comm15();
	test_escape_top_hint_chain();
}
