// SPDX-License-Identifier: GPL-2.0
#include "escape.h"
#include "json.h"

void eo_json_string(FILE *f, const char *s)
{
	fputc('"', f);
	eo_escape(f, s, EO_ESC_JSON);
	fputc('"', f);
}
