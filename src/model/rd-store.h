/* rd-store.h: the case store, one SQLite file per council.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "rd-case-event.h"
#include "rd-case.h"
#include "rd-document.h"
#include "rd-person.h"
#include "rd-store-error.h"
#include "rd-rules.h"

G_BEGIN_DECLS

#define RD_TYPE_STORE (rd_store_get_type ())

G_DECLARE_FINAL_TYPE (RdStore, rd_store, RD, STORE, GObject)

/* The schema version this Redress writes; a store stamped higher is refused. */
#define RD_STORE_SCHEMA_VERSION 2

/**
 * RdStoreOpenFlags:
 * @RD_STORE_OPEN_DEFAULT: open an existing store; fail with NOT_FOUND if there is none
 * @RD_STORE_OPEN_CREATE: create the store (and its folder) if the file does not exist
 * @RD_STORE_OPEN_NO_WATCH: do not poll for changes made by other programs
 * @RD_STORE_OPEN_READ_ONLY: only read (a store the user may not write): every
 *   change then fails with RD_STORE_ERROR_READ_ONLY; a store that needs a
 *   migration is refused with it
 */
typedef enum
{
  RD_STORE_OPEN_DEFAULT = 0,
  RD_STORE_OPEN_CREATE = 1 << 0,
  RD_STORE_OPEN_NO_WATCH = 1 << 1,
  RD_STORE_OPEN_READ_ONLY = 1 << 2,
} RdStoreOpenFlags;

/**
 * RdStoreChange:
 * @RD_STORE_CHANGE_CASES: cases, people or events changed
 * @RD_STORE_CHANGE_DOCUMENTS: documents were added or removed
 * @RD_STORE_CHANGE_SETTINGS: council settings (or holiday data) changed
 * @RD_STORE_CHANGE_EXTERNAL: another program (e.g. redress-cli) changed the file: anything may have changed
 *
 * The flags of the #RdStore::changed signal.
 */
typedef enum
{
  RD_STORE_CHANGE_CASES = 1 << 0,
  RD_STORE_CHANGE_DOCUMENTS = 1 << 1,
  RD_STORE_CHANGE_SETTINGS = 1 << 2,
  RD_STORE_CHANGE_EXTERNAL = 1 << 3,
} RdStoreChange;

/*
 * RdStore::changed (RdStore *store, guint what, gint64 case_id)
 *
 * Emitted after every committed change, with RdStoreChange flags in @what and
 * the case concerned (0 when several or unknown). Changes made by another
 * program on the same file are noticed by polling (about once a second, in
 * the thread-default main context of the thread that opened the store) and
 * reported as RD_STORE_CHANGE_EXTERNAL with every other flag set.
 *
 * An RdStore is used from one thread.
 */

/* Council settings keys (rd_store_get_setting() / rd_store_set_setting()). */
#define RD_SETTING_NAME            "name"
#define RD_SETTING_ADDRESS         "address"
#define RD_SETTING_EMAIL           "email"
#define RD_SETTING_CLERK           "clerk"
#define RD_SETTING_DPO             "dpo"
#define RD_SETTING_DIVISION        "division" /* england-and-wales (default), scotland, northern-ireland */
#define RD_SETTING_PREFIX          "prefix"          /* case reference prefix, default "DPC" */
#define RD_SETTING_ACK_DAYS        "ack-days"        /* working days to acknowledge, default 5 */
#define RD_SETTING_RETENTION_YEARS "retention-years" /* default 6 */
#define RD_SETTING_DOCUMENT_LIMIT \
  "document-limit-mb"            /* largest document in MB (1,000,000 bytes), default 256 */
#define RD_SETTING_DEMO "x-demo" /* "1" once rd_store_fill_demo() has filled the store */

/* Where the store lives: the explicit path if not NULL, else $REDRESS_STORE, else the default. */
char *rd_store_resolve_path (const char *explicit_path);
/* g_get_user_data_dir()/redress/council.redress */
char *rd_store_default_path (void);

RdStore    *rd_store_open (const char *path, RdStoreOpenFlags flags, GError **error);
const char *rd_store_get_path (RdStore *self);
/* Closes the database; any later call fails. Also done on finalisation. */
void rd_store_close (RdStore *self);

/* Who is recorded in the audit trail and on events: default g_get_user_name(). */
const char *rd_store_get_actor (RdStore *self);
void        rd_store_set_actor (RdStore *self, const char *actor);
/* How long to wait for another program's write to finish (default 5000 ms). */
void  rd_store_set_busy_timeout (RdStore *self, guint milliseconds);
guint rd_store_get_busy_timeout (RdStore *self);

/*
 * The day the store takes as today for the rules' guards and cached dates
 * (default, or NULL: the local date). redress-cli sets it from --on.
 */
void rd_store_set_today (RdStore *self, const GDate *today);
void rd_store_get_today (RdStore *self, GDate *out_today);

/* ---- council settings ---- */

/* The list of known keys, NULL-terminated. */
const char *const *rd_store_list_setting_keys (void);
/* The value, or the default for a known key with none, else NULL. Newly allocated. */
char *rd_store_get_setting (RdStore *self, const char *key);
int   rd_store_get_setting_int (RdStore *self, const char *key);
/*
 * Checks and saves one setting (in one transaction with its audit entry).
 * Keys beginning with "x-" (e.g. "x-letters-template-en-outcome") are kept for
 * other layers without checking; NULL removes them. Changing the division,
 * ack-days or retention-years works out every case's deadlines again.
 */
gboolean rd_store_set_setting (RdStore *self, const char *key, const char *value, GError **error);
/* The council's logo: PNG, JPEG or SVG bytes, or NULL. */
GBytes  *rd_store_get_logo (RdStore *self);
gboolean rd_store_set_logo (RdStore *self, GBytes *image, GError **error);

/* ---- bank holidays ---- */

/*
 * Loads a newer copy of GOV.UK's bank-holidays.json into the store after the
 * rules' parser has accepted it, and works out every case again. A file the
 * parser refuses changes nothing (RD_STORE_ERROR_INVALID with its message).
 */
gboolean rd_store_load_holidays (RdStore *self, GBytes *json, GError **error);

/**
 * RdStoreHolidaysFlags:
 * @RD_STORE_HOLIDAYS_DEFAULT: refuse a file that looks older than the data in use
 * @RD_STORE_HOLIDAYS_FORCE: load it even so (the clerk is sure)
 */
typedef enum
{
  RD_STORE_HOLIDAYS_DEFAULT = 0,
  RD_STORE_HOLIDAYS_FORCE = 1 << 0,
} RdStoreHolidaysFlags;

/*
 * The same with flags. Without RD_STORE_HOLIDAYS_FORCE (and in
 * rd_store_load_holidays()), a file that, for any division, covers fewer
 * years than the holidays in use (rd_holidays_get_year_range()) or ends in
 * an earlier year is refused with RD_STORE_ERROR_INVALID, and nothing
 * changes: an old download must not silently replace current data.
 */
gboolean rd_store_load_holidays_full (RdStore             *self,
                                      GBytes              *json,
                                      RdStoreHolidaysFlags flags,
                                      GError             **error);
/* The holiday data in use: the store's copy if loaded, else the one shipped. */
GBytes *rd_store_get_holidays_json (RdStore *self, gboolean *out_from_store);

/* The holidays in use, and the working-day calendar of the council's division (transfer none). */
RdHolidays *rd_store_get_holidays (RdStore *self);
RdCalendar *rd_store_get_calendar (RdStore *self);

/* ---- cases and people ---- */

/*
 * Saves a new case with its subject (and representative), a "received"
 * event on its received date, and search entries; sets the case's id,
 * reference and cached status, and the people's ids.
 */
gboolean rd_store_add_case (RdStore *self, RdCase *kase, GError **error);
/*
 * The same, with the case's first events (e.g. "identity-requested" on the
 * day of receipt, "consent-requested" for a representative) in the same
 * transaction. Each event is checked by the rules in turn, against the state
 * the case and the events before it make, as rd_store_add_event() does, and
 * gets its id, case id, recorded-by and recorded-at; the audit trail has
 * "case.create" then one "event.add" per event. If any check fails (the
 * rules' refusal is RD_STORE_ERROR_RULE with their message) nothing is
 * saved: no case, no people, no events, no audit entry; the case, its new
 * people and the events are left unsaved (id 0). @events may be NULL when
 * @n_events is 0.
 */
gboolean rd_store_add_case_with_events (RdStore      *self,
                                        RdCase       *kase,
                                        RdCaseEvent **events,
                                        guint         n_events,
                                        GError      **error);
RdCase  *rd_store_get_case (RdStore *self, gint64 case_id, GError **error);
/* Looks a case up by reference (case-insensitive). */
RdCase *rd_store_find_case (RdStore *self, const char *reference, GError **error);
/* Saves edits to summary, channel, about, representative and authority. */
gboolean  rd_store_update_case (RdStore *self, RdCase *kase, GError **error);
RdPerson *rd_store_get_person (RdStore *self, gint64 person_id, GError **error);
gboolean  rd_store_update_person (RdStore *self, RdPerson *person, GError **error);
/*
 * Restriction of processing (UK GDPR article 18): while a person is
 * restricted, no event, document or change is recorded on their cases
 * (RD_STORE_ERROR_RESTRICTED); they can still be exported, have their own
 * details corrected (rd_store_update_person()), and be destroyed.
 */
gboolean rd_store_set_restricted (RdStore *self,
                                  gint64   person_id,
                                  gboolean restricted,
                                  GError **error);
/* The ids of every case, newest first, for exports and tools; lists use RdCaseList. */
GArray *rd_store_list_case_ids (RdStore *self, GError **error);

/**
 * RdStoreDestroyFlags:
 * @RD_STORE_DESTROY_DEFAULT: only a case whose retention period has ended
 * @RD_STORE_DESTROY_BEFORE_RETENTION_ENDS: also a case still within it (an erasure request)
 */
typedef enum
{
  RD_STORE_DESTROY_DEFAULT = 0,
  RD_STORE_DESTROY_BEFORE_RETENTION_ENDS = 1 << 0,
} RdStoreDestroyFlags;

/*
 * Deletes a case for good: its events, documents, search entries, and its
 * people where no other case refers to them; secure_delete zeroes the freed
 * pages and the write-ahead log is truncated. The audit trail keeps one entry
 * with the case's id only (and "before-retention-ends=1" for an early one).
 * A @today after the real local date is refused (RD_STORE_ERROR_INVALID):
 * destruction cannot be brought forward by moving "today".
 */
gboolean rd_store_destroy_case (RdStore            *self,
                                gint64              case_id,
                                const GDate        *today,
                                RdStoreDestroyFlags flags,
                                GError            **error);
/* Destroys every case whose retention ended before @today; sets the count. */
gboolean rd_store_destroy_due (RdStore     *self,
                               const GDate *today,
                               guint       *out_n_destroyed,
                               GError     **error);

/* ---- events and deadlines ---- */

/*
 * The case's status, deadlines and allowed actions, folded by the rules from
 * its events with the council's calendar, as of @today (NULL: the store's
 * today). A fresh value each time: nothing in it is stored.
 */
RdCaseState *rd_store_get_case_state (RdStore     *self,
                                      gint64       case_id,
                                      const GDate *today,
                                      GError     **error);

/* The case's events in timeline order (date, then order recorded). */
GPtrArray *rd_store_list_events (RdStore *self, gint64 case_id, GError **error);
/*
 * Asks the rules whether the event may be recorded now, without recording
 * it: RD_STORE_ERROR_RULE with the rules' message if not.
 */
gboolean rd_store_check_event (RdStore *self, gint64 case_id, RdCaseEvent *event, GError **error);
/*
 * Records an event after the rules' guard allowed it, and updates the case's
 * cached status and next due date in the same transaction. Sets the event's
 * id, case id, recorded-by and recorded-at. Returns the id, 0 on error.
 */
gint64 rd_store_add_event (RdStore *self, gint64 case_id, RdCaseEvent *event, GError **error);
/* The same, with a document (e.g. the letter as sent) saved in the same transaction. */
gint64 rd_store_add_event_with_document (RdStore     *self,
                                         gint64       case_id,
                                         RdCaseEvent *event,
                                         const char  *name,
                                         const char  *media_type,
                                         const char  *kind,
                                         GBytes      *content,
                                         GError     **error);

/*
 * The case as JSON, the shape of `redress-cli show --json` (docs/store.md):
 * ref, status, received, complainant, representative, events, deadlines
 * (acknowledge, respond, review_respond with due, state, met_on, working),
 * next_due, retain_until and documents. Deadlines are worked out for @today.
 */
JsonNode *rd_store_case_to_json (RdStore *self, gint64 case_id, const GDate *today, GError **error);

/* ---- documents ---- */

/*
 * Copies @size bytes from @content into the store in pieces (never the whole
 * document in memory), computing its SHA-256 on the way. Fails with
 * RD_STORE_ERROR_TOO_LARGE past the council's limit. Returns the id, 0 on error.
 */
gint64      rd_store_add_document (RdStore      *self,
                                   gint64        case_id,
                                   const char   *name,
                                   const char   *media_type,
                                   const char   *kind,
                                   GInputStream *content,
                                   goffset       size,
                                   GCancellable *cancellable,
                                   GError      **error);
gint64      rd_store_add_document_from_file (RdStore      *self,
                                             gint64        case_id,
                                             GFile        *file,
                                             const char   *kind,
                                             GCancellable *cancellable,
                                             GError      **error);
gint64      rd_store_add_document_from_bytes (RdStore    *self,
                                              gint64      case_id,
                                              const char *name,
                                              const char *media_type,
                                              const char *kind,
                                              GBytes     *content,
                                              GError    **error);
RdDocument *rd_store_get_document (RdStore *self, gint64 document_id, GError **error);
/* Finds a case's document by file name (the newest if several). */
RdDocument *rd_store_find_document (RdStore *self, gint64 case_id, const char *name, GError **error);
GPtrArray  *rd_store_list_documents (RdStore *self, gint64 case_id, GError **error);
/*
 * A seekable stream over the document's content, read in pieces from the
 * store. Keep it only as long as needed: it holds a read transaction open.
 */
GInputStream *rd_store_open_document (RdStore *self, gint64 document_id, GError **error);
/* The whole content in memory: for small documents (letters) only. */
GBytes *rd_store_load_document (RdStore *self, gint64 document_id, GError **error);
/* Writes the content to @dest (replacing it), checking its SHA-256 on the way. */
gboolean rd_store_save_document (RdStore      *self,
                                 gint64        document_id,
                                 GFile        *dest,
                                 GCancellable *cancellable,
                                 GError      **error);

/* ---- integrity, backup, export ---- */

/*
 * Checks the database's integrity, the audit trail's hash chain from the
 * first entry to the last, and every document's SHA-256.
 * RD_STORE_ERROR_CORRUPT says where it broke.
 */
gboolean rd_store_verify (RdStore *self, guint64 *out_n_entries, GError **error);
/* A consistent copy through SQLite's online backup, safe while others use the store. */
gboolean rd_store_backup (RdStore      *self,
                          const char   *dest_path,
                          GCancellable *cancellable,
                          GError      **error);
/* Replaces the store's content with a backup that passes rd_store_verify(). */
gboolean rd_store_restore (RdStore *self, const char *backup_path, GError **error);

/*
 * Everything the store holds, as JSON (ISO dates), for the council's own use:
 * the council's settings, every case, and the whole audit trail ("audit").
 */
gboolean rd_store_export_json (RdStore       *self,
                               GOutputStream *out,
                               const GDate   *today,
                               GCancellable  *cancellable,
                               GError       **error);
/**
 * RdStoreExportFlags:
 * @RD_STORE_EXPORT_DEFAULT: documents' names, types, sizes and SHA-256 only
 * @RD_STORE_EXPORT_DOCUMENT_CONTENT: also each document's content, in base64
 */
typedef enum
{
  RD_STORE_EXPORT_DEFAULT = 0,
  RD_STORE_EXPORT_DOCUMENT_CONTENT = 1 << 0,
} RdStoreExportFlags;

/*
 * Everything the store holds about one person, as JSON (docs/store.md, "What
 * is held about one person"), for a subject access or portability request:
 * their record, and every case where they are the data subject or the
 * representative, each in the shape of `show --json` with "role"; the other
 * party on a case is given by name (and authority) only. Document contents
 * are left out unless RD_STORE_EXPORT_DOCUMENT_CONTENT (then streamed in
 * pieces, their SHA-256 checked). "audit" holds the audit entries whose
 * records name the person or one of those cases. Appends "person.export
 * person=ID" to the audit trail before writing (ids only), so it is the last
 * of them. The council must still read it for
 * others' personal data in notes and documents before sending it.
 */
gboolean rd_store_export_person_json (RdStore           *self,
                                      gint64             person_id,
                                      RdStoreExportFlags flags,
                                      GOutputStream     *out,
                                      const GDate       *today,
                                      GCancellable      *cancellable,
                                      GError           **error);
/* One row per case, in the columns rd_store_import_csv() reads (docs/store.md). */
gboolean rd_store_export_csv (RdStore       *self,
                              GOutputStream *out,
                              GCancellable  *cancellable,
                              GError       **error);
/*
 * The audit trail as CSV, one row per entry, oldest first, in the audit
 * table's columns: id, at, who, action, records, prev_hash, hash.
 */
gboolean rd_store_export_audit_csv (RdStore       *self,
                                    GOutputStream *out,
                                    GCancellable  *cancellable,
                                    GError       **error);
/*
 * Imports cases from CSV (docs/store.md lists the columns). Every row is
 * checked first; if any is wrong nothing is written and the error lists
 * each problem with its line number, one per line.
 */
gboolean rd_store_import_csv (RdStore *self, GBytes *csv, guint *out_n_cases, GError **error);

/* ---- audit trail ---- */

/*
 * The number of audit entries, and the last one's action id, for status
 * displays. Entries hold who, what (an action id such as "case.create"),
 * when (UTC) and record ids, never personal data.
 */
guint64 rd_store_count_audit_entries (RdStore *self);

/**
 * RdAuditEntry:
 * @id: its number, from 1, without gaps
 * @at: when, UTC, ISO 8601 ("2026-05-04T09:15:02.123456Z")
 * @who: the actor (rd_store_set_actor())
 * @action: an action id: "store.create", "case.create", "event.add", …
 * @records: the record ids concerned, e.g. "case=12 event=40 kind=acknowledged"
 * @prev_hash: the previous entry's hash (64 zeros for the first)
 * @hash: SHA-256 (hex) of "prev_hash\nid\nat\nwho\naction\nrecords"
 */
typedef struct
{
  gint64 id;
  char  *at;
  char  *who;
  char  *action;
  char  *records;
  char  *prev_hash;
  char  *hash;
} RdAuditEntry;

void rd_audit_entry_free (RdAuditEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdAuditEntry, rd_audit_entry_free)

/* Up to @limit entries with an id above @after_id, in order (element-type RdAuditEntry). */
GPtrArray *rd_store_list_audit_entries (RdStore *self, gint64 after_id, guint limit, GError **error);

/* ---- demo data ---- */

/*
 * Fills the store with @n_cases synthetic cases received over the six years
 * before @today, in every status, deterministic for @seed. For trying the
 * app and for benchmarks. Refused (RD_STORE_ERROR_INVALID, nothing written)
 * if the store holds any case that is not a demo case; sets RD_SETTING_DEMO.
 */
gboolean rd_store_fill_demo (RdStore     *self,
                             guint        n_cases,
                             guint32      seed,
                             const GDate *today,
                             GError     **error);

G_END_DECLS
