/*
 * reader.h - reads a fuzzed input to the end through mi_reader and checks
 * what the reader promises of every record and every error.
 */
#ifndef MINYI_FUZZ_READER_H
#define MINYI_FUZZ_READER_H

#include "fuzz.h"

/* The reader fills 64 KiB at a time: padding puts the chunk end inside the input. */
#define FUZZ_CHUNK (64 * 1024)

static char fuzz_pad[FUZZ_CHUNK];

static inline void
fuzz_check_record(const mi_record *rec, long *last_line)
{
	size_t i;

	FUZZ_CHECK(rec->n == 0 || (rec->key != NULL && rec->val != NULL), "record of %zu", rec->n);
	FUZZ_CHECK(rec->line >= *last_line, "line %ld after line %ld", rec->line, *last_line);
	*last_line = rec->line;
	for (i = 0; i < rec->n; i++) {
		FUZZ_CHECK(rec->key[i] != NULL && rec->val[i] != NULL, "field %zu is NULL", i);
		if (rec->bad != NULL)
			continue;
		/* A record not marked bad holds only text the ledger can store. */
		FUZZ_CHECK(mi_utf8_valid(rec->key[i], strlen(rec->key[i])),
		    "line %ld: key %zu is not UTF-8", rec->line, i);
		FUZZ_CHECK(mi_utf8_valid(rec->val[i], strlen(rec->val[i])),
		    "line %ld: value %zu is not UTF-8", rec->line, i);
	}
	if (rec->n > 0)
		FUZZ_CHECK(mi_record_get(rec, rec->key[0]) != NULL, "first key not found");
	if (rec->bad != NULL)
		FUZZ_CHECK(rec->bad[0] != '\0', "empty reason");
}

/*
 * ctl: bits 0-1 the encoding (auto, utf-8, gb18030, auto); bit 2 pads the
 * input so that the first chunk ends pad_at bytes into it. The padding is
 * blanks: every format skips them (CSV trims them off the first field), and
 * one long line costs the reader one step where line ends would cost 64 Ki.
 */
static inline void
fuzz_read(int format, unsigned ctl, unsigned pad_at, const uint8_t *data, size_t size)
{
	static const int encs[] = { MI_ENC_AUTO, MI_ENC_UTF8, MI_ENC_GB18030, MI_ENC_AUTO };
	const mi_record *rec;
	const char *path;
	mi_reader *r;
	mi_err e = { 0, "" };
	size_t npad = 0, nrec = 0;
	long last_line = 0;
	int rc;

	if (fuzz_pad[0] != ' ')
		memset(fuzz_pad, ' ', sizeof(fuzz_pad));
	if (ctl & 4)
		npad = FUZZ_CHUNK - pad_at % 256;
	path = fuzz_file(fuzz_pad, npad, data, size);
	if (mi_reader_open(&r, path, format, encs[ctl & 3], &e) < 0) {
		/* Opening a file that is there fails only for what its start says (UTF-16). */
		FUZZ_CHECK(e.code == MI_EX_DATAERR && e.msg[0] != '\0', "open: %d %s", e.code, e.msg);
		return;
	}
	while ((rc = mi_reader_next(r, &rec, &e)) == 1) {
		fuzz_check_record(rec, &last_line);
		/* Every record consumes input: a reader that loops is a finding too. */
		FUZZ_CHECK(++nrec <= size + 2, "%zu records from %zu bytes", nrec, size);
	}
	FUZZ_CHECK(rc == 0 || rc == -1, "next returned %d", rc);
	if (rc < 0) {
		FUZZ_CHECK(e.code == MI_EX_DATAERR && e.msg[0] != '\0', "error %d '%s'", e.code, e.msg);
		/* An error that stops the input is handed out again, not a new record. */
		FUZZ_CHECK(mi_reader_next(r, &rec, NULL) == -1, "a record after the error");
	} else {
		FUZZ_CHECK(mi_reader_next(r, &rec, NULL) == 0, "a record after the end");
	}
	mi_reader_close(r);
}

#endif
